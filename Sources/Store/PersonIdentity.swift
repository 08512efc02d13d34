import GRDB
import ScreenVaxCore

/// People registered before they have a resident ID (a newborn), and the ID arriving later.
///
/// A newborn without an ID is one `persons` row with `resident_id` NULL; giving it its ID later
/// updates that row (a new version with its outbox entry), so the baby never becomes two people.
extension Persons {
    /// Registers a person who has no resident ID yet.
    public static func createWithoutID(_ db: Database, name: String, birthDate: CalendarDate, sex: ResidentID.Sex,
                                       phone: String? = nil, at: String) throws -> PersonRecord {
        let uuid = RecordID.make()
        try db.cachedStatement(sql: """
            INSERT INTO persons (uuid, version, resident_id, name, birth_date, sex, phone, created_at, updated_at)
            VALUES (?, 1, NULL, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, name, birthDate.iso, sex.rawValue, phone, at, at])
        let record = try find(db, id: db.lastInsertedRowID)!
        try Outbox.enqueue(db, type: "person", uuid: uuid, version: 1, payload: payload(record), at: at)
        return record
    }

    /// Gives a person without an ID its resident ID. The ID's birth date and sex must match the
    /// record; an ID that already belongs to another person is an identity conflict, never merged silently.
    public static func assignResidentID(_ db: Database, personID: Int64, id: ResidentID, at: String) throws -> PersonRecord {
        guard let person = try find(db, id: personID) else { throw PersonIdentityError.notFound }
        if person.residentID == id.value { return person }
        guard person.residentID == nil else { throw PersonIdentityError.alreadyHasID(person.maskedID) }
        if let other = try find(db, residentID: id.value) {
            throw IdentityConflict(existing: other, newName: person.name, newBirthDate: person.birthDate)
        }
        guard id.birthDate == person.birthDate else {
            throw PersonIdentityError.birthDateDiffers(id: id.birthDate.iso, record: person.birthDate.iso)
        }
        guard id.sex == person.sex else { throw PersonIdentityError.sexDiffers(id: id.sex.rawValue, record: person.sex.rawValue) }
        try db.cachedStatement(sql: "UPDATE persons SET resident_id = ?, version = version + 1, updated_at = ? WHERE id = ?")
            .execute(arguments: [id.value, at, personID])
        let updated = try find(db, id: personID)!
        try Outbox.enqueue(db, type: "person", uuid: updated.uuid.raw, version: updated.version, payload: payload(updated), at: at)
        return updated
    }
}

/// Why an ID could not be given to a person.
public enum PersonIdentityError: UserError, Equatable {
    case notFound
    case alreadyHasID(String)
    case birthDateDiffers(id: String, record: String)
    case sexDiffers(id: String, record: String)

    public var code: String {
        switch self {
        case .notFound: "person_not_found"
        case .alreadyHasID: "person_has_id"
        case .birthDateDiffers: "id_birth_date_differs"
        case .sexDiffers: "id_sex_differs"
        }
    }

    public var message: String {
        switch self {
        case .notFound: "no such person"
        case .alreadyHasID(let masked): "this person already has resident ID \(masked); a wrong ID is corrected through the identity process"
        case .birthDateDiffers(let id, let record): "the ID gives birth date \(id) but the record says \(record); check the ID or the birth record"
        case .sexDiffers(let id, let record): "the ID gives sex \(id) but the record says \(record); check the ID or the birth record"
        }
    }
}
