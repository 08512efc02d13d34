import GRDB
import ScreenVaxCore
import Store

/// Newborns: registered under their mother's pregnancy with or without a resident ID; an ID that
/// arrives later goes on the same person.
public enum BirthRegistration {
    public static func add(_ db: Database, context: ScreeningContext, pregnancyUUID: PregnancyID, newborn n: NewbornRecords.New,
                           residentID rawID: String?, name: String? = nil) throws -> NewbornRecord {
        try FieldLength.check(n.facility, field: "facility")
        if let name { try FieldLength.check(name, field: "name") }
        guard var pregnancy = try PregnancyRecords.find(db, uuid: pregnancyUUID) else { throw ScreeningError.pregnancyNotFound(pregnancyUUID.raw) }
        if let outcome = pregnancy.outcome, outcome != .liveBirth {
            throw ScreeningError.pregnancyClosed(pregnancy.uuid.raw, outcome: outcome.rawValue)
        }
        guard n.born.date <= context.today else { throw ScreeningError.futureDate(n.born.description, field: "--born") }
        guard n.born.date > pregnancy.lmp else { throw ScreeningError.resultBeforeSubject(date: n.born.description, since: "the pregnancy's LMP \(pregnancy.lmp.iso)") }
        if try NewbornRecords.of(db, pregnancyID: pregnancy.id).contains(where: { $0.birthOrder == n.birthOrder }) {
            throw ScreeningError.birthOrderTaken(order: n.birthOrder)
        }
        let mother = try Persons.find(db, id: pregnancy.personID)!
        // Until the baby has a name and an ID it is known as its mother's son or daughter (X之子/X之女),
        // and told from a twin by its birth order.
        let placeholder = mother.name + (n.sex == .female ? "之女" : "之子")
        let person: PersonRecord
        if let rawID, !rawID.trimmingSpaces().isEmpty {
            let id: ResidentID
            do { id = try ResidentID(rawID, today: context.today) } catch { throw error.at(InputLocation(field: "--id")) }
            guard id.birthDate == n.born.date else {
                throw ScreeningError.newbornIDMismatch("its birth date is \(id.birthDate.iso), the baby was born \(n.born.date.iso)")
            }
            guard id.sex == n.sex else { throw ScreeningError.newbornIDMismatch("it is a \(id.sex == .female ? "girl" : "boy")'s ID") }
            if let existing = try Persons.find(db, residentID: id.value) {
                person = existing
            } else {
                switch try Persons.findOrCreate(db, id: id, name: name ?? placeholder, at: context.at) {
                case .created(let p), .existing(let p): person = p
                }
            }
        } else {
            person = try Persons.createWithoutID(db, name: name ?? placeholder, birthDate: n.born.date, sex: n.sex, at: context.at)
        }
        if pregnancy.isOpen {
            // A birth ends the pregnancy: close it as a live birth on the birth date.
            pregnancy = try PregnancyRecords.close(db, pregnancy, outcome: .liveBirth, on: n.born.date, programme: context.programme, at: context.at)
        }
        let record: NewbornRecord
        do {
            record = try NewbornRecords.insert(db, n, pregnancy: pregnancy, person: person, at: context.at)
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
            throw ScreeningError.identity("the resident ID already belongs to a registered newborn; check the ID")
        }
        try context.audit.record(db, action: "register", entity: "newborn", uuid: record.uuid.raw, detail: "order \(n.birthOrder)")
        return record
    }

    /// Gives a newborn registered without an ID its resident ID (same person, new version).
    public static func assignID(_ db: Database, context: ScreeningContext, newbornUUID: NewbornID, residentID rawID: String) throws -> NewbornRecord {
        guard let newborn = try NewbornRecords.find(db, uuid: newbornUUID) else { throw ScreeningError.newbornNotFound(newbornUUID.raw) }
        let id: ResidentID
        do { id = try ResidentID(rawID, today: context.today) } catch { throw error.at(InputLocation(field: "--id")) }
        do {
            _ = try Persons.assignResidentID(db, personID: newborn.personID, id: id, at: context.at)
        } catch let conflict as IdentityConflict {
            throw ScreeningError.identity("ID \(conflict.existing.maskedID) already belongs to \(conflict.existing.name), born \(conflict.existing.birthDate.iso) (person \(conflict.existing.uuid.raw.prefix(8))); check the ID on the birth registration").at(InputLocation(field: "--id"))
        }
        try context.audit.record(db, action: "assign_id", entity: "newborn", uuid: newborn.uuid.raw, detail: "")
        return newborn
    }
}
