import Foundation
import ScreenVaxCore
import ScreenVaxTestSupport
import Store
import Sync

/// One county's registry (a real SQLite file) whose outbox holds wire records as the domain rooms
/// write them, pushed to the hub with the county's own token by the real sync client.
struct TestCounty {
    let code: String
    let folder: TempFolder
    let database: RegistryDatabase
    var queue: SyncQueue { SyncQueue(database: database) }

    init(code: String, folder: TempFolder) throws {
        self.code = code
        self.folder = folder
        database = try RegistryDatabase(path: folder.path("county-\(code)-\(UUID().uuidString.prefix(4)).sqlite"), schemas: schemasURL)
    }

    func enqueue(_ records: [WireRecord]) throws {
        try database.write { db in
            let writer = try Outbox.Writer(db)
            for r in records {
                try writer.enqueue(type: r.type, uuid: r.uuid, version: r.version, payload: r.payload, at: Clock.system.timestamp())
            }
        }
    }

    func settings(port: Int, token: String? = nil, batch: Int = 100) -> SyncSettings {
        var s = SyncSettings(endpoint: "http://127.0.0.1:\(port)/api/v1/batches", token: token ?? TestHub.token(code),
                             sourceClinic: code + "001")
        s.batchSize = batch
        s.backoff = Backoff(base: 0.02, cap: 0.2)
        s.maxTries = 60
        s.transfer.connectTimeout = 2
        s.transfer.totalTimeout = 20
        return s
    }

    /// Drains on a thread of its own, as the CLI does.
    @discardableResult
    func push(port: Int, token: String? = nil, batch: Int = 100) async throws -> Pusher.Report {
        let queue = self.queue
        let settings = self.settings(port: port, token: token, batch: batch)
        return try await PushThread.run { try Pusher(queue: queue, settings: settings).drain() }
    }

    func status() throws -> SyncStatus { try queue.status() }

    /// The outbox state of one record version.
    func state(uuid: String, version: Int) throws -> String {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT state FROM outbox WHERE record_uuid = ? AND version = ?", arguments: [uuid, version]) ?? "missing"
        }
    }
}

/// A record as it goes in the outbox: type, identity and wire JSON.
struct WireRecord {
    let type: String
    let uuid: String
    let version: Int
    let payload: String

    static func uuid() -> String { RecordID.make() }

    /// A valid resident ID for a birth date (region 360102 unless given).
    static func residentID(born: String, serial: Int, region: String = "360102") -> String {
        TestIDs.residentID(born: born, region: region, sequence: serial % 1000)
    }

    static func person(_ uuid: String = uuid(), version: Int = 1, id: String?, name: String = "王小红",
                       born: String = "2011-05-01", sex: String = "F") -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", version); w.string("resident_id", id); w.string("name", name)
        w.string("birth_date", born); w.string("sex", sex); w.string("phone", nil)
        return WireRecord(type: "person", uuid: uuid, version: version, payload: w.finished())
    }

    static func rosterEntry(_ uuid: String = uuid(), version: Int = 1, person: String, county: String, school: String = "第一中学",
                            consent: String = "given", prior: Bool = false) -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", version); w.string("person_uuid", person); w.string("programme", "hpv-2023")
        w.string("county_code", county); w.string("school", school); w.string("class_name", "1班")
        w.string("guardian_name", "王大"); w.string("guardian_phone", "13800000000"); w.bool("prior_vaccination", prior)
        w.string("consent", consent); w.string("refusal_reason", consent == "declined" ? "担心" : nil)
        w.string("consent_source", "roster")
        return WireRecord(type: "roster_entry", uuid: uuid, version: version, payload: w.finished())
    }

    static func dose(_ uuid: String = uuid(), person: String, date: String, product: String = "cecolin",
                     expiry: String = "2026-12-31", historical: Bool = false) -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", 1); w.string("person_uuid", person); w.string("date", date)
        w.string("product", product); w.string("lot", "L1"); w.string("expiry", expiry); w.string("site", "left_deltoid")
        w.string("clinic", "门诊"); w.string("vaccinator", "刘"); w.bool("historical", historical)
        return WireRecord(type: "dose", uuid: uuid, version: 1, payload: w.finished())
    }

    static func pregnancy(_ uuid: String = uuid(), version: Int = 1, person: String, county: String, lmp: String, edd: String,
                          registered: String, outcome: String? = nil, closed: String? = nil) -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", version); w.string("person_uuid", person); w.string("programme", "screening-2023")
        w.string("county_code", county); w.string("phone", "13900000000"); w.string("dating", "lmp"); w.string("dating_input", lmp)
        w.string("lmp", lmp); w.string("edd", edd); w.string("registered_on", registered); w.string("outcome", outcome)
        w.string("closed_on", closed)
        return WireRecord(type: "pregnancy", uuid: uuid, version: version, payload: w.finished())
    }

    static func newborn(_ uuid: String = uuid(), pregnancy: String, person: String, county: String, born: String,
                        order: Int = 1) -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", 1); w.string("pregnancy_uuid", pregnancy); w.string("person_uuid", person)
        w.int("birth_order", order); w.string("born_at", born + "T08:30"); w.string("sex", "F"); w.int("gestational_weeks", 39)
        w.int("birth_weight_g", 3200); w.string("facility", "妇幼保健院"); w.string("county_code", county)
        return WireRecord(type: "newborn", uuid: uuid, version: 1, payload: w.finished())
    }

    static func result(_ uuid: String = uuid(), service: String, pregnancy: String, newborn: String? = nil, county: String,
                       date: String, outcome: String = "negative", attempt: Int = 1, repeatResult: Bool = false,
                       subsidised: Bool = true) -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", 1); w.string("service", service)
        w.string("subject", newborn == nil ? "pregnancy" : "newborn"); w.string("pregnancy_uuid", pregnancy)
        w.string("newborn_uuid", newborn); w.string("performed_at", date); w.string("institution", "妇幼保健院")
        w.raw("values", "{}"); w.string("conclusion", nil); w.string("outcome", outcome)
        w.bool("positive", outcome == "positive" ? true : (outcome == "negative" ? false : nil))
        w.string("rule_version", "2023.1"); w.int("attempt", attempt); w.bool("repeat", repeatResult)
        w.bool("subsidised", subsidised); w.strings("flags", []); w.string("county_code", county)
        return WireRecord(type: "screening_result", uuid: uuid, version: 1, payload: w.finished())
    }

    static func decline(_ uuid: String = uuid(), version: Int = 1, subject: String = "pregnancy", subjectUUID: String, service: String,
                        county: String, on: String, lifted: String? = nil) -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", version); w.string("subject", subject); w.string("subject_uuid", subjectUUID)
        w.string("service", service); w.string("reason", "本人拒绝"); w.string("declined_by", "本人"); w.string("declined_on", on)
        w.string("lifted_on", lifted); w.string("county_code", county)
        return WireRecord(type: "screening_decline", uuid: uuid, version: version, payload: w.finished())
    }

    static func recallStep(_ uuid: String = uuid(), caseUUID: String, caseVersion: Int, result: String, service: String,
                           step: String, stage: String, date: String, outcome: String? = nil) -> WireRecord {
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", 1); w.string("case_uuid", caseUUID); w.int("case_version", caseVersion)
        w.string("result_uuid", result); w.string("subject", "pregnancy"); w.string("service", service); w.string("step", step)
        w.string("on_date", date); w.string("outcome", outcome); w.string("channel", nil); w.string("detail", nil)
        w.string("stage_after", stage); w.string("next_step", nil); w.string("deadline", nil); w.int("attempts", 0)
        return WireRecord(type: "recall_step", uuid: uuid, version: 1, payload: w.finished())
    }
}
