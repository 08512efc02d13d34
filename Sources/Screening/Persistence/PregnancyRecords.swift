import GRDB
import ScreenVaxCore
import Store

public enum PregnancyOutcome: String, Sendable, CaseIterable, Codable {
    case liveBirth = "live_birth", stillbirth, miscarriage
    case inducedAbortion = "induced_abortion"
}

public enum DatingMethod: String, Sendable, Codable { case lmp, edd, ultrasound }

/// A pregnancy's uuid: what her results, refusals, newborns and the clinician's pages name it by.
public typealias PregnancyID = RecordUUID<PregnancyRecord>

/// A pregnancy as stored.
public struct PregnancyRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: PregnancyID
    public let version: Int
    public let programme: String
    public let personID: Int64
    public let countyCode: String
    public let cityCode: String
    public let phone: String
    public let dating: DatingMethod
    public let datingInput: String
    public let lmp: CalendarDate
    public let registeredOn: CalendarDate
    public let outcome: PregnancyOutcome?
    public let closedOn: CalendarDate?

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; version = row["version"]; programme = row["programme"]
        personID = row["person_id"]; countyCode = row["county_code"]; cityCode = row["city_code"]; phone = row["phone"]
        dating = DatingMethod(rawValue: row["dating"])!; datingInput = row["dating_input"]
        lmp = CalendarDate(iso: row["lmp"] as String)!; registeredOn = CalendarDate(iso: row["registered_on"] as String)!
        outcome = (row["outcome"] as String?).flatMap(PregnancyOutcome.init(rawValue:))
        closedOn = (row["closed_on"] as String?).flatMap { CalendarDate(iso: $0) }
    }

    /// From `PregnancyRecords.columns`, by index (the per-row lookups of an import).
    init(columns c: BulkStatement.Columns) {
        id = c.int(0); uuid = c.uuid(1); version = Int(c.int(2)); programme = c.text(3) ?? ""; personID = c.int(4)
        countyCode = c.text(5)!; cityCode = c.text(6)!; phone = c.text(7)!; dating = DatingMethod(rawValue: c.text(8)!)!
        datingInput = c.text(9)!; lmp = CalendarDate(iso: c.text(10)!)!; registeredOn = CalendarDate(iso: c.text(11)!)!
        outcome = c.text(12).flatMap(PregnancyOutcome.init(rawValue:)); closedOn = c.text(13).flatMap { CalendarDate(iso: $0) }
    }

    public var isOpen: Bool { outcome == nil }
}

public enum PregnancyRecords {
    static let columns = """
        id, uuid, version, programme, person_id, county_code, city_code, phone, dating, dating_input, lmp, registered_on, outcome, closed_on
        """

    public static func find(_ db: Database, uuid: PregnancyID) throws -> PregnancyRecord? {
        try BulkStatement(db, sql: "SELECT \(columns) FROM screening_pregnancies WHERE uuid = ?").first([.text(uuid.raw)], PregnancyRecord.init(columns:))
    }

    public static func find(_ db: Database, id: Int64) throws -> PregnancyRecord? {
        try BulkStatement(db, sql: "SELECT \(columns) FROM screening_pregnancies WHERE id = ?").first([.int(id)], PregnancyRecord.init(columns:))
    }

    /// Every pregnancy of the person, open or closed, by id.
    public static func ids(_ db: Database, personID: Int64) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM screening_pregnancies WHERE person_id = ? ORDER BY id"), arguments: [personID])
    }

    public static func open(_ db: Database, personID: Int64) throws -> PregnancyRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM screening_pregnancies WHERE person_id = ? AND outcome IS NULL"),
                         arguments: [personID]).map(PregnancyRecord.init)
    }

    public static func insert(_ db: Database, programme: ScreeningProgramme, person: PersonRecord, county: County, phone: String,
                              dating: DatingMethod, datingInput: String, lmp: CalendarDate, registeredOn: CalendarDate,
                              at: String) throws -> PregnancyRecord {
        let uuid = RecordID.make()
        try db.cachedStatement(sql: """
            INSERT INTO screening_pregnancies (uuid, version, programme, person_id, county_code, city_code, phone, dating,
              dating_input, lmp, lmp_day, registered_on, registered_day, created_at, updated_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, programme.id, person.id, county.code, county.cityCode, phone, dating.rawValue,
                                     datingInput, lmp.iso, lmp.dayNumber, registeredOn.iso, registeredOn.dayNumber, at, at])
        let record = try find(db, id: db.lastInsertedRowID)!
        try Outbox.enqueue(db, type: "pregnancy", uuid: uuid, version: 1, payload: payload(record, person: person, programme: programme), at: at)
        return record
    }

    /// Closes a pregnancy with its outcome: a new version with its outbox entry.
    public static func close(_ db: Database, _ p: PregnancyRecord, outcome: PregnancyOutcome, on date: CalendarDate,
                             programme: ScreeningProgramme, at: String) throws -> PregnancyRecord {
        try db.cachedStatement(sql: """
            UPDATE screening_pregnancies SET outcome = ?, closed_on = ?, closed_day = ?, version = version + 1, updated_at = ? WHERE id = ?
            """).execute(arguments: [outcome.rawValue, date.iso, date.dayNumber, at, p.id])
        guard let updated = try find(db, id: p.id), let person = try Persons.find(db, id: p.personID) else {
            throw ScreeningError.pregnancyNotFound(p.uuid.raw)
        }
        let delivered = programme.report.prenatalDenominator.outcomes.contains(outcome.rawValue)
        try ResultRecords.pregnancyClosed(db, pregnancy: p, services: programme.services.map(\.code), endGA: date.dayNumber - p.lmp.dayNumber,
                                          deliveryDay: delivered ? date.dayNumber : nil)
        try Outbox.enqueue(db, type: "pregnancy", uuid: updated.uuid.raw, version: updated.version,
                           payload: payload(updated, person: person, programme: programme), at: at)
        return updated
    }

    /// The pregnancy's wire record (Schemas/sync/pregnancy.schema.json).
    public static func payload(_ p: PregnancyRecord, person: PersonRecord, programme: ScreeningProgramme) -> String {
        var w = JSONWriter()
        w.string("uuid", p.uuid)
        w.int("version", p.version)
        w.string("person_uuid", person.uuid)
        w.string("programme", p.programme)
        w.string("county_code", p.countyCode)
        w.string("phone", p.phone.isEmpty ? nil : p.phone)
        w.string("dating", p.dating.rawValue)
        w.string("dating_input", p.datingInput)
        w.string("lmp", p.lmp.iso)
        w.string("edd", Dating.edd(lmp: p.lmp, programme: programme).iso)
        w.string("registered_on", p.registeredOn.iso)
        w.string("outcome", p.outcome?.rawValue)
        w.string("closed_on", p.closedOn?.iso)
        return w.finished()
    }
}
