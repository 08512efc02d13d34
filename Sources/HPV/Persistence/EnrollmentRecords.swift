import GRDB
import ScreenVaxCore
import Store

/// A girl's enrolment as stored.
public struct EnrollmentRecord: Sendable, Hashable {
    public let id: Int64
    public let uuid: String
    public let version: Int
    public let programme: String
    public let personID: Int64
    public var countyCode: String
    public var cityCode: String
    public var areaText: String
    public var school: String
    public var className: String
    public var guardianName: String
    public var guardianPhone: String
    public var priorVaccination: Bool
    public var consent: Consent
    public var refusalReason: String
    public var consentSource: String

    init(id: Int64, uuid: String, version: Int, programme: String, personID: Int64, countyCode: String, cityCode: String,
         areaText: String, school: String, className: String, guardianName: String, guardianPhone: String,
         priorVaccination: Bool, consent: Consent, refusalReason: String, consentSource: String) {
        self.id = id; self.uuid = uuid; self.version = version; self.programme = programme; self.personID = personID
        self.countyCode = countyCode; self.cityCode = cityCode; self.areaText = areaText; self.school = school
        self.className = className; self.guardianName = guardianName; self.guardianPhone = guardianPhone
        self.priorVaccination = priorVaccination; self.consent = consent; self.refusalReason = refusalReason
        self.consentSource = consentSource
    }

    init(row: Row) {
        id = row["id"]; uuid = row["uuid"]; version = row["version"]; programme = row["programme"]
        personID = row["person_id"]; countyCode = row["county_code"]; cityCode = row["city_code"]
        areaText = row["area_text"]; school = row["school"]; className = row["class_name"]
        guardianName = row["guardian_name"]; guardianPhone = row["guardian_phone"]
        priorVaccination = row["prior_vaccination"]; consent = Consent(rawValue: row["consent"]) ?? .unknown
        refusalReason = row["refusal_reason"]; consentSource = row["consent_source"]
    }
}

/// A roster row for a girl enrolled in a county outside the uploader's area.
public struct EnrolledElsewhere: Error, Sendable {
    public let countyCode: String
}

public enum EnrollmentRecords {
    public static func find(_ db: Database, programme: String, personID: Int64) throws -> EnrollmentRecord? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM hpv_enrollments WHERE programme = ? AND person_id = ?")
        return try Row.fetchOne(statement, arguments: [programme, personID]).map(EnrollmentRecord.init)
    }

    public enum Change: Sendable { case created, updated, unchanged }

    /// Writes what a roster row says about a girl's enrolment; a row identical to what is stored changes nothing.
    /// Consent recorded at the clinic is never overridden by a roster.
    /// - Parameter newPerson: the person was created in this transaction, so has no enrolment yet.
    public static func upsert(_ db: Database, programme: String, person: PersonRecord, newPerson: Bool, row: RosterRow,
                              batchID: Int64?, fileName: String, at: String) throws -> Change {
        try Writer(db).upsert(programme: programme, person: person, newPerson: newPerson, row: row,
                              batchID: batchID, fileName: fileName, at: at)
    }

    /// The insert of `upsert` and its outbox entry prepared once, for a province-sized roster.
    public struct Writer {
        let db: Database
        let insert: BulkStatement
        let outbox: Outbox.Writer

        public init(_ db: Database) throws {
            self.db = db
            insert = try BulkStatement(db, sql: """
                INSERT INTO hpv_enrollments (uuid, version, programme, person_id, county_code, city_code, area_text, school,
                  class_name, guardian_name, guardian_phone, prior_vaccination, consent, refusal_reason, consent_source,
                  source_file, source_row, import_batch_id, created_at, updated_at)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'roster', ?, ?, ?, ?, ?)
                """)
            outbox = try Outbox.Writer(db)
        }

        /// - Parameter area: the uploader's area; a girl enrolled outside it is not changed (`EnrolledElsewhere`).
        public func upsert(programme: String, person: PersonRecord, newPerson: Bool, row: RosterRow,
                           batchID: Int64?, fileName: String, at: String, area: AreaScope? = nil) throws -> Change {
            if !newPerson, var current = try find(db, programme: programme, personID: person.id) {
                if let area, !area.contains(countyCode: current.countyCode, cityCode: current.cityCode) {
                    throw EnrolledElsewhere(countyCode: current.countyCode)
                }
                let before = current
                current.countyCode = row.county.code
                current.cityCode = row.county.cityCode
                current.areaText = row.areaText
                current.school = row.school
                current.className = row.className
                current.guardianName = row.guardianName
                current.guardianPhone = row.guardianPhone
                current.priorVaccination = row.priorVaccination
                if current.consentSource == "roster" {
                    current.consent = row.consent
                    current.refusalReason = row.refusalReason
                }
                guard current != before else { return .unchanged }
                try save(db, current, version: before.version + 1, person: person, at: at)
                return .updated
            }
            let uuid = RecordID.make()
            try insert.execute([.text(uuid), .text(programme), .int(person.id), .text(row.county.code), .text(row.county.cityCode),
                                .text(row.areaText), .text(row.school), .text(row.className), .text(row.guardianName),
                                .text(row.guardianPhone), .int(row.priorVaccination ? 1 : 0), .text(row.consent.rawValue),
                                .text(row.refusalReason), .text(fileName), .int(Int64(row.row)), .int(batchID), .text(at), .text(at)])
            let record = EnrollmentRecord(id: db.lastInsertedRowID, uuid: uuid, version: 1, programme: programme, personID: person.id,
                                          countyCode: row.county.code, cityCode: row.county.cityCode, areaText: row.areaText,
                                          school: row.school, className: row.className, guardianName: row.guardianName,
                                          guardianPhone: row.guardianPhone, priorVaccination: row.priorVaccination,
                                          consent: row.consent, refusalReason: row.refusalReason, consentSource: "roster")
            try outbox.enqueue(type: "roster_entry", uuid: uuid, version: 1, payload: payloadWriter(record, person: person), at: at)
            return .created
        }
    }

    /// Stores a changed enrolment as a new version, with its outbox entry.
    public static func save(_ db: Database, _ e: EnrollmentRecord, version: Int, person: PersonRecord, at: String) throws {
        try db.cachedStatement(sql: """
            UPDATE hpv_enrollments SET version = ?, county_code = ?, city_code = ?, area_text = ?, school = ?,
              class_name = ?, guardian_name = ?, guardian_phone = ?, prior_vaccination = ?, consent = ?,
              refusal_reason = ?, consent_source = ?, updated_at = ? WHERE id = ?
            """).execute(arguments: [version, e.countyCode, e.cityCode, e.areaText, e.school, e.className, e.guardianName,
                                     e.guardianPhone, e.priorVaccination, e.consent.rawValue, e.refusalReason,
                                     e.consentSource, at, e.id])
        guard let saved = try find(db, programme: e.programme, personID: e.personID) else { throw HPVError.notEnrolled(person.maskedID) }
        try Outbox.enqueue(db, type: "roster_entry", uuid: e.uuid, version: version, payload: payload(saved, person: person), at: at)
    }

    static func payload(_ e: EnrollmentRecord, person: PersonRecord) -> String { payloadWriter(e, person: person).finished() }

    static func payloadWriter(_ e: EnrollmentRecord, person: PersonRecord) -> JSONWriter {
        var w = JSONWriter()
        w.string("uuid", e.uuid)
        w.int("version", e.version)
        w.string("person_uuid", person.uuid)
        w.string("programme", e.programme)
        w.string("county_code", e.countyCode)
        w.string("school", e.school)
        w.string("class_name", e.className)
        w.string("guardian_name", e.guardianName)
        w.string("guardian_phone", e.guardianPhone)
        w.bool("prior_vaccination", e.priorVaccination)
        w.string("consent", e.consent.rawValue)
        w.string("refusal_reason", e.refusalReason)
        w.string("consent_source", e.consentSource)
        return w
    }
}
