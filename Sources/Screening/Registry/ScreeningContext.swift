import ScreenVaxCore
import Store

/// What every screening operation needs: the programme, the divisions, today's date (read once by
/// the command, in China Standard Time) and the audit identity (operator and timestamp).
public struct ScreeningContext: Sendable {
    public let programme: ScreeningProgramme
    public let divisions: Divisions
    public let today: CalendarDate
    public let audit: AuditLog

    public init(programme: ScreeningProgramme, divisions: Divisions, today: CalendarDate, audit: AuditLog) {
        self.programme = programme
        self.divisions = divisions
        self.today = today
        self.audit = audit
    }

    var at: String { audit.timestamp }

    func service(_ code: String) throws(ScreeningError) -> Service {
        guard let s = programme.service(code.lowercased()) else {
            throw .unknownService(code, known: programme.services.map(\.code))
        }
        return s
    }
}
