import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// An administered dose as stored.
public struct DoseRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: String
    public let version: Int
    public let personID: Int64
    public let date: CalendarDate
    public let product: String
    public let lot: String
    public let expiry: CalendarDate
    public let site: String
    public let clinic: String
    public let vaccinator: String
    public let historical: Bool

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; version = row["version"]; personID = row["person_id"]
        date = CalendarDate(iso: row["dose_date"] as String)!; product = row["product"]; lot = row["lot"]
        expiry = CalendarDate(iso: row["expiry"] as String)!; site = row["site"]; clinic = row["clinic"]
        vaccinator = row["vaccinator"]; historical = row["historical"]
    }

    public var fact: DoseFact { DoseFact(date: date, product: product, expiry: expiry, historical: historical) }
}

/// The dose as entered at the clinic, before it is stored.
@PublicInit
public struct DoseEntry: Sendable {
    /// A lot's expiry: a date, or a month (CDSi CALCDTLOTEXP-1: an expiry known only to the month
    /// is the month's last day). Nil when it is neither.
    public static func expiry(_ text: String) -> CalendarDate? { FormDate.expiry(text) }

    public var residentID: ResidentID
    public var date: CalendarDate
    public var product: String
    public var lot: String
    public var expiry: CalendarDate
    public var site: String = ""
    public var clinic: String = ""
    public var vaccinator: String = ""
    public var historical: Bool = false
}

public enum DoseRecords {
    public static func forPerson(_ db: Database, personID: Int64) throws -> [DoseRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM hpv_doses WHERE person_id = ? ORDER BY dose_date"),
                         arguments: [personID]).map(DoseRecord.init)
    }

    public static func find(_ db: Database, personID: Int64, date: CalendarDate) throws -> DoseRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM hpv_doses WHERE person_id = ? AND dose_date = ?"),
                         arguments: [personID, date.iso]).map(DoseRecord.init)
    }

    /// Stores a dose. Refuses only what cannot be true: an unknown person, a future date, a date
    /// before birth, the same dose twice. Everything else is stored and judged afterwards.
    public static func record(_ db: Database, entry: DoseEntry, today: CalendarDate, knownProducts: [String],
                              audit: AuditLog) throws -> DoseRecord {
        guard let person = try Persons.find(db, residentID: entry.residentID.value) else {
            throw HPVError.unknownPerson(entry.residentID.masked)
        }
        return try record(db, entry: entry, person: person, today: today, knownProducts: knownProducts, audit: audit)
    }

    /// Stores a dose of a person already found (the use case found her inside the caller's area).
    public static func record(_ db: Database, entry: DoseEntry, person: PersonRecord, today: CalendarDate, knownProducts: [String],
                              audit: AuditLog) throws -> DoseRecord {
        if entry.date > today { throw HPVError.futureDate(field: "dose date", date: entry.date, today: today) }
        if entry.date < person.birthDate { throw HPVError.beforeBirth(field: "dose date", date: entry.date) }
        if try find(db, personID: person.id, date: entry.date) != nil {
            throw HPVError.duplicateDose(masked: entry.residentID.masked, date: entry.date)
        }
        // A product outside the programme is still a real dose (e.g. a self-paid 9-valent); only a
        // code nobody knows is refused, since it cannot be evaluated at all.
        guard knownProducts.contains(entry.product) else {
            throw HPVError.unknownProduct(entry.product, known: knownProducts)
        }
        let uuid = RecordID.make()
        try db.cachedStatement(sql: """
            INSERT INTO hpv_doses (uuid, version, person_id, dose_date, product, lot, expiry, site, clinic, vaccinator,
              historical, recorded_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [uuid, person.id, entry.date.iso, entry.product, entry.lot, entry.expiry.iso,
                                     entry.site, entry.clinic, entry.vaccinator, entry.historical, audit.timestamp])
        guard let dose = try find(db, personID: person.id, date: entry.date) else { throw HPVError.unknownPerson(entry.residentID.masked) }
        try Outbox.enqueue(db, type: "dose", uuid: uuid, version: 1, payload: payload(dose, person: person), at: audit.timestamp)
        try audit.record(db, action: "create", entity: "hpv_dose", uuid: uuid,
                         detail: "dose \(entry.date.iso) \(entry.product) lot \(entry.lot)\(entry.historical ? " (historical)" : "")")
        return dose
    }

    static func payload(_ d: DoseRecord, person: PersonRecord) -> String {
        var w = JSONWriter()
        w.string("uuid", d.uuid)
        w.int("version", d.version)
        w.string("person_uuid", person.uuid)
        w.string("date", d.date.iso)
        w.string("product", d.product)
        w.string("lot", d.lot)
        w.string("expiry", d.expiry.iso)
        w.string("site", d.site)
        w.string("clinic", d.clinic)
        w.string("vaccinator", d.vaccinator)
        w.bool("historical", d.historical)
        return w.finished()
    }
}
