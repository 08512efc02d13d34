import GRDB
import ScreenVaxCore

/// A registered person: one per resident ID province-wide.
public struct PersonRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: String
    public let version: Int
    public let residentID: String?
    public let name: String
    public let birthDate: CalendarDate
    public let sex: ResidentID.Sex
    public let phone: String?

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; version = row["version"]; residentID = row["resident_id"]
        name = row["name"]; birthDate = CalendarDate(iso: row["birth_date"] as String)!
        sex = ResidentID.Sex(rawValue: row["sex"])!; phone = row["phone"]
    }

    public var maskedID: String { residentID.map(Masking.residentID) ?? "(no ID yet)" }
}

/// What to do when a row names an ID already registered under another name or birth date.
public struct IdentityConflict: Error, Sendable {
    public let existing: PersonRecord
    public let newName: String
    public let newBirthDate: CalendarDate

    /// Names both records so the clerk can tell which one is wrong; never silently overwritten.
    public var message: String {
        "ID \(existing.maskedID) is already registered as \(existing.name), born \(existing.birthDate.iso) (person \(existing.uuid.prefix(8))); this entry says \(newName), born \(newBirthDate.iso). Check the ID and name with the family; correct the wrong record before importing again"
    }
}

public enum Persons {
    public static func find(_ db: Database, residentID: String) throws -> PersonRecord? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM persons WHERE resident_id = ?")
        return try Row.fetchOne(statement, arguments: [residentID]).map(PersonRecord.init)
    }

    public static func find(_ db: Database, id: Int64) throws -> PersonRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM persons WHERE id = ?"), arguments: [id]).map(PersonRecord.init)
    }

    public static func find(_ db: Database, uuid: String) throws -> PersonRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM persons WHERE uuid = ?"), arguments: [uuid]).map(PersonRecord.init)
    }

    public enum Outcome: Sendable { case created(PersonRecord), existing(PersonRecord) }

    /// Finds the person with this ID or registers them; a different name or birth date is a conflict.
    /// Names are compared without spaces.
    public static func findOrCreate(_ db: Database, id: ResidentID, name: String, phone: String? = nil,
                                    at: String) throws -> Outcome {
        if let existing = try find(db, residentID: id.value) {
            let same = existing.name.filter { !$0.isWhitespace } == name.filter { !$0.isWhitespace }
                && existing.birthDate == id.birthDate
            guard same else { throw IdentityConflict(existing: existing, newName: name, newBirthDate: id.birthDate) }
            return .existing(existing)
        }
        let uuid = RecordID.make()
        try db.cachedStatement(sql: """
            INSERT INTO persons (uuid, version, resident_id, name, birth_date, sex, phone, created_at, updated_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, id.value, name, id.birthDate.iso, id.sex.rawValue, phone, at, at])
        let record = try find(db, id: db.lastInsertedRowID)!
        try Outbox.enqueue(db, type: "person", uuid: uuid, version: 1, payload: payload(record), at: at)
        return .created(record)
    }

    /// The person's wire record (Schemas/sync/person.schema.json); the full ID goes only to the platform.
    public static func payload(_ p: PersonRecord) -> String {
        var w = JSONWriter()
        w.string("uuid", p.uuid)
        w.int("version", p.version)
        w.string("resident_id", p.residentID)
        w.string("name", p.name)
        w.string("birth_date", p.birthDate.iso)
        w.string("sex", p.sex.rawValue)
        w.string("phone", p.phone)
        return w.finished()
    }
}
