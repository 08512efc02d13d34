import GRDB
import ScreenVaxCore
import Store

/// A service a woman declined for her pregnancy or her newborn.
public struct DeclineRecord: Sendable, Hashable {
    public let uuid: String
    public let version: Int
    public let subjectKey: Int64
    public let service: String
    public let reason: String
    public let by: String
    public let on: CalendarDate
    public let liftedOn: CalendarDate?

    init(row r: Row) {
        uuid = r["uuid"]; version = r["version"]; subjectKey = r["subject_key"]; service = r["service"]; reason = r["reason"]
        by = r["declined_by"]; on = CalendarDate(iso: r["declined_on"] as String) ?? CalendarDate(dayNumber: 0)
        liftedOn = (r["lifted_on"] as String?).flatMap { CalendarDate(iso: $0) }
    }

    public var json: String {
        var w = JSONWriter()
        w.string("decline_id", uuid); w.string("service", service); w.string("reason", reason); w.string("by", by.isEmpty ? nil : by)
        w.string("declined_on", on.iso); w.string("lifted_on", liftedOn?.iso)
        return w.finished()
    }
}

public enum DeclineRecords {
    /// Every refusal of a subject, standing and lifted, oldest first.
    public static func of(_ db: Database, subjectKey: Int64) throws -> [DeclineRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM screening_declines WHERE subject_key = ? ORDER BY id"),
                         arguments: [subjectKey]).map(DeclineRecord.init)
    }

    /// Standing refusals, as subject key → services: what the due list leaves out.
    public static func standing(_ db: Database) throws -> [Int64: Set<String>] {
        var out: [Int64: Set<String>] = [:]
        for r in try Row.fetchAll(db.cachedStatement(sql: "SELECT subject_key, service FROM screening_declines WHERE lifted_on IS NULL")) {
            out[r[0], default: []].insert(r[1])
        }
        return out
    }

    public static func standing(_ db: Database, subjectKey: Int64) throws -> Set<String> {
        Set(try String.fetchAll(db.cachedStatement(sql: "SELECT service FROM screening_declines WHERE subject_key = ? AND lifted_on IS NULL"),
                                arguments: [subjectKey]))
    }

    public static func insert(_ db: Database, subject: SubjectRef, service: String, reason: String, by: String, on day: CalendarDate,
                              at: String) throws -> DeclineRecord {
        try db.cachedStatement(sql: """
            INSERT INTO screening_declines (uuid, subject, subject_key, pregnancy_id, newborn_id, service, reason, declined_by, declined_on,
              county_code, city_code, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [RecordID.make(), subject.subject.rawValue, subject.key, subject.pregnancy.id, subject.newborn?.id, service,
                                     reason, by, day.iso, subject.countyCode, subject.cityCode, at])
        return try enqueue(db, id: db.lastInsertedRowID, subjectUUID: subject.uuid, at: at)
    }

    /// A result for a declined service lifts the refusal: she came after all.
    static func lift(_ db: Database, subject: SubjectRef, service: String, resultID: Int64, on day: CalendarDate, at: String) throws {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM screening_declines WHERE subject_key = ? AND service = ? AND lifted_on IS NULL"),
                                          arguments: [subject.key, service]) else { return }
        try db.execute(sql: "UPDATE screening_declines SET lifted_on = ?, lifted_result_id = ?, version = version + 1 WHERE id = ?",
                       arguments: [day.iso, resultID, id])
        _ = try enqueue(db, id: id, subjectUUID: subject.uuid, at: at)
    }

    static func enqueue(_ db: Database, id: Int64, subjectUUID: String, at: String) throws -> DeclineRecord {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM screening_declines WHERE id = ?"), arguments: [id]) else {
            throw ScreeningError.missingValue(field: "decline", what: "a stored refusal")
        }
        let d = DeclineRecord(row: row)
        var w = JSONWriter()
        w.string("uuid", d.uuid); w.int("version", d.version); w.string("subject", row["subject"] as String); w.string("subject_uuid", subjectUUID)
        w.string("service", d.service); w.string("reason", d.reason); w.string("declined_by", d.by.isEmpty ? nil : d.by)
        w.string("declined_on", d.on.iso); w.string("lifted_on", d.liftedOn?.iso); w.string("county_code", row["county_code"] as String)
        try Outbox.enqueue(db, type: "screening_decline", uuid: d.uuid, version: d.version, payload: w.finished(), at: at)
        return d
    }
}
