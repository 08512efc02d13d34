import GRDB
import ScreenVaxCore
import Store

public enum TransferState: String, Sendable, Codable, CaseIterable {
    case pending, confirmed, declined
}

/// A request to move a girl's enrolment from the county that holds her to the one that asks.
public struct TransferRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: String
    public let programme: String
    public let personID: Int64
    public let fromCounty: String
    public let fromCity: String
    public let toCounty: String
    public let toCity: String
    /// Her new place as the receiving county knows it; nil keeps what her enrolment says.
    public let school: String?
    public let className: String?
    public let guardianName: String?
    public let guardianPhone: String?
    public let state: TransferState
    public let requestedBy: String
    public let requestedAt: String
    public let decidedBy: String?
    public let decidedAt: String?
    public let reason: String

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; programme = row["programme"]; personID = row["person_id"]
        fromCounty = row["from_county"]; fromCity = row["from_city"]; toCounty = row["to_county"]; toCity = row["to_city"]
        school = row["school"]; className = row["class_name"]; guardianName = row["guardian_name"]; guardianPhone = row["guardian_phone"]
        state = TransferState(rawValue: row["state"]) ?? .pending
        requestedBy = row["requested_by"]; requestedAt = row["requested_at"]
        decidedBy = row["decided_by"]; decidedAt = row["decided_at"]; reason = row["reason"]
    }
}

public enum TransferRecords {
    /// The most a listing carries: a county's open requests are a handful.
    static let listLimit = 1_000

    public struct New: Sendable {
        let person: PersonRecord
        let from: (county: String, city: String)
        let to: County
        let school: String?
        let className: String?
        let guardianName: String?
        let guardianPhone: String?
    }

    static func insert(_ db: Database, programme: String, _ n: New, audit: AuditLog) throws -> TransferRecord {
        let uuid = RecordID.make()
        try db.execute(sql: """
            INSERT INTO hpv_transfers (uuid, programme, person_id, from_county, from_city, to_county, to_city, school, class_name,
              guardian_name, guardian_phone, requested_by, requested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, programme, n.person.id, n.from.county, n.from.city, n.to.code, n.to.cityCode, n.school, n.className,
                             n.guardianName, n.guardianPhone, audit.operatorName, audit.timestamp])
        guard let record = try find(db, uuid: uuid) else { throw HPVError.transferNotFound(uuid) }
        return record
    }

    public static func find(_ db: Database, uuid: String) throws -> TransferRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM hpv_transfers WHERE uuid = ?", arguments: [uuid]).map(TransferRecord.init)
    }

    static func pending(_ db: Database, programme: String, personID: Int64) throws -> TransferRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM hpv_transfers WHERE programme = ? AND person_id = ? AND state = 'pending'",
                         arguments: [programme, personID]).map(TransferRecord.init)
    }

    static func decide(_ db: Database, _ t: TransferRecord, state: TransferState, reason: String, audit: AuditLog) throws -> TransferRecord {
        try db.execute(sql: "UPDATE hpv_transfers SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?",
                       arguments: [state.rawValue, audit.operatorName, audit.timestamp, reason, t.id])
        guard let record = try find(db, uuid: t.uuid) else { throw HPVError.transferNotFound(t.uuid) }
        return record
    }

    /// Open requests whose girl is held (`from`) or asked for (`to`) by a county of the area, oldest first.
    static func pending(_ db: Database, programme: String, side: String, area: AreaScope?) throws -> [TransferRecord] {
        var sql = "SELECT * FROM hpv_transfers WHERE programme = ? AND state = 'pending'"
        var args: [(any DatabaseValueConvertible)?] = [programme]
        if let c = area?.countyCode { sql += " AND \(side)_county = ?"; args.append(c) }
        if let c = area?.cityCode { sql += " AND \(side)_city = ?"; args.append(c) }
        sql += " ORDER BY requested_at, id LIMIT \(listLimit)"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(TransferRecord.init)
    }
}
