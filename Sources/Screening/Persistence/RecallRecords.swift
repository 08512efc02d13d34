import GRDB
import ScreenVaxCore
import Store

/// A recall case as stored.
/// A recall case's uuid: what its steps, the call queue and the clinician's pages name it by.
public typealias RecallCaseID = RecordUUID<RecallCaseRecord>

public struct RecallCaseRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: RecallCaseID
    public let version: Int
    public let resultID: Int64
    public let subject: Subject
    public let subjectKey: Int64
    public let pregnancyID: Int64
    public let newbornID: Int64?
    public let service: String
    public let openedOn: CalendarDate
    public let state: RecallState
    public let nextStep: String?
    public let deadline: CalendarDate?
    public let lateEntered: Bool
    public let countyCode: String
    public let referralInstitution: String?

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; version = row["version"]; resultID = row["result_id"]
        subject = Subject(rawValue: row["subject"]) ?? .pregnancy; subjectKey = row["subject_key"]; pregnancyID = row["pregnancy_id"]
        newbornID = row["newborn_id"]; service = row["service"]
        let opened = CalendarDate(iso: row["opened_on"] as String) ?? CalendarDate(dayNumber: 0)
        openedOn = opened
        state = RecallState(stage: RecallStage(rawValue: row["stage"]) ?? .opened, stageSince: CalendarDate(iso: row["stage_since"] as String) ?? opened,
                            attempts: row["attempts"], lastContact: (row["last_contact"] as String?).flatMap(ContactOutcome.init(rawValue:)),
                            diagnosis: (row["diagnosis"] as String?).flatMap(Diagnosis.init(rawValue:)),
                            highRiskManagement: row["high_risk_management"], managementEnded: row["management_ended"])
        referralInstitution = row["referral_institution"]
        nextStep = row["next_step"]; deadline = (row["deadline"] as String?).flatMap { CalendarDate(iso: $0) }
        lateEntered = row["late_entered"]; countyCode = row["county_code"]
    }
}

/// One step as recorded.
public struct RecallStepEntry: Sendable {
    public var step: String
    public var on: CalendarDate
    public var outcome: String
    public var channel: String
    public var detail: String
    /// Who took the step (counselling: who advised).
    public var by: String = ""
}

public enum RecallRecords {
    public static func find(_ db: Database, uuid: RecallCaseID) throws -> RecallCaseRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM screening_recall_cases WHERE uuid = ?"), arguments: [uuid]).map(RecallCaseRecord.init)
    }

    public static func find(_ db: Database, id: Int64) throws -> RecallCaseRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM screening_recall_cases WHERE id = ?"), arguments: [id]).map(RecallCaseRecord.init)
    }

    /// The subject's cases still open (neither closed nor lost) in the area, by id.
    public static func openCases(_ db: Database, subjectKey: Int64, area: AreaScope) throws -> [RecallCaseRecord] {
        let f = area.columnFilter("k")
        let arguments: StatementArguments = f.map { [subjectKey, $0.code] } ?? [subjectKey]
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM screening_recall_cases k WHERE k.subject_key = ? AND k.stage NOT IN ('closed', 'lost')\(f?.sql ?? "") ORDER BY k.id
            """), arguments: arguments).map(RecallCaseRecord.init)
    }

    public static func openCase(_ db: Database, subjectKey: Int64, service: String) throws -> RecallCaseRecord? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM screening_recall_cases WHERE subject_key = ? AND service = ? AND stage NOT IN ('closed', 'lost')
            """), arguments: [subjectKey, service]).map(RecallCaseRecord.init)
    }

    /// Opens a case for a positive result, with its `opened` step and that step's outbox entry.
    public static func open(_ db: Database, resultID: Int64, resultUUID: String, subject: SubjectRef, service: Service,
                            state: RecallState, policy: RecallPolicy, lateEntered: Bool, at: String) throws -> RecallCaseRecord {
        let uuid = RecordID.make()
        let next = RecallTransitions.nextStep(state)
        let deadline = RecallTransitions.deadline(state, policy: policy, service: service)
        try db.cachedStatement(sql: """
            INSERT INTO screening_recall_cases (uuid, version, result_id, subject, subject_key, pregnancy_id, newborn_id, service,
              opened_on, stage, stage_since, attempts, next_step, deadline, late_entered, county_code, city_code, updated_at, high_risk_management)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 'opened', ?, 0, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, resultID, subject.subject.rawValue, subject.key, subject.pregnancy.id, subject.newborn?.id,
                                     service.code, state.stageSince.iso, state.stageSince.iso, next?.rawValue, deadline?.iso,
                                     lateEntered, subject.countyCode, subject.cityCode, at, state.highRiskManagement])
        guard let record = try find(db, id: db.lastInsertedRowID) else { throw ScreeningError.caseNotFound(uuid) }
        let entry = RecallStepEntry(step: "opened", on: state.stageSince, outcome: "", channel: "", detail: lateEntered ? "late_entered" : "")
        try appendStep(db, record: record, entry: entry, resultUUID: resultUUID, at: at)
        return record
    }

    /// Stores a case's new state (a new version) and the step that led to it, with the step's outbox entry.
    public static func advance(_ db: Database, _ c: RecallCaseRecord, to state: RecallState, entry: RecallStepEntry,
                               service: Service, policy: RecallPolicy, referralInstitution: String? = nil, at: String) throws -> RecallCaseRecord {
        let next = RecallTransitions.nextStep(state)
        let deadline = RecallTransitions.deadline(state, policy: policy, service: service)
        try db.cachedStatement(sql: """
            UPDATE screening_recall_cases SET version = version + 1, stage = ?, stage_since = ?, attempts = ?, last_contact = ?,
              diagnosis = ?, next_step = ?, deadline = ?, updated_at = ?, high_risk_management = ?, management_ended = ?,
              referral_institution = COALESCE(?, referral_institution) WHERE id = ?
            """).execute(arguments: [state.stage.rawValue, state.stageSince.iso, state.attempts, state.lastContact?.rawValue,
                                     state.diagnosis?.rawValue, next?.rawValue, deadline?.iso, at, state.highRiskManagement,
                                     state.managementEnded, referralInstitution, c.id])
        guard let updated = try find(db, id: c.id) else { throw ScreeningError.caseNotFound(c.uuid.raw) }
        let resultUUID = try String.fetchOne(db.cachedStatement(sql: "SELECT uuid FROM screening_results WHERE id = ?"), arguments: [c.resultID]) ?? ""
        try appendStep(db, record: updated, entry: entry, resultUUID: resultUUID, at: at)
        return updated
    }

    static func appendStep(_ db: Database, record: RecallCaseRecord, entry: RecallStepEntry, resultUUID: String, at: String) throws {
        let uuid = RecordID.make()
        try db.cachedStatement(sql: """
            INSERT INTO screening_recall_steps (uuid, case_id, step, on_date, outcome, channel, detail, by_name, stage_after, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, record.id, entry.step, entry.on.iso, entry.outcome, entry.channel, entry.detail, entry.by,
                                     record.state.stage.rawValue, at])
        try Outbox.enqueue(db, type: "recall_step", uuid: uuid, version: 1,
                           payload: payload(entry, uuid: uuid, record: record, resultUUID: resultUUID), at: at)
    }

    /// A recall step's wire record (Schemas/sync/recall_step.schema.json). Steps are append-only, so
    /// each is version 1; the platform rebuilds the case from its steps, and the case's own version
    /// travels as `case_version`.
    public static func payload(_ e: RecallStepEntry, uuid: String, record: RecallCaseRecord, resultUUID: String) -> String {
        var w = JSONWriter()
        w.string("uuid", uuid)
        w.int("version", 1)
        w.string("case_uuid", record.uuid)
        w.int("case_version", record.version)
        w.string("result_uuid", resultUUID)
        w.string("subject", record.subject.rawValue)
        w.string("service", record.service)
        w.string("step", e.step)
        w.string("on_date", e.on.iso)
        w.string("outcome", e.outcome.isEmpty ? nil : e.outcome)
        w.string("channel", e.channel.isEmpty ? nil : e.channel)
        w.string("detail", e.detail.isEmpty ? nil : e.detail)
        w.string("stage_after", record.state.stage.rawValue)
        w.string("next_step", record.nextStep)
        w.string("deadline", record.deadline?.iso)
        w.int("attempts", record.state.attempts)
        w.string("by", e.by.isEmpty ? nil : e.by)
        w.bool("high_risk_management", record.state.highRiskManagement)
        w.string("management_ended", record.state.managementEnded)
        w.string("referral_institution", record.referralInstitution)
        return w.finished()
    }
}
