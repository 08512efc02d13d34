import GRDB
import ScreenVaxCore
import Store

/// How a caller names a girl: by resident ID (typed, from her ID card) or by her registry id
/// (the person uuid the lists and pages carry, so that no ID travels in a URL).
public enum GirlRef: Sendable, Hashable {
    case residentID(String)
    case person(PersonUUID)
}

/// Finding a girl for a use case. For a caller bound to an area, a girl outside it is answered
/// exactly as one who is on no roster (`not_enrolled`), and the refused lookup is audited.
public enum GirlLookup {
    /// A girl inside the caller's area, read as she is now.
    public static func find(_ database: RegistryDatabase, context: HPVContext, _ ref: GirlRef) throws -> Girl {
        let parsed = try Parsed(ref, context: context)
        return try refusingOutside(database, context: context, parsed: parsed) {
            try database.read { db in
                guard let girl = try resolve(db, context: context, parsed, enrolled: true).girl else { throw HPVError.notEnrolled(parsed.masked) }
                return girl
            }
        }
    }

    /// A ref with its resident ID checked: what a use case holds before its transaction.
    struct Parsed {
        let residentID: ResidentID?
        let personUUID: PersonUUID?

        init(_ ref: GirlRef, context: HPVContext, field: String = "id") throws {
            switch ref {
            case .residentID(let raw):
                residentID = try FieldInput.residentID(raw, field: field, today: context.today)
                personUUID = nil
            case .person(let uuid):
                residentID = nil
                personUUID = uuid
            }
        }

        var masked: String { residentID?.masked ?? "this girl" }
    }

    /// A stored person's resident ID, as dose and AEFI entries carry it.
    static func residentID(of person: PersonRecord) throws -> ResidentID {
        guard let raw = person.residentID, let id = try? ResidentID(raw) else { throw HPVError.notEnrolled(person.maskedID) }
        return id
    }

    /// Reads the person in `db`. The command line (no area) finds any registered person; a caller
    /// bound to an area finds only girls enrolled inside it. `enrolled` also requires an enrolment.
    static func resolve(_ db: Database, context: HPVContext, _ ref: Parsed, enrolled: Bool) throws -> (person: PersonRecord, girl: Girl?) {
        let person: PersonRecord?
        if let id = ref.residentID {
            person = try Persons.find(db, residentID: id.value)
        } else {
            person = try ref.personUUID.flatMap { try Persons.find(db, uuid: $0) }
        }
        guard let person else {
            throw context.area == nil && !enrolled ? HPVError.unknownPerson(ref.masked) : HPVError.notEnrolled(ref.masked)
        }
        let girl = try Register.girl(db, programme: context.programme.id, person: person)
        if context.area != nil || enrolled {
            guard let girl, context.covers(girl) else { throw HPVError.notEnrolled(ref.masked) }
        }
        return (person, girl)
    }

    /// Runs a lookup (and what follows it) for a caller; a caller bound to an area waits when she has
    /// had her conflict answers, and a lookup by resident ID that finds nobody in her area is audited.
    static func refusingOutside<T>(_ database: RegistryDatabase, context: HPVContext, parsed: Parsed,
                                   entity: String = "hpv_girl", _ body: () throws -> T) throws -> T {
        if parsed.residentID != nil { try context.checkBudget(database) }
        do { return try body() } catch let e as HPVError where context.area != nil && parsed.residentID != nil {
            if e.code == "not_enrolled" || e.code == "unknown_person" {
                try Refusals.record(database, context: context, [.init(entity: entity, code: e.code, maskedID: parsed.masked, counted: false)])
            }
            throw e
        }
    }
}
