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

    public init(id: Int64, uuid: String, version: Int, residentID: String?, name: String, birthDate: CalendarDate,
                sex: ResidentID.Sex, phone: String?) {
        self.id = id; self.uuid = uuid; self.version = version; self.residentID = residentID
        self.name = name; self.birthDate = birthDate; self.sex = sex; self.phone = phone
    }

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
        let statement = try BulkStatement(db, sql: "SELECT id, uuid, version, resident_id, name, birth_date, sex, phone FROM persons WHERE resident_id = ?")
        return try statement.first([.text(residentID)]) { c in
            PersonRecord(id: c.int(0), uuid: c.text(1)!, version: Int(c.int(2)), residentID: c.text(3), name: c.text(4)!,
                         birthDate: CalendarDate(iso: c.text(5)!)!, sex: ResidentID.Sex(rawValue: c.text(6)!)!, phone: c.text(7))
        }
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
        try BulkStatement(db, sql: """
            INSERT INTO persons (uuid, version, resident_id, name, birth_date, sex, phone, created_at, updated_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
            """).execute([.text(uuid), .text(id.value), .text(name), .text(id.birthDate.iso), .text(id.sex.rawValue),
                           .text(phone), .text(at), .text(at)])
        let record = PersonRecord(id: db.lastInsertedRowID, uuid: uuid, version: 1, residentID: id.value, name: name,
                                  birthDate: id.birthDate, sex: id.sex, phone: phone)
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
