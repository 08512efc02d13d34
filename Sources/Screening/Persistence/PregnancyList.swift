import GRDB
import ScreenVaxCore
import Store

/// A pregnancy with the woman's name and ID, as lists and her page show it.
public struct PregnancyListEntry: Sendable {
    public let pregnancy: PregnancyRecord
    public let name: String
    public let residentID: String?
    public let newborns: Int
}

public enum PregnancyList {
    /// Open pregnancies of a county or a city (nil, nil: the province), the latest registered first.
    public static func open(_ db: Database, county: String?, city: String?, limit: Int) throws -> [PregnancyListEntry] {
        var sql = """
            SELECT p.uuid, m.name, m.resident_id, (SELECT COUNT(*) FROM screening_newborns n WHERE n.pregnancy_id = p.id)
            FROM screening_pregnancies p JOIN persons m ON m.id = p.person_id WHERE p.outcome IS NULL
            """
        var args: [any DatabaseValueConvertible] = []
        if let county { sql += " AND p.county_code = ?"; args.append(county) }
        if let city { sql += " AND p.city_code = ?"; args.append(city) }
        sql += " ORDER BY p.registered_day DESC, p.id DESC LIMIT ?"
        args.append(limit)
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { r in
            try PregnancyRecords.find(db, uuid: r[0]).map { PregnancyListEntry(pregnancy: $0, name: r[1], residentID: r[2], newborns: r[3]) }
        }
    }

    /// Every pregnancy of the woman with this resident ID, the latest first.
    public static func of(_ db: Database, residentID: String) throws -> [PregnancyListEntry] {
        guard let person = try Persons.find(db, residentID: residentID) else { return [] }
        return try PregnancyID.fetchAll(db, sql: "SELECT uuid FROM screening_pregnancies WHERE person_id = ? ORDER BY lmp_day DESC, id DESC",
                                   arguments: [person.id]).compactMap { try entry(db, uuid: $0) }
    }

    /// One pregnancy with the woman's name and ID.
    public static func entry(_ db: Database, uuid: PregnancyID) throws -> PregnancyListEntry? {
        guard let p = try PregnancyRecords.find(db, uuid: uuid), let m = try Persons.find(db, id: p.personID) else { return nil }
        let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM screening_newborns WHERE pregnancy_id = ?", arguments: [p.id]) ?? 0
        return PregnancyListEntry(pregnancy: p, name: m.name, residentID: m.residentID, newborns: n)
    }

    /// What is due for this pregnancy now (the due list's rule for one subject).
    public static func due(_ db: Database, _ p: PregnancyRecord, programme: ScreeningProgramme, asOf: CalendarDate) throws -> [DueItem] {
        guard p.isOpen else { return [] }
        let subject = try WorkListQueries.dueSubject(db, pregnancy: p)
        return DueList.items(for: subject, programme: programme, asOf: asOf)
    }
}
