import GRDB
import ScreenVaxCore
import Store

/// `screening specimen collect|dispatch|receive`: a card from the birth hospital to the lab.
public enum SpecimenTracking {
    public static let maxNumber = 40

    /// Checks a specimen number as a card or a lab file gives it: 1 to 40 visible characters.
    public static func number(_ raw: String, field: String = "--specimen-no") throws -> String {
        let no = raw.trimmingSpaces()
        guard !no.isEmpty else { throw ScreeningError.missingValue(field: field, what: "the specimen number (标本编号) on the card").at(InputLocation(field: field)) }
        guard no.count <= maxNumber else { throw ScreeningError.tooLong(field: field, max: maxNumber).at(InputLocation(field: field)) }
        guard !no.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ScreeningError.badValue(field, "(control characters)", expected: "the number as printed on the card").at(InputLocation(field: field))
        }
        return no
    }

    public static func collect(_ db: Database, context: ScreeningContext, subject: SubjectRef, service code: String, number raw: String,
                               collectedAt time: ClinicalTime, institution rawInstitution: String) throws -> SpecimenRecord {
        let service = try context.service(code)
        guard context.programme.specimens.services.contains(service.code) else {
            throw ScreeningError.noSpecimenService(service.code, known: context.programme.specimens.services)
        }
        guard service.subject == subject.subject else { throw ScreeningError.serviceSubject(service: service.code, needs: service.subject.rawValue) }
        let no = try number(raw)
        guard time.date <= context.today else { throw ScreeningError.futureDate(time.description, field: "--collected-at") }
        if let n = subject.newborn, time.latestMinute < n.born.earliestMinute {
            throw ScreeningError.resultBeforeSubject(date: time.description, since: "the birth \(n.born)")
        }
        if subject.newborn == nil {
            let p = subject.pregnancy
            guard time.date >= p.lmp else { throw ScreeningError.resultBeforeSubject(date: time.description, since: "the LMP \(p.lmp.iso)") }
            if let closed = p.closedOn, time.date > closed { throw ScreeningError.pregnancyClosed(p.uuid.raw, outcome: "closed on \(closed.iso)") }
        }
        guard let institution = try InstitutionRecords.resolve(db, programme: context.programme, rawInstitution) else {
            throw ScreeningError.unknownInstitution(rawInstitution).at(InputLocation(field: "--institution"))
        }
        guard try SpecimenRecords.find(db, number: no, service: service.code).isEmpty else {
            throw ScreeningError.specimenNumberTaken(no, service: service.code).at(InputLocation(field: "--specimen-no"))
        }
        let s = try SpecimenRecords.insert(db, subject: subject, service: service.code, number: no, collected: time,
                                           institution: institution.code, at: context.at)
        try context.audit.record(db, action: "collect", entity: "specimen", uuid: s.uuid, detail: service.code)
        return s
    }

    /// Sends the card(s) with this number to a lab. Only collected cards can be dispatched.
    public static func dispatch(_ db: Database, context: ScreeningContext, number raw: String, service: String? = nil, at time: ClinicalTime,
                                lab rawLab: String?) throws -> [SpecimenRecord] {
        let specimens = try waiting(db, number: try number(raw), service: service)
        guard time.date <= context.today else { throw ScreeningError.futureDate(time.description, field: "--at") }
        var lab: String?
        if let rawLab, !rawLab.trimmingSpaces().isEmpty {
            guard let i = try InstitutionRecords.resolve(db, programme: context.programme, rawLab) else {
                throw ScreeningError.unknownInstitution(rawLab).at(InputLocation(field: "--lab"))
            }
            lab = i.code
        }
        return try specimens.map { s in
            guard s.stage == .collected else { throw ScreeningError.specimenStage(s.specimenNo, stage: s.stage.rawValue, step: "dispatched") }
            try notBefore(time, s.collectedAt, s, step: "dispatched")
            let updated = try SpecimenRecords.advance(db, s, to: .dispatched, on: time.date, set: ["dispatched_at": time.description, "lab": lab],
                                                      subjectUUID: try subjectUUID(db, s), at: context.at)
            try context.audit.record(db, action: "dispatch", entity: "specimen", uuid: s.uuid, detail: s.service)
            return updated
        }
    }

    /// The lab receives the card(s): accepted, or rejected with a reason (a recollection becomes due).
    public static func receive(_ db: Database, context: ScreeningContext, number raw: String, service: String? = nil, at time: ClinicalTime,
                               reject: String?) throws -> [SpecimenRecord] {
        let specimens = try waiting(db, number: try number(raw), service: service)
        guard time.date <= context.today else { throw ScreeningError.futureDate(time.description, field: "--at") }
        let reasons = context.programme.specimens.rejectionReasons
        if let reject, reasons[reject] == nil {
            throw ScreeningError.badValue("--reject", String(reject.prefix(40)), expected: "one of " + reasons.keys.sorted().joined(separator: ", "))
        }
        return try specimens.map { s in
            guard s.stage == .collected || s.stage == .dispatched else {
                throw ScreeningError.specimenStage(s.specimenNo, stage: s.stage.rawValue, step: "received")
            }
            try notBefore(time, s.dispatchedAt ?? s.collectedAt, s, step: "received")
            let updated = try SpecimenRecords.advance(db, s, to: reject == nil ? .received : .rejected, on: time.date,
                                                      set: ["received_at": time.description, "rejected": reject],
                                                      subjectUUID: try subjectUUID(db, s), at: context.at)
            try context.audit.record(db, action: reject == nil ? "receive" : "reject", entity: "specimen", uuid: s.uuid, detail: reject ?? s.service)
            return updated
        }
    }

    static func waiting(_ db: Database, number: String, service: String?) throws -> [SpecimenRecord] {
        let found = try SpecimenRecords.find(db, number: number, service: service?.lowercased())
        guard !found.isEmpty else { throw ScreeningError.specimenNotFound(number).at(InputLocation(field: "--specimen-no")) }
        return found
    }

    static func notBefore(_ time: ClinicalTime, _ earlier: String, _ s: SpecimenRecord, step: String) throws {
        if let e = ClinicalTime(earlier), time.latestMinute < e.earliestMinute {
            throw ScreeningError.resultBeforeSubject(date: time.description, since: "the specimen's previous stage (\(e))")
        }
    }

    static func subjectUUID(_ db: Database, _ s: SpecimenRecord) throws -> String {
        let sql = s.subjectKey < 0 ? "SELECT uuid FROM screening_newborns WHERE id = ?" : "SELECT uuid FROM screening_pregnancies WHERE id = ?"
        return try String.fetchOne(db.cachedStatement(sql: sql), arguments: [abs(s.subjectKey)]) ?? ""
    }
}
