import ScreenVaxCore
import ScreenVaxMacros
import Store

/// What every HPV use case needs: the programme, the divisions, today (read once per command or
/// request, in China Standard Time), who acts (the audit identity) and the caller's area.
@PublicInit
public struct HPVContext: Sendable {
    public let programme: HPVProgramme
    public let divisions: Divisions
    public let today: CalendarDate
    public let audit: AuditLog
    /// A web or API user's area: girls outside it do not exist for her, a roster never changes
    /// them, and what a lookup finds outside it is told neutrally and counted (`ConflictBudget`).
    /// nil for the command line, the county office's own tool over the whole register.
    public let area: AreaScope?

    /// Whether a record of this county (of this city) is inside the caller's area.
    public func covers(countyCode: String, cityCode: String) -> Bool {
        area?.contains(countyCode: countyCode, cityCode: cityCode) ?? true
    }

    public func covers(_ girl: Girl) -> Bool { covers(countyCode: girl.countyCode, cityCode: girl.cityCode) }

    /// 南昌市东湖区 for a county code (the code itself when unknown).
    func countyName(_ code: String) -> String {
        divisions.county(code: code).map { $0.cityName + $0.name } ?? code
    }

    /// Before a lookup by resident ID: a caller bound to an area who has had her conflict answers waits.
    func checkBudget(_ database: RegistryDatabase) throws {
        guard area != nil else { return }
        let audit = self.audit
        try database.read { db in try ConflictBudget.check(db, audit: audit) }
    }
}
