import GRDB
import ScreenVaxCore
import Store

/// A newborn's uuid (the record of the birth, not the baby's person record).
public typealias NewbornID = RecordUUID<NewbornRecord>

/// A newborn as stored.
public struct NewbornRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: NewbornID
    public let version: Int
    public let pregnancyID: Int64
    public let personID: Int64
    public let birthOrder: Int
    public let born: ClinicalTime
    public let sex: ResidentID.Sex
    public let gestationalWeeks: Int?
    public let birthWeightG: Int?
    public let facility: String
    public let countyCode: String
    public let cityCode: String

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; version = row["version"]; pregnancyID = row["pregnancy_id"]
        personID = row["person_id"]; birthOrder = row["birth_order"]
        born = ClinicalTime(date: CalendarDate(dayNumber: row["birth_day"]), minute: row["birth_minute"])
        sex = ResidentID.Sex(rawValue: row["sex"])!; gestationalWeeks = row["gestational_weeks"]
        birthWeightG = row["birth_weight_g"]; facility = row["facility"]; countyCode = row["county_code"]; cityCode = row["city_code"]
    }

    /// From `NewbornRecords.columns`, by index (the per-row lookups of an import).
    init(columns c: BulkStatement.Columns) {
        id = c.int(0); uuid = c.uuid(1); version = Int(c.int(2)); pregnancyID = c.int(3); personID = c.int(4)
        birthOrder = Int(c.int(5)); born = ClinicalTime(date: CalendarDate(dayNumber: Int(c.int(6))), minute: Int(c.int(7)))
        sex = ResidentID.Sex(rawValue: c.text(8)!)!; gestationalWeeks = c.optionalInt(9).map(Int.init)
        birthWeightG = c.optionalInt(10).map(Int.init); facility = c.text(11)!; countyCode = c.text(12)!; cityCode = c.text(13)!
    }

    public var facts: NewbornFacts { NewbornFacts(gestationalWeeks: gestationalWeeks, birthWeightG: birthWeightG) }
}

public enum NewbornRecords {
    static let columns = """
        id, uuid, version, pregnancy_id, person_id, birth_order, birth_day, birth_minute, sex, gestational_weeks, birth_weight_g,
        facility, county_code, city_code
        """

    public static func find(_ db: Database, uuid: NewbornID) throws -> NewbornRecord? {
        try BulkStatement(db, sql: "SELECT \(columns) FROM screening_newborns WHERE uuid = ?").first([.text(uuid.raw)], NewbornRecord.init(columns:))
    }

    public static func find(_ db: Database, id: Int64) throws -> NewbornRecord? {
        try BulkStatement(db, sql: "SELECT \(columns) FROM screening_newborns WHERE id = ?").first([.int(id)], NewbornRecord.init(columns:))
    }

    /// The person's birth record (a person is born once).
    public static func find(_ db: Database, personID: Int64) throws -> NewbornRecord? {
        try BulkStatement(db, sql: "SELECT \(columns) FROM screening_newborns WHERE person_id = ? ORDER BY id LIMIT 1")
            .first([.int(personID)], NewbornRecord.init(columns:))
    }

    public static func of(_ db: Database, pregnancyID: Int64) throws -> [NewbornRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM screening_newborns WHERE pregnancy_id = ? ORDER BY birth_order"),
                         arguments: [pregnancyID]).map(NewbornRecord.init)
    }

    public struct New: Sendable {
        public var birthOrder: Int
        public var born: ClinicalTime
        public var sex: ResidentID.Sex
        public var gestationalWeeks: Int?
        public var birthWeightG: Int?
        public var facility: String
        public init(birthOrder: Int, born: ClinicalTime, sex: ResidentID.Sex, gestationalWeeks: Int? = nil,
                    birthWeightG: Int? = nil, facility: String = "") {
            self.birthOrder = birthOrder; self.born = born; self.sex = sex
            self.gestationalWeeks = gestationalWeeks; self.birthWeightG = birthWeightG; self.facility = facility
        }
    }

    public static func insert(_ db: Database, _ n: New, pregnancy: PregnancyRecord, person: PersonRecord, at: String) throws -> NewbornRecord {
        let uuid = RecordID.make()
        try db.cachedStatement(sql: """
            INSERT INTO screening_newborns (uuid, version, pregnancy_id, person_id, birth_order, born_at, birth_day, birth_minute, sex,
              gestational_weeks, birth_weight_g, facility, county_code, city_code, created_at, updated_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, pregnancy.id, person.id, n.birthOrder, n.born.description, n.born.date.dayNumber,
                                     n.born.minute ?? 0, n.sex.rawValue, n.gestationalWeeks, n.birthWeightG, n.facility,
                                     pregnancy.countyCode, pregnancy.cityCode, at, at])
        let record = try find(db, id: db.lastInsertedRowID)!
        try Outbox.enqueue(db, type: "newborn", uuid: uuid, version: 1,
                           payload: payload(record, pregnancyUUID: pregnancy.uuid, personUUID: person.uuid), at: at)
        return record
    }

    /// The newborn's wire record (Schemas/sync/newborn.schema.json). The resident ID travels on the
    /// person record, so a late ID is a new person version, not a new newborn.
    public static func payload(_ n: NewbornRecord, pregnancyUUID: PregnancyID, personUUID: PersonUUID) -> String {
        var w = JSONWriter()
        w.string("uuid", n.uuid)
        w.int("version", n.version)
        w.string("pregnancy_uuid", pregnancyUUID)
        w.string("person_uuid", personUUID)
        w.int("birth_order", n.birthOrder)
        w.string("born_at", n.born.description)
        w.string("sex", n.sex.rawValue)
        w.int("gestational_weeks", n.gestationalWeeks)
        w.int("birth_weight_g", n.birthWeightG)
        w.string("facility", n.facility)
        w.string("county_code", n.countyCode)
        return w.finished()
    }
}
