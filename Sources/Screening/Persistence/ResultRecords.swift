import GRDB
import ScreenVaxCore
import Store

/// The subject of a result: a pregnancy, or a newborn of a pregnancy.
public struct SubjectRef: Sendable {
    public let pregnancy: PregnancyRecord
    public let newborn: NewbornRecord?

    public init(pregnancy: PregnancyRecord, newborn: NewbornRecord?) {
        self.pregnancy = pregnancy
        self.newborn = newborn
    }

    public var subject: Subject { newborn == nil ? .pregnancy : .newborn }
    /// One integer key for both kinds: the pregnancy id, or minus the newborn id.
    public var key: Int64 { newborn.map { -$0.id } ?? pregnancy.id }
    public var uuid: String { newborn?.uuid ?? pregnancy.uuid }
    public var countyCode: String { newborn?.countyCode ?? pregnancy.countyCode }
    public var cityCode: String { newborn?.cityCode ?? pregnancy.cityCode }
}

/// An earlier result of the same subject and service, as the recording rules need it.
public struct PriorResult: Sendable, Hashable {
    public let performedAt: String
    public let outcome: ResultOutcome
    public let subsidised: Bool
    public let valueText: String
    public let conclusion: String?
    public let uuid: String
}

/// A result as the insert writes it.
public struct NewResult: Sendable {
    public var service: String
    public var performed: ClinicalTime
    public var institution: String
    public var values: ResultValues
    public var conclusion: LabConclusion?
    public var classification: Classification
    public var attempt: Int
    /// The first result that screened (not a not-assessable one): what screening rates count.
    public var firstScreen: Bool
    public var isRepeat: Bool
    public var subsidised: Bool
    public var flags: [String]
}

public enum ResultRecords {
    public static func prior(_ db: Database, subject: SubjectRef, service: String) throws -> [PriorResult] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT performed_at, outcome, subsidised, value_text, conclusion, uuid FROM screening_results
            WHERE subject_key = ? AND service = ? ORDER BY performed_at, id
            """), arguments: [subject.key, service])
        return rows.map {
            PriorResult(performedAt: $0[0], outcome: ResultOutcome(rawValue: $0[1])!, subsidised: $0[2],
                        valueText: $0[3], conclusion: $0[4], uuid: $0[5])
        }
    }

    /// Inserts a result with its outbox entry; returns its row id and uuid.
    public static func insert(_ db: Database, _ r: NewResult, subject: SubjectRef, batchID: Int64?, at: String) throws -> (id: Int64, uuid: String) {
        let uuid = RecordID.make()
        let flags = r.flags.joined(separator: ",")
        try db.cachedStatement(sql: """
            INSERT INTO screening_results (uuid, version, service, subject, pregnancy_id, newborn_id, subject_key, performed_at,
              result_day, institution, value_text, conclusion, outcome, rule_version, attempt, first_screen, is_repeat, subsidised,
              flags, county_code, city_code, import_batch_id, recorded_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, r.service, subject.subject.rawValue, subject.pregnancy.id, subject.newborn?.id, subject.key,
                                     r.performed.description, r.performed.date.dayNumber, r.institution, r.values.json,
                                     r.conclusion?.rawValue, r.classification.outcome.rawValue, r.classification.ruleVersion,
                                     r.attempt, r.firstScreen, r.isRepeat, r.subsidised, flags, subject.countyCode,
                                     subject.cityCode, batchID, at])
        let id = db.lastInsertedRowID
        try Outbox.enqueue(db, type: "screening_result", uuid: uuid, version: 1, payload: payload(r, uuid: uuid, version: 1, subject: subject), at: at)
        return (id, uuid)
    }

    /// The result's wire record (Schemas/sync/screening_result.schema.json).
    public static func payload(_ r: NewResult, uuid: String, version: Int, subject: SubjectRef) -> String {
        var w = JSONWriter()
        w.string("uuid", uuid)
        w.int("version", version)
        w.string("service", r.service)
        w.string("subject", subject.subject.rawValue)
        w.string("pregnancy_uuid", subject.pregnancy.uuid)
        w.string("newborn_uuid", subject.newborn?.uuid)
        w.string("performed_at", r.performed.description)
        w.string("institution", r.institution)
        w.raw("values", r.values.json)
        w.string("conclusion", r.conclusion?.rawValue)
        w.string("outcome", r.classification.outcome.rawValue)
        w.bool("positive", r.classification.outcome.positive)
        w.string("rule_version", r.classification.ruleVersion)
        w.int("attempt", r.attempt)
        w.bool("repeat", r.isRepeat)
        w.bool("subsidised", r.subsidised)
        w.strings("flags", r.flags)
        w.string("county_code", subject.countyCode)
        return w.finished()
    }
}
