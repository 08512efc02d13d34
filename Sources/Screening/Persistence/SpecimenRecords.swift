import GRDB
import ScreenVaxCore
import Store

/// A specimen as stored.
public struct SpecimenRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: String
    public let version: Int
    public let service: String
    public let specimenNo: String
    public let subject: Subject
    public let subjectKey: Int64
    public let collectedAt: String
    public let institution: String
    public let dispatchedAt: String?
    public let lab: String?
    public let receivedAt: String?
    public let rejected: String?
    public let stage: SpecimenStage
    public let stageDay: CalendarDate
    public let countyCode: String

    init(row r: Row) {
        id = r["id"]; uuid = r["uuid"]; version = r["version"]; service = r["service"]; specimenNo = r["specimen_no"]
        subject = Subject(rawValue: r["subject"] as String) ?? .newborn; subjectKey = r["subject_key"]; collectedAt = r["collected_at"]
        institution = r["institution"]; dispatchedAt = r["dispatched_at"]; lab = r["lab"]; receivedAt = r["received_at"]
        rejected = r["rejected"]; stage = SpecimenStage(rawValue: r["stage"] as String) ?? .collected
        stageDay = CalendarDate(dayNumber: r["stage_day"]); countyCode = r["county_code"]
    }
}

public enum SpecimenRecords {
    /// Every specimen with this number (a heel-prick card carries the metabolic and the deafness
    /// gene specimen under one number), narrowed to one service when given.
    public static func find(_ db: Database, number: String, service: String? = nil) throws -> [SpecimenRecord] {
        if let service {
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM screening_specimens WHERE specimen_no = ? AND service = ?"),
                                    arguments: [number, service]).map(SpecimenRecord.init)
        }
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM screening_specimens WHERE specimen_no = ? ORDER BY service"),
                                arguments: [number]).map(SpecimenRecord.init)
    }

    public static func insert(_ db: Database, subject: SubjectRef, service: String, number: String, collected: ClinicalTime,
                              institution: String, at: String) throws -> SpecimenRecord {
        let uuid = RecordID.make()
        try db.cachedStatement(sql: """
            INSERT INTO screening_specimens (uuid, service, specimen_no, subject, subject_key, pregnancy_id, newborn_id, collected_at,
              institution, stage, stage_day, county_code, city_code, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'collected', ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, service, number, subject.subject.rawValue, subject.key, subject.pregnancy.id, subject.newborn?.id,
                                     collected.description, institution, collected.date.dayNumber, subject.countyCode, subject.cityCode, at, at])
        return try enqueue(db, id: db.lastInsertedRowID, subjectUUID: subject.uuid, at: at)
    }

    /// A stage change: a new version with its outbox entry.
    public static func advance(_ db: Database, _ s: SpecimenRecord, to stage: SpecimenStage, on day: CalendarDate, set: [String: String?],
                               subjectUUID: String, at: String) throws -> SpecimenRecord {
        let allowed: Set<String> = ["dispatched_at", "lab", "received_at", "rejected"]
        let columns = set.keys.filter(allowed.contains).sorted()
        let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
        var args: [(any DatabaseValueConvertible)?] = columns.map { set[$0] ?? nil }
        args += [stage.rawValue, day.dayNumber, at, s.id]
        try db.execute(sql: "UPDATE screening_specimens SET \(assignments.isEmpty ? "" : assignments + ", ")stage = ?, stage_day = ?, version = version + 1, updated_at = ? WHERE id = ?",
                       arguments: StatementArguments(args))
        return try enqueue(db, id: s.id, subjectUUID: subjectUUID, at: at)
    }

    /// The subject's specimen a result answers: the one numbered on the result, else the oldest
    /// still waiting for a result. Marks it `resulted`.
    static func attachResult(_ db: Database, subject: SubjectRef, service: String, number: String?, resultID: Int64,
                             day: CalendarDate, at: String) throws {
        var sql = "SELECT * FROM screening_specimens WHERE subject_key = ? AND service = ? AND stage IN ('collected', 'dispatched', 'received')"
        var args: StatementArguments = [subject.key, service]
        if let number { sql += " AND specimen_no = ?"; args += [number] }
        guard let s = try Row.fetchOne(db.cachedStatement(sql: sql + " ORDER BY id LIMIT 1"), arguments: args).map(SpecimenRecord.init) else { return }
        try db.execute(sql: "UPDATE screening_specimens SET result_id = ?, stage = 'resulted', stage_day = ?, version = version + 1, updated_at = ? WHERE id = ?",
                       arguments: [resultID, day.dayNumber, at, s.id])
        _ = try enqueue(db, id: s.id, subjectUUID: subject.uuid, at: at)
    }

    /// Specimens waiting at a stage (collected, dispatched, received), oldest first.
    public static func waiting(_ db: Database, county: String? = nil) throws -> [SpecimenRecord] {
        var sql = "SELECT * FROM screening_specimens WHERE stage IN ('collected', 'dispatched', 'received')"
        var args: StatementArguments = []
        if let county { sql += " AND county_code = ?"; args += [county] }
        return try Row.fetchAll(db, sql: sql + " ORDER BY stage_day, id", arguments: args).map(SpecimenRecord.init)
    }

    /// Rejected cards not followed by another specimen of the same subject and service: the
    /// recollections the due list shows, as subject key → service → the day of rejection.
    public static func recollections(_ db: Database) throws -> [Int64: [String: CalendarDate]] {
        var out: [Int64: [String: CalendarDate]] = [:]
        for r in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.subject_key, s.service, s.stage_day FROM screening_specimens s WHERE s.stage = 'rejected'
              AND NOT EXISTS (SELECT 1 FROM screening_specimens t WHERE t.subject_key = s.subject_key AND t.service = s.service AND t.id > s.id)
            """)) {
            out[r[0], default: [:]][r[1]] = CalendarDate(dayNumber: r[2])
        }
        return out
    }

    static func enqueue(_ db: Database, id: Int64, subjectUUID: String, at: String) throws -> SpecimenRecord {
        guard let s = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM screening_specimens WHERE id = ?"), arguments: [id]).map(SpecimenRecord.init) else {
            throw ScreeningError.specimenNotFound(String(id))
        }
        try Outbox.enqueue(db, type: "specimen", uuid: s.uuid, version: s.version, payload: payload(s, subjectUUID: subjectUUID), at: at)
        return s
    }

    /// The specimen's wire record (Schemas/sync/specimen.schema.json).
    public static func payload(_ s: SpecimenRecord, subjectUUID: String) -> String {
        var w = JSONWriter()
        w.string("uuid", s.uuid); w.int("version", s.version); w.string("service", s.service); w.string("specimen_no", s.specimenNo)
        w.string("subject", s.subject.rawValue); w.string("subject_uuid", subjectUUID); w.string("collected_at", s.collectedAt)
        w.string("institution", s.institution); w.string("dispatched_at", s.dispatchedAt); w.string("lab", s.lab)
        w.string("received_at", s.receivedAt); w.string("rejected", s.rejected); w.string("stage", s.stage.rawValue)
        w.string("county_code", s.countyCode)
        return w.finished()
    }
}
