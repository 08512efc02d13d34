import GRDB
import ScreenVaxCore

/// Whether a screening subject or a recall case is registered in an area, for the rooms that
/// follow people up (the call queue, the assist interface) without reading the screening tables.
public enum ScreeningArea {
    /// SQL true when the pregnancy or newborn whose uuid is `subjectUUID` (an SQL expression) is
    /// registered in the area, with its arguments; nil for the province.
    public static func subjectPredicate(subjectUUID: String, area: AreaScope) -> (sql: String, arguments: [String])? {
        guard let s = area.columnFilter("s"), let n = area.columnFilter("n") else { return nil }
        return ("""
                (EXISTS (SELECT 1 FROM screening_pregnancies s WHERE s.uuid = \(subjectUUID)\(s.sql))
                 OR EXISTS (SELECT 1 FROM screening_newborns n WHERE n.uuid = \(subjectUUID)\(n.sql)))
                """, [s.code, n.code])
    }

    /// SQL true when the recall case whose uuid is `caseUUID` (an SQL expression) is in the area.
    public static func casePredicate(caseUUID: String, area: AreaScope) -> (sql: String, arguments: [String])? {
        area.columnFilter("k").map { f in
            ("EXISTS (SELECT 1 FROM screening_recall_cases k WHERE k.uuid = \(caseUUID)\(f.sql))", [f.code])
        }
    }

    /// Whether the person has a pregnancy or a birth registered in the area.
    public static func contains(_ db: Database, personID: Int64, area: AreaScope) throws -> Bool {
        guard let s = area.columnFilter("s"), let n = area.columnFilter("n") else { return true }
        return try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM screening_pregnancies s WHERE s.person_id = ?\(s.sql))
                OR EXISTS (SELECT 1 FROM screening_newborns n WHERE n.person_id = ?\(n.sql))
            """), arguments: [personID, s.code, personID, n.code]) ?? false
    }
}
