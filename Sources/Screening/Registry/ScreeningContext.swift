import ScreenVaxCore
import ScreenVaxMacros
import Store

/// What every screening operation needs: the programme, the divisions, today's date (read once by
/// the command, in China Standard Time) and the audit identity (operator and timestamp).
@PublicInit
public struct ScreeningContext: Sendable {
    public let programme: ScreeningProgramme
    public let divisions: Divisions
    public let today: CalendarDate
    public let audit: AuditLog

    var at: String { audit.timestamp }

    func service(_ code: String) throws(ScreeningError) -> Service {
        guard let s = programme.service(code.lowercased()) else {
            throw .unknownService(code, known: programme.services.map(\.code))
        }
        return s
    }
}
