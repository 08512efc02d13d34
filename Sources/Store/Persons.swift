import GRDB
import ScreenVaxCore

/// A registered person: one per resident ID province-wide.
public struct PersonRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: PersonUUID
    public let version: Int
    public let residentID: String?
    public let name: String
    public let birthDate: CalendarDate
    public let sex: ResidentID.Sex
    public let phone: String?

    public init(id: Int64, uuid: PersonUUID, version: Int, residentID: String?, name: String, birthDate: CalendarDate,
                sex: ResidentID.Sex, phone: String?) {
        self.id = id; self.uuid = uuid; self.version = version; self.residentID = residentID
        self.name = name; self.birthDate = birthDate; self.sex = sex; self.phone = phone
    }

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; version = row["version"]; residentID = row["resident_id"]
        name = row["name"]; birthDate = CalendarDate(iso: row["birth_date"] as String)!
        sex = ResidentID.Sex(rawValue: row["sex"])!; phone = row["phone"]
    }

    /// Reads the columns of `Persons.findByResidentID`, in its order.
    init(columns c: BulkStatement.Columns) {
        self.init(id: c.int(0), uuid: c.uuid(1), version: Int(c.int(2)), residentID: c.text(3), name: c.text(4) ?? "",
                  birthDate: CalendarDate(iso: c.text(5)!)!, sex: ResidentID.Sex(rawValue: c.text(6)!)!, phone: c.text(7))
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
        "ID \(existing.maskedID) is already registered as \(existing.name), born \(existing.birthDate.iso) (person \(existing.uuid.raw.prefix(8))); this entry says \(newName), born \(newBirthDate.iso). Check the ID and name with the family; correct the wrong record before importing again"
    }
}

public enum Persons {
    static let findByResidentID = "SELECT id, uuid, version, resident_id, name, birth_date, sex, phone FROM persons WHERE resident_id = ?"

    public static func find(_ db: Database, residentID: String) throws -> PersonRecord? {
        try BulkStatement(db, sql: findByResidentID).first([.text(residentID)], PersonRecord.init(columns:))
    }

    public static func find(_ db: Database, id: Int64) throws -> PersonRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM persons WHERE id = ?"), arguments: [id]).map(PersonRecord.init)
    }

    public static func find(_ db: Database, uuid: PersonUUID) throws -> PersonRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM persons WHERE uuid = ?"), arguments: [uuid]).map(PersonRecord.init)
    }

    public enum Outcome: Sendable { case created(PersonRecord), existing(PersonRecord) }

    /// Finds the person with this ID or registers them; a different name or birth date is a conflict.
    /// Names are compared without spaces.
    public static func findOrCreate(_ db: Database, id: ResidentID, name: String, phone: String? = nil,
                                    at: String) throws -> Outcome {
        try Writer(db).findOrCreate(id: id, name: name, phone: phone, at: at)
    }

    /// The statements of `findOrCreate` prepared once, for imports that register a province's cohort.
    public struct Writer {
        let db: Database
        let find: BulkStatement
        let insert: BulkStatement
        let outbox: Outbox.Writer

        public init(_ db: Database) throws {
            self.db = db
            find = try BulkStatement(db, sql: Persons.findByResidentID)
            // A new ID is inserted without looking it up first (the insert's own index probe finds
            // an existing one); only an ID already registered is read back and compared.
            insert = try BulkStatement(db, sql: """
                INSERT INTO persons (uuid, version, resident_id, name, birth_date, sex, phone, created_at, updated_at)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (resident_id) DO NOTHING
                """)
            outbox = try Outbox.Writer(db)
        }

        public func find(residentID: String) throws -> PersonRecord? {
            try find.first([.text(residentID)], PersonRecord.init(columns:))
        }

        public func findOrCreate(id: ResidentID, name: String, phone: String? = nil, at: String) throws -> Outcome {
            let uuid = RecordID.make()
            let birth = id.birthDate.iso
            try insert.execute([.text(uuid), .text(id.value), .text(name), .text(birth), .text(id.sex.rawValue),
                                .text(phone), .text(at), .text(at)])
            guard db.changesCount == 1 else {
                guard let existing = try find(residentID: id.value) else { throw PersonIdentityError.notFound }
                let same = existing.name.removingWhitespace() == name.removingWhitespace() && existing.birthDate == id.birthDate
                guard same else { throw IdentityConflict(existing: existing, newName: name, newBirthDate: id.birthDate) }
                return .existing(existing)
            }
            let record = PersonRecord(id: db.lastInsertedRowID, uuid: PersonUUID(uuid), version: 1, residentID: id.value, name: name,
                                      birthDate: id.birthDate, sex: id.sex, phone: phone)
            try outbox.enqueue(type: "person", uuid: uuid, version: 1, payload: Persons.payloadWriter(record), at: at)
            return .created(record)
        }
    }

    /// The person's wire record (Schemas/sync/person.schema.json); the full ID goes only to the platform.
    public static func payload(_ p: PersonRecord) -> String { payloadWriter(p).finished() }

    static func payloadWriter(_ p: PersonRecord) -> JSONWriter {
        var w = JSONWriter()
        w.string("uuid", p.uuid.raw)
        w.int("version", p.version)
        w.string("resident_id", p.residentID)
        w.string("name", p.name)
        w.string("birth_date", p.birthDate.iso)
        w.string("sex", p.sex.rawValue)
        w.string("phone", p.phone)
        return w
    }
}
