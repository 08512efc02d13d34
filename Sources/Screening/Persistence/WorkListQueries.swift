import GRDB
import ScreenVaxCore
import Store

/// One line of `recall list`.
public struct RecallListEntry: Sendable, Encodable {
    public let caseID: RecallCaseID
    public let subject: String
    public let service: String
    public let opened: String
    public let stage: String
    public let nextStep: String?
    public let deadline: String?
    public let overdue: Bool
    public let attempts: Int
    public let lateEntered: Bool
    public let countyCode: String
    public let name: String
    public let residentID: String?
    public let phone: String
    public let birthOrder: Int?
    /// Under high-risk management (a newborn from its positive result: 高危儿管理).
    public let highRiskManagement: Bool

    // The resident ID is the list's `id` column; the other keys are the properties' names.
    enum CodingKeys: String, CodingKey {
        case caseID, subject, service, opened, stage, nextStep, deadline, overdue, attempts, lateEntered, countyCode, name, phone
        case birthOrder, highRiskManagement
        case residentID = "id"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseID, forKey: .caseID); try c.encode(subject, forKey: .subject); try c.encode(service, forKey: .service)
        try c.encode(opened, forKey: .opened); try c.encode(stage, forKey: .stage); try c.encode(nextStep, forKey: .nextStep)
        try c.encode(deadline, forKey: .deadline); try c.encode(overdue, forKey: .overdue); try c.encode(attempts, forKey: .attempts)
        try c.encode(lateEntered, forKey: .lateEntered); try c.encode(countyCode, forKey: .countyCode); try c.encode(name, forKey: .name)
        try c.encode(residentID, forKey: .residentID); try c.encode(phone, forKey: .phone); try c.encode(birthOrder, forKey: .birthOrder)
        try c.encode(highRiskManagement, forKey: .highRiskManagement)
    }

    /// The entry as one JSON object, written directly: a province's open cases are listed in
    /// well under the 100 ms the work list allows, which Foundation's encoder does not manage.
    public var json: String {
        var w = JSONWriter()
        w.string("case_id", caseID); w.string("subject", subject); w.string("service", service); w.string("opened", opened)
        w.string("stage", stage); w.string("next_step", nextStep); w.string("deadline", deadline); w.bool("overdue", overdue)
        w.int("attempts", attempts); w.bool("late_entered", lateEntered); w.string("county_code", countyCode)
        w.string("name", name); w.string("id", residentID); w.string("phone", phone); w.int("birth_order", birthOrder)
        w.bool("high_risk_management", highRiskManagement)
        return w.finished()
    }

    /// `recall list --format json` (and `GET /api/v1/recall/cases`): the entries as one JSON array.
    public static func jsonArray(_ entries: [RecallListEntry]) -> String {
        entries.isEmpty ? "[]" : "[\n" + entries.map(\.json).joined(separator: ",\n") + "\n]"
    }

    /// The same entry with the mother's ID and phone masked (the default in every list).
    public var masked: RecallListEntry {
        RecallListEntry(caseID: caseID, subject: subject, service: service, opened: opened, stage: stage, nextStep: nextStep,
                        deadline: deadline, overdue: overdue, attempts: attempts, lateEntered: lateEntered, countyCode: countyCode,
                        name: name, residentID: residentID.map(Masking.residentID), phone: phone.isEmpty ? "" : Masking.phone(phone),
                        birthOrder: birthOrder, highRiskManagement: highRiskManagement)
    }
}

/// One line of `screening due`.
public struct DueListEntry: Sendable, Encodable {
    public let item: DueItem
    public let name: String
    public let residentID: String?
    public let phone: String
    public let countyCode: String

    // The item's fields flat beside the person's; the resident ID is the list's `id` column.
    enum CodingKeys: String, CodingKey {
        case subject, subjectID, service, slot, opens, closes, daysLeft, status, name, phone, countyCode
        case residentID = "id"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item.subject.rawValue, forKey: .subject); try c.encode(item.subjectUUID, forKey: .subjectID)
        try c.encode(item.service, forKey: .service); try c.encode(item.slot, forKey: .slot)
        try c.encode(item.opens.iso, forKey: .opens); try c.encode(item.closes.iso, forKey: .closes)
        try c.encode(item.daysLeft, forKey: .daysLeft); try c.encode(item.status, forKey: .status)
        try c.encode(name, forKey: .name); try c.encode(residentID, forKey: .residentID)
        try c.encode(phone, forKey: .phone); try c.encode(countyCode, forKey: .countyCode)
    }

    public var masked: DueListEntry {
        DueListEntry(item: item, name: name, residentID: residentID.map(Masking.residentID),
                     phone: phone.isEmpty ? "" : Masking.phone(phone), countyCode: countyCode)
    }
}

public enum WorkListQueries {
    /// Open recall cases, overdue first, then by deadline.
    public static func recallList(_ db: Database, asOf: CalendarDate, overdueOnly: Bool, county: String? = nil) throws -> [RecallListEntry] {
        var sql = """
            SELECT c.uuid, c.subject, c.service, c.opened_on, c.stage, c.next_step, c.deadline, c.attempts, c.late_entered,
                   c.county_code, COALESCE(nb.name, m.name), COALESCE(nb.resident_id, m.resident_id), p.phone, n.birth_order,
                   c.high_risk_management
            FROM screening_recall_cases c
            JOIN screening_pregnancies p ON p.id = c.pregnancy_id
            JOIN persons m ON m.id = p.person_id
            LEFT JOIN screening_newborns n ON n.id = c.newborn_id
            LEFT JOIN persons nb ON nb.id = n.person_id
            WHERE c.stage NOT IN ('closed', 'lost')
            """
        var args: [BulkStatement.Value] = []
        if overdueOnly { sql += " AND c.deadline < ?"; args.append(.text(asOf.iso)) }
        if let county { sql += " AND c.county_code = ?"; args.append(.text(county)) }
        sql += " ORDER BY c.deadline, c.id"
        let today = asOf.iso
        // Columns read by index through the C API: a province's open cases are thousands of rows,
        // and GRDB's per-value decoding was most of the list's time.
        var entries: [RecallListEntry] = []
        try BulkStatement(db, sql: sql).each(args) { c in
            let deadline = c.text(6)
            entries.append(RecallListEntry(caseID: RecallCaseID(c.text(0) ?? ""), subject: c.text(1) ?? "", service: c.text(2) ?? "", opened: c.text(3) ?? "",
                                           stage: c.text(4) ?? "", nextStep: c.text(5), deadline: deadline, overdue: deadline.map { today > $0 } ?? false,
                                           attempts: Int(c.int(7)), lateEntered: c.int(8) != 0, countyCode: c.text(9) ?? "", name: c.text(10) ?? "",
                                           residentID: c.text(11), phone: c.text(12) ?? "", birthOrder: c.optionalInt(13).map(Int.init),
                                           highRiskManagement: c.int(14) != 0))
        }
        return entries
    }

    /// Open pregnancies and recent newborns with what is due, most urgent first.
    public static func dueList(_ db: Database, programme: ScreeningProgramme, asOf: CalendarDate, county: String? = nil) throws -> [DueListEntry] {
        // Only subjects whose windows can still be open matter: pregnancies dated within the
        // latest gestational window (plus repeat days) and babies within the latest hour window.
        var maxGestation = 0, maxHours = 0, maxRepeat = 0
        for s in programme.services {
            maxRepeat = max(maxRepeat, s.repeatWithinDays)
            for w in s.acceptedWindows {
                switch w.kind {
                case .gestation(_, let to): maxGestation = max(maxGestation, to.totalDays)
                case .hours(_, let to, let catchUp): maxHours = max(maxHours, catchUp ?? to)
                }
            }
        }
        let countyClause = county == nil ? "" : " AND p.county_code = ?"
        // Refusals and rejected cards are few: read once, looked up per subject.
        let declines = try DeclineRecords.standing(db)
        let recollections = try SpecimenRecords.recollections(db)
        var entries: [DueListEntry] = []
        var args: [(any DatabaseValueConvertible)?] = [asOf.dayNumber - maxGestation - maxRepeat, asOf.dayNumber]
        if let county { args.append(county) }
        let pregnancies = try Row.fetchAll(db, sql: """
            SELECT p.id, p.uuid, p.lmp, m.name, m.resident_id, p.phone, p.county_code FROM screening_pregnancies p
            JOIN persons m ON m.id = p.person_id
            WHERE p.outcome IS NULL AND p.lmp_day >= ? AND p.lmp_day <= ?\(countyClause)
            """, arguments: StatementArguments(args))
        for r in pregnancies {
            let key: Int64 = r[0]
            guard let lmp = CalendarDate(iso: r[2] as String) else { continue }
            let subject = DueSubject(uuid: r[1], timing: .pregnancy(lmp: lmp), results: try history(db, key: key),
                                     declined: declines[key] ?? [], recollect: recollections[key] ?? [:])
            for item in DueList.items(for: subject, programme: programme, asOf: asOf) {
                entries.append(DueListEntry(item: item, name: r[3], residentID: r[4], phone: r[5], countyCode: r[6]))
            }
        }
        var nargs: [(any DatabaseValueConvertible)?] = [asOf.dayNumber - maxHours / 24 - maxRepeat - 1, asOf.dayNumber]
        if let county { nargs.append(county) }
        let newborns = try Row.fetchAll(db, sql: """
            SELECT n.id, n.uuid, n.birth_day, n.birth_minute, b.name, b.resident_id, p.phone, n.county_code
            FROM screening_newborns n JOIN screening_pregnancies p ON p.id = n.pregnancy_id JOIN persons b ON b.id = n.person_id
            WHERE n.birth_day >= ? AND n.birth_day <= ?\(county == nil ? "" : " AND n.county_code = ?")
            """, arguments: StatementArguments(nargs))
        for r in newborns {
            let id: Int64 = r[0]
            let born = ClinicalTime(date: CalendarDate(dayNumber: r[2]), minute: r[3])
            let subject = DueSubject(uuid: r[1], timing: .newborn(born: born), results: try history(db, key: -id),
                                     declined: declines[-id] ?? [], recollect: recollections[-id] ?? [:])
            for item in DueList.items(for: subject, programme: programme, asOf: asOf) {
                entries.append(DueListEntry(item: item, name: r[4], residentID: r[5], phone: r[6], countyCode: r[7]))
            }
        }
        let order = DueList.sorted(entries.map(\.item))
        var byItem: [DueItem: DueListEntry] = [:]
        for e in entries { byItem[e.item] = e }
        return order.compactMap { byItem[$0] }
    }

    /// Results so far per service for one subject key (pregnancy id, or -newborn id), oldest first.
    public static func history(_ db: Database, key: Int64) throws -> [String: [(outcome: ResultOutcome, date: CalendarDate)]] {
        var out: [String: [(outcome: ResultOutcome, date: CalendarDate)]] = [:]
        for r in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT service, outcome, result_day FROM screening_results WHERE subject_key = ? ORDER BY performed_at, id
            """), arguments: [key]) {
            guard let outcome = ResultOutcome(rawValue: r[1]) else { continue }
            out[r[0], default: []].append((outcome, CalendarDate(dayNumber: r[2])))
        }
        return out
    }
}

extension WorkListQueries {
    /// One pregnancy as the due list sees it: results, refusals and rejected cards.
    public static func dueSubject(_ db: Database, pregnancy p: PregnancyRecord) throws -> DueSubject {
        DueSubject(uuid: p.uuid.raw, timing: .pregnancy(lmp: p.lmp), results: try history(db, key: p.id),
                   declined: try DeclineRecords.standing(db, subjectKey: p.id), recollect: try recollections(db, key: p.id))
    }

    /// One newborn as the due list sees it.
    public static func dueSubject(_ db: Database, newborn n: NewbornRecord) throws -> DueSubject {
        DueSubject(uuid: n.uuid.raw, timing: .newborn(born: n.born), results: try history(db, key: -n.id),
                   declined: try DeclineRecords.standing(db, subjectKey: -n.id), recollect: try recollections(db, key: -n.id))
    }

    static func recollections(_ db: Database, key: Int64) throws -> [String: CalendarDate] {
        var out: [String: CalendarDate] = [:]
        for r in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.service, s.stage_day FROM screening_specimens s WHERE s.subject_key = ? AND s.stage = 'rejected'
              AND NOT EXISTS (SELECT 1 FROM screening_specimens t WHERE t.subject_key = s.subject_key AND t.service = s.service AND t.id > s.id)
            """), arguments: [key]) {
            out[r[0]] = CalendarDate(dayNumber: r[1])
        }
        return out
    }
}
