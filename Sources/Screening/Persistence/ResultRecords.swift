import GRDB
import ScreenVaxCore
import Store

/// The subject of a result: a pregnancy, or a newborn of a pregnancy.
public struct SubjectRef: Sendable {
    public let pregnancy: PregnancyRecord
    public let newborn: NewbornRecord?

    public var subject: Subject { newborn == nil ? .pregnancy : .newborn }
    /// One integer key for both kinds: the pregnancy id, or minus the newborn id.
    public var key: Int64 { newborn.map { -$0.id } ?? pregnancy.id }
    public var uuid: String { newborn?.uuid.raw ?? pregnancy.uuid.raw }
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
    /// The pregnancy's delivery day when it ended in a delivery (the report's prenatal anchor).
    public var deliveryDay: Int? = nil
}

public enum ResultRecords {
    public static func prior(_ db: Database, subject: SubjectRef, service: String) throws -> [PriorResult] {
        var out: [PriorResult] = []
        try BulkStatement(db, sql: """
            SELECT performed_at, outcome, subsidised, value_text, conclusion, uuid FROM screening_results
            WHERE subject_key = ? AND service = ? ORDER BY performed_at, id
            """).each([.int(subject.key), .text(service)]) { c in
            out.append(PriorResult(performedAt: c.text(0)!, outcome: ResultOutcome(rawValue: c.text(1)!)!, subsidised: c.int(2) != 0,
                                   valueText: c.text(3)!, conclusion: c.text(4), uuid: c.text(5)!))
        }
        return out
    }

    /// Inserts a result with its outbox entry; returns its row id and uuid.
    public static func insert(_ db: Database, _ r: NewResult, subject: SubjectRef, batchID: Int64?, at: String) throws -> (id: Int64, uuid: String) {
        let uuid = RecordID.make()
        let flags = r.flags.joined(separator: ",")
        // Bound through the C API: this runs once per row of a province-year lab file.
        try BulkStatement(db, sql: """
            INSERT INTO screening_results (uuid, version, service, subject, pregnancy_id, newborn_id, subject_key, performed_at,
              result_day, institution, value_text, conclusion, outcome, rule_version, attempt, first_screen, is_repeat, subsidised,
              flags, county_code, city_code, import_batch_id, recorded_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([.text(uuid), .text(r.service), .text(subject.subject.rawValue), .int(subject.pregnancy.id), .int(subject.newborn?.id),
                          .int(subject.key), .text(r.performed.description), .int(Int64(r.performed.date.dayNumber)), .text(r.institution),
                          .text(r.values.json), .text(r.conclusion?.rawValue), .text(r.classification.outcome.rawValue),
                          .text(r.classification.ruleVersion), .int(Int64(r.attempt)), .bool(r.firstScreen), .bool(r.isRepeat),
                          .bool(r.subsidised), .text(flags), .text(subject.countyCode), .text(subject.cityCode), .int(batchID), .text(at)])
        let id = db.lastInsertedRowID
        try Outbox.enqueue(db, type: "screening_result", uuid: uuid, version: 1, payload: payload(r, uuid: uuid, version: 1, subject: subject), at: at)
        try summarise(db, r, subject: subject)
        return (id, uuid)
    }

    /// Folds a new result into its subject's row of `screening_subject_services` (migration 0005),
    /// in the result's transaction: what `report screening` reads instead of the raw results.
    static func summarise(_ db: Database, _ r: NewResult, subject: SubjectRef) throws {
        let p = subject.pregnancy
        let cohortDay = subject.newborn?.born.date.dayNumber ?? p.registeredOn.dayNumber
        let endGA = subject.newborn == nil ? p.closedOn.map { Int64($0.dayNumber - p.lmp.dayNumber) } : nil
        let deliveryDay = subject.newborn == nil ? r.deliveryDay.map(Int64.init) : nil
        let initialPositive = r.firstScreen && (r.classification.outcome == .positive || r.classification.outcome == .rescreen)
        try BulkStatement(db, sql: """
            INSERT INTO screening_subject_services (subject_key, service, subject, cohort_day, county_code, end_ga, results, screened,
              positive, subsidy_day, subsidy_year, delivery_day, initial_positive)
            VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (county_code, service, subject_key) DO UPDATE SET results = results + 1, screened = screened + excluded.screened,
              positive = MAX(positive, excluded.positive), subsidy_day = COALESCE(subsidy_day, excluded.subsidy_day),
              subsidy_year = COALESCE(subsidy_year, excluded.subsidy_year), initial_positive = MAX(initial_positive, excluded.initial_positive)
            """).execute([.int(subject.key), .text(r.service), .text(subject.subject.rawValue), .int(Int64(cohortDay)),
                          .text(subject.countyCode), .int(endGA), .bool(r.firstScreen), .bool(r.classification.outcome == .positive),
                          .int(r.subsidised ? Int64(r.performed.date.dayNumber) : nil),
                          .int(r.subsidised ? Int64(r.performed.date.year) : nil), .int(deliveryDay), .bool(initialPositive)])
    }

    /// A pregnancy's closing moves it out of the denominators of services whose window had not
    /// opened yet: its summary rows learn the gestational age at the end.
    /// The rows are found by their whole key: the pregnancy's county and each service of the programme.
    /// A delivery (live birth or stillbirth) also gives the rows their delivery day: the national
    /// report's prenatal denominator (产妇数) is anchored on it.
    static func pregnancyClosed(_ db: Database, pregnancy p: PregnancyRecord, services: [String], endGA: Int,
                                deliveryDay: Int?) throws {
        let statement = try BulkStatement(db, sql: """
            UPDATE screening_subject_services SET end_ga = ?, delivery_day = ? WHERE county_code = ? AND service = ? AND subject_key = ?
            """)
        for service in services {
            try statement.execute([.int(Int64(endGA)), .int(deliveryDay.map(Int64.init)), .text(p.countyCode), .text(service), .int(p.id)])
        }
    }

    /// The result's wire record (Schemas/sync/screening_result.schema.json).
    public static func payload(_ r: NewResult, uuid: String, version: Int, subject: SubjectRef) -> String {
        var w = JSONWriter()
        w.string("uuid", uuid)
        w.int("version", version)
        w.string("service", r.service)
        w.string("subject", subject.subject.rawValue)
        w.string("pregnancy_uuid", subject.pregnancy.uuid)
        w.string("newborn_uuid", subject.newborn?.uuid.raw)
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
