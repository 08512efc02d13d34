import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// The outcome of a suspected adverse event, as AEFI reporting forms ask for it.
public enum AEFIOutcome: String, Codable, Sendable, CaseIterable {
    case recovered, recovering, notRecovered = "not_recovered", sequelae, death, unknown

    /// 转归 as the AEFI report card writes it.
    public var zh: String {
        switch self {
        case .recovered: "痊愈"
        case .recovering: "好转"
        case .notRecovered: "未愈"
        case .sequelae: "有后遗症"
        case .death: "死亡"
        case .unknown: "不详"
        }
    }
}

/// A suspected adverse event following immunization, as entered.
@PublicInit
public struct AEFIEntry: Sendable {
    public var residentID: ResidentID
    public var doseDate: CalendarDate
    public var onset: OnsetTime
    public var symptoms: [String]
    public var serious: Bool
    public var outcome: AEFIOutcome
    public var reporter: String
}

/// An onset date-time, kept as written with its offset (`2023-10-12T14:30+08:00`); a time written
/// without an offset is China Standard Time.
public struct OnsetTime: Sendable, Hashable {
    public let text: String
    /// The calendar date in China Standard Time, to compare with the dose date.
    public let date: CalendarDate

    public init(_ raw: String) throws {
        let t = raw.trimmingSpaces()
        let parts = t.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let day = CalendarDate(iso: parts[0]), FieldInput.years.contains(day.year) else { throw HPVError.badOnset(raw) }
        var time = String(parts[1])
        var offsetMinutes = 8 * 60
        if time.hasSuffix("Z") {
            time.removeLast(); offsetMinutes = 0
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let off = time[time.index(after: sign)...].split(separator: ":")
            guard off.count == 2, let h = Int(off[0]), let m = Int(off[1]), h <= 14, m < 60 else { throw HPVError.badOnset(raw) }
            offsetMinutes = (h * 60 + m) * (time[sign] == "-" ? -1 : 1)
            time = String(time[..<sign])
        }
        let hm = time.split(separator: ":")
        guard hm.count == 2 || hm.count == 3, let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h), (0..<60).contains(m),
              hm.count == 2 || Int(hm[2]).map({ (0..<60).contains($0) }) == true else { throw HPVError.badOnset(raw) }
        // Move to China Standard Time to find the local calendar date.
        let minutesCST = h * 60 + m - offsetMinutes + 8 * 60
        let dayShift = minutesCST < 0 ? -1 : (minutesCST >= 24 * 60 ? 1 : 0)
        date = day.addingDays(dayShift)
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        text = "\(day.iso)T\(pad(h)):\(pad(m))\(sign)\(pad(abs(offsetMinutes) / 60)):\(pad(abs(offsetMinutes) % 60))"
    }
}

/// An AEFI as listed.
public struct AEFIRecord: Sendable, Codable {
    public let uuid: String
    public let residentID: String
    public let name: String
    public let doseDate: CalendarDate
    public let product: String
    public let lot: String
    public let onset: String
    public let symptoms: [String]
    public let serious: Bool
    public let outcome: String
    public let reporter: String
    public let countyCode: String?
    /// Where its course stands (reported, investigated, classified, appraisal, closed).
    public let state: String
}

public enum AEFIRecords {
    public static func record(_ db: Database, entry: AEFIEntry, programme: HPVProgramme, today: CalendarDate,
                              audit: AuditLog) throws -> String {
        guard let person = try Persons.find(db, residentID: entry.residentID.value) else {
            throw HPVError.unknownPerson(entry.residentID.masked)
        }
        return try record(db, entry: entry, person: person, programme: programme, today: today, audit: audit)
    }

    /// Records an event of a person already found (the use case found her inside the caller's area).
    public static func record(_ db: Database, entry: AEFIEntry, person: PersonRecord, programme: HPVProgramme, today: CalendarDate,
                              audit: AuditLog) throws -> String {
        let known = programme.aefiSymptoms.map(\.code)
        for s in entry.symptoms where !known.contains(s) { throw HPVError.unknownSymptom(s, known: known) }
        guard !entry.symptoms.isEmpty else { throw HPVError.badValue(field: "--symptoms", value: "", expected: "at least one symptom code") }
        guard let dose = try DoseRecords.find(db, personID: person.id, date: entry.doseDate) else {
            throw HPVError.doseNotFound(masked: entry.residentID.masked, date: entry.doseDate)
        }
        if entry.onset.date < dose.date { throw HPVError.onsetBeforeDose(onset: entry.onset.text, dose: dose.date) }
        if entry.onset.date > today { throw HPVError.futureDate(field: "onset", date: entry.onset.date, today: today) }
        let alwaysSerious = Set(programme.aefiSymptoms.filter { $0.alwaysSerious == true }.map(\.code))
        let serious = entry.serious || entry.symptoms.contains(where: alwaysSerious.contains)
        let uuid = RecordID.make()
        try db.execute(sql: """
            INSERT INTO hpv_aefi (uuid, version, dose_id, onset_at, symptoms, serious, outcome, reporter, recorded_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, dose.id, entry.onset.text, entry.symptoms.joined(separator: ","), serious,
                             entry.outcome.rawValue, entry.reporter, audit.timestamp])
        var w = JSONWriter()
        w.string("uuid", uuid)
        w.int("version", 1)
        w.string("dose_uuid", dose.uuid)
        w.string("person_uuid", person.uuid)
        w.string("onset", entry.onset.text)
        w.strings("symptoms", entry.symptoms)
        w.bool("serious", serious)
        w.string("outcome", entry.outcome.rawValue)
        w.string("reporter", entry.reporter)
        w.string("state", AEFIState.reported.rawValue)
        try Outbox.enqueue(db, type: "aefi", uuid: uuid, version: 1, payload: w.finished(), at: audit.timestamp)
        // Reported at once (立即报告): ahead of whatever the clinic has queued.
        if serious { try AEFIProgress.urgent(db, uuid: uuid) }
        try audit.record(db, action: "create", entity: "hpv_aefi", uuid: uuid,
                         detail: "AEFI after dose \(dose.date.iso) lot \(dose.lot)\(serious ? ", serious" : "")")
        return uuid
    }

    /// - Parameters:
    ///   - personID: one girl's events only.
    ///   - uuid: one event only.
    public static func list(_ db: Database, seriousOnly: Bool, lot: String?, programme: String, personID: Int64? = nil,
                            uuid: String? = nil) throws -> [AEFIRecord] {
        var sql = """
            SELECT a.uuid, a.onset_at, a.symptoms, a.serious, a.outcome, a.reporter, a.state, d.dose_date, d.product, d.lot,
                   p.resident_id, p.name, e.county_code
            FROM hpv_aefi a JOIN hpv_doses d ON d.id = a.dose_id JOIN persons p ON p.id = d.person_id
            LEFT JOIN hpv_enrollments e ON e.person_id = p.id AND e.programme = ?
            WHERE 1 = 1
            """
        var args: [(any DatabaseValueConvertible)?] = [programme]
        if seriousOnly { sql += " AND a.serious = 1" }
        if let lot { sql += " AND d.lot = ?"; args.append(lot) }
        if let personID { sql += " AND d.person_id = ?"; args.append(personID) }
        if let uuid { sql += " AND a.uuid = ?"; args.append(uuid) }
        sql += " ORDER BY a.onset_at DESC"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
            let doseDateText: String = r["dose_date"]
            // The table's CHECK keeps dose dates ISO; a row that is not is damage, said as such.
            guard let doseDate = CalendarDate(iso: doseDateText) else {
                throw HPVError.field(code: "register_damaged",
                                     message: "adverse event \((r["uuid"] as String).prefix(8)) has dose date \"\(HPVError.clip(doseDateText))\"; restore the registry from its last backup",
                                     field: "dose_date")
            }
            return AEFIRecord(uuid: r["uuid"], residentID: r["resident_id"] ?? "", name: r["name"], doseDate: doseDate, product: r["product"],
                              lot: r["lot"], onset: r["onset_at"], symptoms: (r["symptoms"] as String).split(separator: ",").map(String.init),
                              serious: r["serious"], outcome: r["outcome"], reporter: r["reporter"], countyCode: r["county_code"],
                              state: r["state"] ?? AEFIState.reported.rawValue)
        }
    }

    /// Doses and events per lot, for lot-level safety review and recall.
    public struct LotSummary: Sendable, Codable {
        public let product: String
        public let lot: String
        public let doses: Int
        public let events: Int
        public let serious: Int
    }

    public static func byLot(_ db: Database) throws -> [LotSummary] {
        try Row.fetchAll(db, sql: """
            SELECT d.product, d.lot, COUNT(DISTINCT d.id) AS doses, COUNT(a.id) AS events,
                   COALESCE(SUM(a.serious), 0) AS serious
            FROM hpv_doses d LEFT JOIN hpv_aefi a ON a.dose_id = d.id
            GROUP BY d.product, d.lot ORDER BY events DESC, d.product, d.lot
            """).map { LotSummary(product: $0["product"], lot: $0["lot"], doses: $0["doses"], events: $0["events"], serious: $0["serious"]) }
    }
}

extension AEFIRecords {
    /// Events per enrolment county for the coverage report: (all, serious), counted by onset on or before `asOf`.
    public static func countsByCounty(_ db: Database, programme: String, asOf: CalendarDate) throws -> CoverageReport.AEFICounts {
        var counts: CoverageReport.AEFICounts = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.county_code, COUNT(*) AS n, SUM(a.serious) AS s
            FROM hpv_aefi a JOIN hpv_doses d ON d.id = a.dose_id
            JOIN hpv_enrollments e ON e.person_id = d.person_id AND e.programme = ?
            WHERE substr(a.onset_at, 1, 10) <= ? GROUP BY e.county_code
            """, arguments: [programme, asOf.iso])
        for r in rows { counts[r["county_code"]] = (all: r["n"], serious: r["s"] ?? 0) }
        return counts
    }
}
