import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// A girl on the register with everything the rules judge: her enrolment facts and her doses.
@PublicInit
public struct Girl: Sendable {
    public let personUUID: PersonUUID
    public let residentID: String
    public let name: String
    public let birthDate: CalendarDate
    public let sex: ResidentID.Sex
    public let countyCode: String
    public let cityCode: String
    public let school: String
    public let className: String
    public let guardianName: String
    public let guardianPhone: String
    public let priorVaccination: Bool
    public let consent: Consent
    public let refusalReason: String
    public var doses: [DoseFact]
    /// Her county's own first-dose dates (`hpv dates set`); nil: the province's.
    public var firstDose: FirstDoseDates?

    public var facts: EnrollmentFacts {
        EnrollmentFacts(birthDate: birthDate, sex: sex, priorVaccination: priorVaccination, consent: consent, firstDose: firstDose)
    }
}

/// Reads girls in bulk for forecasts, work lists and reports: one pass over enrolments and one over doses.
public enum Register {
    @PublicInit
    public struct Filter: Sendable {
        public var countyCode: String?
        public var cityCode: String?
        public var school: String?

        /// Whether a girl enrolled here is inside the filter's area.
        public func contains(_ girl: Girl) -> Bool {
            (countyCode == nil || countyCode == girl.countyCode) && (cityCode == nil || cityCode == girl.cityCode)
                && (school == nil || school == girl.school)
        }
    }

    public static func girls(_ db: Database, programme: String, filter: Filter = Filter()) throws -> [Girl] {
        var girls: [Girl] = []
        try forEachGirl(db, programme: programme, filter: filter) { girls.append($0) }
        return girls
    }

    /// Hands each girl of the register to `body` (the whole register in person order), with her doses, holding one girl at
    /// a time: a work list keeps only the girls it lists instead of the whole province in memory.
    /// Read through the SQLite C API, two statements side by side (girls, and doses in person order).
    ///
    /// A filtered read (a county, a city, a school) reads only that area's doses, through the doses'
    /// (person, date) index, instead of stepping past the whole province's.
    public static func forEachGirl(_ db: Database, programme: String, filter: Filter = Filter(),
                                   _ body: (Girl) throws -> Void) throws {
        var conditions: [String] = []
        var areaArgs: [BulkStatement.Value] = []
        if let c = filter.countyCode { conditions.append("county_code = ?"); areaArgs.append(.text(c)) }
        if let c = filter.cityCode { conditions.append("city_code = ?"); areaArgs.append(.text(c)) }
        if let s = filter.school { conditions.append("school = ?"); areaArgs.append(.text(s)) }
        let columns = """
            p.id, p.uuid, p.resident_id, p.name, p.birth_date, p.sex, e.county_code, e.city_code, e.school,
            e.class_name, e.guardian_name, e.guardian_phone, e.prior_vaccination, e.consent, e.refusal_reason
            """
        let countyDates = try CountyDateRecords.all(db, programme: programme)
        func emit(_ r: BulkStatement.Columns, _ facts: [DoseFact]) throws {
            // The columns are NOT NULL and checked on the way in; a row that breaks that is a damaged
            // register, answered with a code rather than a trap.
            func text(_ i: Int32) throws -> String {
                guard let t = r.text(i) else { throw Register.damaged("column \(i) is empty") }
                return t
            }
            let county = try text(6)
            guard let birthDate = CalendarDate(iso: try text(4)), let sex = ResidentID.Sex(rawValue: try text(5)) else {
                throw Register.damaged("a birth date or sex does not read")
            }
            try body(Girl(personUUID: PersonUUID(try text(1)), residentID: r.text(2) ?? "", name: try text(3),
                          birthDate: birthDate, sex: sex,
                          countyCode: county, cityCode: try text(7), school: try text(8), className: try text(9),
                          guardianName: try text(10), guardianPhone: try text(11), priorVaccination: r.int(12) != 0,
                          consent: Consent(rawValue: try text(13)) ?? .unknown, refusalReason: try text(14), doses: facts,
                          firstDose: countyDates.isEmpty ? nil : countyDates[county]))
        }
        if !conditions.isEmpty {
            let whereArea = conditions.joined(separator: " AND ")
            let inArea = try BulkStatement(db, sql: "SELECT COUNT(*) FROM hpv_enrollments WHERE \(whereArea)").first(areaArgs) { $0.int(0) } ?? 0
            let all = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM hpv_enrollments") ?? 0
            let girlsFrom = "CROSS JOIN persons p ON p.id = e.person_id WHERE e.programme = ?"
            let (dosesSQL, dosesArgs, girlsSQL, girlsArgs): (String, [BulkStatement.Value], String, [BulkStatement.Value])
            if inArea * 2 >= all {
                // Most of the register (a county's own database): the tables are read in their own
                // order, page after page; seeking each girl through the county index costs five
                // times more once every girl is wanted.
                dosesSQL = "SELECT d.person_id, d.dose_date, d.product, d.expiry, d.historical FROM hpv_doses d"
                dosesArgs = []
                girlsSQL = "SELECT \(columns) FROM hpv_enrollments e NOT INDEXED \(girlsFrom) AND "
                    + conditions.map { "e." + $0 }.joined(separator: " AND ")
                girlsArgs = [.text(programme)] + areaArgs
            } else {
                // A part of a larger register: the area's enrolments found through the county index,
                // then read in rowid order (in index order, school by school, the rows are scattered
                // over the table and the same pages are visited again and again). Its doses are read
                // through the doses' (person, date) index the same way, not the province's.
                let area = "(SELECT rowid AS r FROM hpv_enrollments WHERE \(whereArea) ORDER BY rowid) ids "
                    + "CROSS JOIN hpv_enrollments e ON e.rowid = ids.r"
                dosesSQL = """
                    SELECT d.person_id, d.dose_date, d.product, d.expiry, d.historical
                    FROM \(area) CROSS JOIN hpv_doses d ON d.person_id = e.person_id WHERE e.programme = ?
                    """
                dosesArgs = areaArgs + [.text(programme)]
                girlsSQL = "SELECT \(columns) FROM \(area) \(girlsFrom)"
                girlsArgs = areaArgs + [.text(programme)]
            }
            var byPerson: [Int64: [DoseFact]] = [:]
            try BulkStatement(db, sql: dosesSQL).each(dosesArgs) { d in
                byPerson[d.int(0), default: []].append(dose(d))
            }
            try BulkStatement(db, sql: girlsSQL).each(girlsArgs) { r in
                let facts = byPerson[r.int(0)] ?? []
                try emit(r, facts.count > 1 ? facts.sorted { $0.date < $1.date } : facts)
            }
            return
        }
        let girls = try BulkStatement(db, sql: """
            SELECT \(columns) FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE e.programme = ? ORDER BY p.id
            """)
        let args: [BulkStatement.Value] = [.text(programme)]
        // A scan reads each page once: a large page cache would only fill up (32 MB for nothing).
        let previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -2048")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCache)") }
        let doses = try BulkStatement(db, sql: "SELECT person_id, dose_date, product, expiry, historical FROM hpv_doses ORDER BY person_id, dose_date")
        girls.start(args)
        doses.start([])
        var next = try doses.step()
        while let r = try girls.step() {
            let id = r.int(0)
            var facts: [DoseFact] = []
            while let d = next, d.int(0) <= id {
                if d.int(0) == id { facts.append(dose(d)) }
                next = try doses.step()
            }
            try emit(r, facts)
        }
    }

    /// A dose row (person_id, dose_date, product, expiry, historical) as the rules see it.
    private static func dose(_ d: BulkStatement.Columns) -> DoseFact {
        DoseFact(date: CalendarDate(iso: d.text(1)!)!, product: d.text(2)!, expiry: CalendarDate(iso: d.text(3)!)!, historical: d.int(4) != 0)
    }

    /// The work list of `WorkList.due` read straight from the register: girls not on the list are
    /// forecast and dropped as they are read.
    public static func due(_ db: Database, programme: HPVProgramme, filter: Filter = Filter(), asOf: CalendarDate,
                           within: Int = 0) throws -> [WorkItem] {
        var list = WorkList.Builder(programme: programme, asOf: asOf, within: within)
        try forEachGirl(db, programme: programme.id, filter: filter) { list.add($0) }
        return list.finished()
    }

    /// One girl by resident ID, or nil when she is not on this programme's register.
    public static func girl(_ db: Database, programme: String, residentID: ResidentID) throws -> Girl? {
        guard let person = try Persons.find(db, residentID: residentID.value) else { return nil }
        return try girl(db, programme: programme, person: person)
    }

    /// One girl by person row id, or nil when she is not on this programme's register.
    public static func girl(_ db: Database, programme: String, personID: Int64) throws -> Girl? {
        guard let person = try Persons.find(db, id: personID) else { return nil }
        return try girl(db, programme: programme, person: person)
    }

    static func girl(_ db: Database, programme: String, person: PersonRecord) throws -> Girl? {
        guard let e = try EnrollmentRecords.find(db, programme: programme, personID: person.id) else { return nil }
        let doses = try DoseRecords.forPerson(db, personID: person.id).map(\.fact)
        return Girl(personUUID: person.uuid, residentID: person.residentID ?? "", name: person.name,
                    birthDate: person.birthDate, sex: person.sex, countyCode: e.countyCode, cityCode: e.cityCode,
                    school: e.school, className: e.className, guardianName: e.guardianName, guardianPhone: e.guardianPhone,
                    priorVaccination: e.priorVaccination, consent: e.consent, refusalReason: e.refusalReason, doses: doses,
                    firstDose: try CountyDateRecords.find(db, programme: programme, countyCode: e.countyCode)?.dates)
    }

    /// A person whose facts on the register changed.
    public struct ChangedPerson: Sendable, Hashable {
        public let id: Int64
        public let uuid: PersonUUID
    }

    /// The outbox record types whose change can move a girl on a work list: her person row, her
    /// enrolment (roster rows and consent both write a new enrolment version), her doses, and her
    /// county's own first-dose dates. A new HPV record type that the forecast reads must be added here.
    static let forecastRecordTypes = ["person", "roster_entry", "dose", "county_dates"]

    /// The persons whose register facts changed after outbox entry `seq`, read from the outbox
    /// (every register write adds its entry in the same transaction); nil when more than `limit`
    /// entries came after it, where reading everyone again is cheaper than girl by girl, or when a
    /// county's dates changed (every girl of the county moves).
    public static func changedPersons(_ db: Database, after seq: Int64, limit: Int = 2_000) throws -> [ChangedPerson]? {
        let entries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE seq > ?", arguments: [seq]) ?? 0
        if entries > limit { return nil }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE seq > ? AND record_type = 'county_dates')",
                             arguments: [seq]) ?? false {
            return nil
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.id, p.uuid FROM outbox o JOIN persons p ON p.uuid = o.record_uuid
              WHERE o.seq > ?1 AND o.record_type = 'person'
            UNION SELECT p.id, p.uuid FROM outbox o JOIN hpv_enrollments e ON e.uuid = o.record_uuid JOIN persons p ON p.id = e.person_id
              WHERE o.seq > ?1 AND o.record_type = 'roster_entry'
            UNION SELECT p.id, p.uuid FROM outbox o JOIN hpv_doses d ON d.uuid = o.record_uuid JOIN persons p ON p.id = d.person_id
              WHERE o.seq > ?1 AND o.record_type = 'dose'
            """, arguments: [seq])
        return rows.map { ChangedPerson(id: $0[0], uuid: $0[1]) }
    }
}

extension Register {
    static func damaged(_ what: String) -> HPVError {
        HPVError.field(code: "register_damaged", message: "the register has a damaged girl's row (\(what)); run `sqlite3 FILE 'PRAGMA integrity_check'` and restore from a backup", field: "register")
    }
}
