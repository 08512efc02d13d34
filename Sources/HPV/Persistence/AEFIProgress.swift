import GRDB
import ScreenVaxCore
import Store

/// Where an adverse event stands: reported → investigated → classified → closed, with an appraisal
/// (鉴定) holding it between classification and closing while it is requested and its result not in.
public enum AEFIState: String, Codable, Sendable, CaseIterable {
    case reported, investigated, classified, appraisal, closed

    public var zh: String {
        switch self {
        case .reported: "已报告"
        case .investigated: "已调查"
        case .classified: "已诊断分类"
        case .appraisal: "鉴定中"
        case .closed: "已结案"
        }
    }
}

/// The classification after investigation and diagnosis (调查诊断), as the national AEFI guideline
/// names them.
public enum AEFIClassification: String, Codable, Sendable, CaseIterable {
    case commonReaction = "common_reaction"     // 一般反应
    case rareReaction = "rare_reaction"         // 异常反应
    case qualityDefect = "quality_defect"       // 疫苗质量事故
    case programmeError = "programme_error"     // 接种事故
    case coincidental                           // 偶合症
    case psychogenic                            // 心因性反应
    case undetermined                           // 待定

    public var zh: String {
        switch self {
        case .commonReaction: "一般反应"
        case .rareReaction: "异常反应"
        case .qualityDefect: "疫苗质量事故"
        case .programmeError: "接种事故"
        case .coincidental: "偶合症"
        case .psychogenic: "心因性反应"
        case .undetermined: "待定"
        }
    }
}

/// One event's course as stored.
public struct AEFICourse: Sendable, Codable, Equatable {
    public var uuid: String
    public var version: Int
    public var onsetDate: CalendarDate
    public var serious: Bool
    public var outcome: String
    public var state: AEFIState
    public var investigatedOn: CalendarDate?
    public var investigator: String
    public var findings: String
    public var classification: AEFIClassification?
    public var classifiedOn: CalendarDate?
    public var appraisalRequestedOn: CalendarDate?
    public var appraisalResult: String?
    public var appraisalOn: CalendarDate?
    public var closedOn: CalendarDate?

    enum CodingKeys: String, CodingKey {
        case uuid, version, serious, outcome, state, investigator, findings, classification
        case onsetDate = "onset_date"
        case investigatedOn = "investigated_on"
        case classifiedOn = "classified_on"
        case appraisalRequestedOn = "appraisal_requested_on"
        case appraisalResult = "appraisal_result"
        case appraisalOn = "appraisal_on"
        case closedOn = "closed_on"
    }
}

public enum AEFIProgress {
    /// The event with this uuid, or the one whose uuid starts with `prefix` (8 or more characters,
    /// as `hpv aefi list` shows it); nil when none or more than one.
    static func find(_ db: Database, id raw: String) throws -> (course: AEFICourse, doseID: Int64)? {
        let id = raw.lowercased()
        guard id.count >= 8, id.count <= 36, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM hpv_aefi WHERE uuid >= ? AND uuid < ? LIMIT 2", arguments: [id, id + "~"])
        guard rows.count == 1, let row = rows.first else { return nil }
        return course(row).map { ($0, row["dose_id"]) }
    }

    private static func course(_ row: Row) -> AEFICourse? {
        func day(_ column: String) -> CalendarDate? { (row[column] as String?).flatMap { CalendarDate(iso: String($0.prefix(10))) } }
        guard let onset = day("onset_at"), let state = AEFIState(rawValue: row["state"]) else { return nil }
        return AEFICourse(uuid: row["uuid"], version: row["version"], onsetDate: onset, serious: row["serious"], outcome: row["outcome"],
                          state: state, investigatedOn: day("investigated_on"), investigator: row["investigator"], findings: row["findings"],
                          classification: (row["classification"] as String?).flatMap(AEFIClassification.init(rawValue:)),
                          classifiedOn: day("classified_on"), appraisalRequestedOn: day("appraisal_requested_on"),
                          appraisalResult: row["appraisal_result"], appraisalOn: day("appraisal_on"), closedOn: day("closed_on"))
    }

    /// Stores the event's new course as its next version, sends it (a serious event ahead of the
    /// regular batches) and audits the change.
    static func save(_ db: Database, _ c: AEFICourse, change: String, audit: AuditLog) throws {
        try db.execute(sql: """
            UPDATE hpv_aefi SET version = ?, outcome = ?, state = ?, investigated_on = ?, investigator = ?, findings = ?, classification = ?,
              classified_on = ?, appraisal_requested_on = ?, appraisal_result = ?, appraisal_on = ?, closed_on = ?, updated_at = ?
            WHERE uuid = ?
            """, arguments: [c.version, c.outcome, c.state.rawValue, c.investigatedOn?.iso, c.investigator, c.findings, c.classification?.rawValue,
                             c.classifiedOn?.iso, c.appraisalRequestedOn?.iso, c.appraisalResult, c.appraisalOn?.iso, c.closedOn?.iso,
                             audit.timestamp, c.uuid])
        try Outbox.enqueue(db, type: "aefi", uuid: c.uuid, version: c.version, payload: try payload(db, uuid: c.uuid), at: audit.timestamp)
        if c.serious { try urgent(db, uuid: c.uuid) }
        try audit.record(db, action: "aefi_update", entity: "hpv_aefi", uuid: c.uuid, detail: change)
    }

    /// Every pending version of a serious event goes ahead of the regular batches (all of them, so
    /// that its versions still travel in order).
    static func urgent(_ db: Database, uuid: String) throws {
        try db.execute(sql: "UPDATE outbox SET priority = 1 WHERE record_type = 'aefi' AND record_uuid = ? AND state = 'pending'", arguments: [uuid])
    }

    /// The event as the platform receives it: the report and its course so far.
    static func payload(_ db: Database, uuid: String) throws -> String {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT a.*, d.uuid AS dose_uuid, p.uuid AS person_uuid FROM hpv_aefi a JOIN hpv_doses d ON d.id = a.dose_id
            JOIN persons p ON p.id = d.person_id WHERE a.uuid = ?
            """, arguments: [uuid]) else { throw HPVError.field(code: "aefi_not_found", message: "no adverse event \(uuid.prefix(8))", field: "event") }
        var w = JSONWriter()
        w.string("uuid", r["uuid"])
        w.int("version", r["version"])
        w.string("dose_uuid", r["dose_uuid"])
        w.string("person_uuid", r["person_uuid"])
        w.string("onset", r["onset_at"])
        w.strings("symptoms", (r["symptoms"] as String).split(separator: ",").map(String.init))
        w.bool("serious", r["serious"])
        w.string("outcome", r["outcome"])
        w.string("reporter", r["reporter"])
        w.string("state", r["state"])
        for key in ["investigated_on", "classification", "classified_on", "appraisal_requested_on", "appraisal_result", "appraisal_on", "closed_on"] {
            if let v = r[key] as String? { w.string(key, v) }
        }
        w.string("investigator", r["investigator"])
        w.string("findings", r["findings"])
        if let at = r["updated_at"] as String? { w.string("updated_at", at) }
        return w.finished()
    }
}
