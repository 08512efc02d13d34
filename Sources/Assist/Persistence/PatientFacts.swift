import GRDB
import HPV
import ScreenVaxCore
import Screening
import Store

/// Everything the rule services judge for one patient, read in one transaction.
public struct PatientFacts: Sendable {
    public let person: PersonRecord
    /// On the HPV programme's register.
    public let girl: Girl?
    /// Her open pregnancy, or the patient as a newborn, with results so far.
    public let screeningSubjects: [DueSubject]
    /// Latest result outcome per service, for the AI's coded findings.
    public let findings: [(service: String, outcome: String)]
    /// Open recall cases of her pregnancies or of the newborn.
    public let recallCases: [RecallCaseRecord]

    /// The patient as logs and the audit show them: a masked resident ID, else the registry id.
    public var maskedIdentity: String { person.residentID.map(Masking.residentID) ?? "registry:" + person.uuid }
}

public enum PatientFactsQuery {
    /// Which facts to read: a service reads only what it judges (a hook's time is mostly reads).
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let hpv = Parts(rawValue: 1)
        public static let screening = Parts(rawValue: 2)
        public static let recall = Parts(rawValue: 4)
        public static let all: Parts = [.hpv, .screening, .recall]
    }

    /// Finds the patient by resident ID (18 characters, any case) or by registry id (person uuid).
    public static func find(_ db: Database, patientID raw: String, hpvProgramme: String, parts: Parts = .all) throws -> PatientFacts? {
        let key = raw.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return nil }
        let person = try Persons.find(db, residentID: key.uppercased()) ?? Persons.find(db, uuid: key)
        guard let person else { return nil }
        var girl: Girl?
        if parts.contains(.hpv), let rid = person.residentID, let id = try? ResidentID(rid) {
            girl = try Register.girl(db, programme: hpvProgramme, residentID: id)
        }
        var subjects: [DueSubject] = []
        var findings: [(String, String)] = []
        var keys: [Int64] = []
        if parts.contains(.screening), let pregnancy = try PregnancyRecords.open(db, personID: person.id) {
            let history = try WorkListQueries.history(db, key: pregnancy.id)
            subjects.append(DueSubject(uuid: pregnancy.uuid, timing: .pregnancy(lmp: pregnancy.lmp), results: history))
            findings += latest(history)
        }
        let newbornSQL = "SELECT id FROM screening_newborns WHERE person_id = ?"
        if !parts.isDisjoint(with: [.screening, .recall]),
           let newbornID = try Int64.fetchOne(db.cachedStatement(sql: newbornSQL), arguments: [person.id]),
           let newborn = try NewbornRecords.find(db, id: newbornID) {
            if parts.contains(.screening) {
                let history = try WorkListQueries.history(db, key: -newborn.id)
                subjects.append(DueSubject(uuid: newborn.uuid, timing: .newborn(born: newborn.born), results: history))
                findings += latest(history)
            }
            keys.append(-newborn.id)
        }
        guard parts.contains(.recall) else {
            return PatientFacts(person: person, girl: girl, screeningSubjects: subjects,
                                findings: findings.map { (service: $0.0, outcome: $0.1) }, recallCases: [])
        }
        keys += try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM screening_pregnancies WHERE person_id = ?"),
                                   arguments: [person.id])
        let openCases = try db.cachedStatement(sql: """
            SELECT id FROM screening_recall_cases WHERE subject_key = ? AND stage NOT IN ('closed', 'lost') ORDER BY id
            """)
        var cases: [RecallCaseRecord] = []
        for key in keys {
            for id in try Int64.fetchAll(openCases, arguments: [key]) {
                if let c = try RecallRecords.find(db, id: id) { cases.append(c) }
            }
        }
        return PatientFacts(person: person, girl: girl, screeningSubjects: subjects,
                            findings: findings.map { (service: $0.0, outcome: $0.1) }, recallCases: cases)
    }

    private static func latest(_ history: [String: [(outcome: ResultOutcome, date: CalendarDate)]]) -> [(String, String)] {
        history.keys.sorted().compactMap { service in history[service]?.last.map { (service, $0.outcome.rawValue) } }
    }
}
