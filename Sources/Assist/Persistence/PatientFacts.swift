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
    public var maskedIdentity: String { person.residentID.map(Masking.residentID) ?? "registry:" + person.uuid.raw }
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
        if case .found(let facts) = try lookup(db, patientID: raw, hpvProgramme: hpvProgramme, parts: parts, caller: .commandLine) {
            return facts
        }
        return nil
    }

    public enum Lookup: Sendable {
        case unknown
        /// Registered, but nowhere inside the caller's area: answered like `unknown`.
        case outsideArea(maskedIdentity: String)
        case found(PatientFacts)
    }

    /// The patient's facts that lie inside the caller's area: her enrolment, her open pregnancy,
    /// the newborn, recall cases, each only when registered in the area.
    public static func lookup(_ db: Database, patientID raw: String, hpvProgramme: String, parts: Parts = .all,
                              caller: HookCaller) throws -> Lookup {
        let key = raw.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.utf8.count <= 64 else { return .unknown }
        let person = try Persons.find(db, residentID: key.uppercased()) ?? Persons.find(db, uuid: PersonUUID(key))
        guard let person else { return .unknown }
        let maskedIdentity = person.residentID.map(Masking.residentID) ?? "registry:" + person.uuid.raw
        guard try registeredInside(db, personID: person.id, caller: caller) else { return .outsideArea(maskedIdentity: maskedIdentity) }
        var girl: Girl?
        if parts.contains(.hpv), let rid = person.residentID, let id = try? ResidentID(rid) {
            girl = try Register.girl(db, programme: hpvProgramme, residentID: id)
                .flatMap { caller.area.contains(countyCode: $0.countyCode, cityCode: $0.cityCode) ? $0 : nil }
        }
        var subjects: [DueSubject] = []
        var findings: [(String, String)] = []
        var keys: [Int64] = []
        if parts.contains(.screening), let pregnancy = try PregnancyRecords.open(db, personID: person.id),
           caller.area.contains(countyCode: pregnancy.countyCode, cityCode: pregnancy.cityCode) {
            let subject = try WorkListQueries.dueSubject(db, pregnancy: pregnancy)
            let history = subject.results
            subjects.append(subject)
            findings += latest(history)
        }
        if !parts.isDisjoint(with: [.screening, .recall]),
           let newborn = try NewbornRecords.find(db, personID: person.id),
           caller.area.contains(countyCode: newborn.countyCode, cityCode: newborn.cityCode) {
            if parts.contains(.screening) {
                let subject = try WorkListQueries.dueSubject(db, newborn: newborn)
                let history = subject.results
                subjects.append(subject)
                findings += latest(history)
            }
            keys.append(-newborn.id)
        }
        guard parts.contains(.recall) else {
            return .found(PatientFacts(person: person, girl: girl, screeningSubjects: subjects,
                                       findings: findings.map { (service: $0.0, outcome: $0.1) }, recallCases: []))
        }
        keys += try PregnancyRecords.ids(db, personID: person.id)
        var cases: [RecallCaseRecord] = []
        for key in keys { cases += try RecallRecords.openCases(db, subjectKey: key, area: caller.area) }
        return .found(PatientFacts(person: person, girl: girl, screeningSubjects: subjects,
                                   findings: findings.map { (service: $0.0, outcome: $0.1) }, recallCases: cases))
    }

    /// Whether the person has an enrolment, a pregnancy or a birth registered inside the caller's area.
    static func registeredInside(_ db: Database, personID: Int64, caller: HookCaller) throws -> Bool {
        try EnrolmentArea.contains(db, personID: personID, area: caller.area)
            || ScreeningArea.contains(db, personID: personID, area: caller.area)
    }

    private static func latest(_ history: [String: [(outcome: ResultOutcome, date: CalendarDate)]]) -> [(String, String)] {
        history.keys.sorted().compactMap { service in history[service]?.last.map { (service, $0.outcome.rawValue) } }
    }
}
