import GRDB
import ScreenVaxCore

/// Whether a person is enrolled in an area, for the rooms that follow people up (the call queue,
/// the assist interface) without reading HPV's tables themselves.
public enum EnrolmentArea {
    /// SQL true when the person whose uuid is `personUUID` (an SQL expression) has an enrolment in
    /// the area, with its argument; nil for the province (every person is in it).
    public static func predicate(personUUID: String, area: AreaScope) -> (sql: String, arguments: [String])? {
        area.columnFilter("e").map { f in
            ("EXISTS (SELECT 1 FROM persons p JOIN hpv_enrollments e ON e.person_id = p.id WHERE p.uuid = \(personUUID)\(f.sql))", [f.code])
        }
    }

    public static func contains(_ db: Database, personID: Int64, area: AreaScope) throws -> Bool {
        guard let f = area.columnFilter("e") else { return true }
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM hpv_enrollments e WHERE e.person_id = ?\(f.sql))"),
                                 arguments: [personID, f.code]) ?? false
    }
}
