import GRDB
import ScreenVaxCore
import Store

/// A girl on the register with everything the rules judge: her enrolment facts and her doses.
public struct Girl: Sendable {
    public let personUUID: String
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

    public init(personUUID: String, residentID: String, name: String, birthDate: CalendarDate, sex: ResidentID.Sex,
                countyCode: String, cityCode: String, school: String, className: String, guardianName: String,
                guardianPhone: String, priorVaccination: Bool, consent: Consent, refusalReason: String, doses: [DoseFact]) {
        self.personUUID = personUUID
        self.residentID = residentID
        self.name = name
        self.birthDate = birthDate
        self.sex = sex
        self.countyCode = countyCode
        self.cityCode = cityCode
        self.school = school
        self.className = className
        self.guardianName = guardianName
        self.guardianPhone = guardianPhone
        self.priorVaccination = priorVaccination
        self.consent = consent
        self.refusalReason = refusalReason
        self.doses = doses
    }

    public var facts: EnrollmentFacts {
        EnrollmentFacts(birthDate: birthDate, sex: sex, priorVaccination: priorVaccination, consent: consent)
    }
}

/// Reads girls in bulk for forecasts, work lists and reports: one pass over enrolments and one over doses.
public enum Register {
    public struct Filter: Sendable {
        public var countyCode: String?
        public var cityCode: String?
        public var school: String?
        public init(countyCode: String? = nil, cityCode: String? = nil, school: String? = nil) {
            self.countyCode = countyCode
            self.cityCode = cityCode
            self.school = school
        }
    }

    public static func girls(_ db: Database, programme: String, filter: Filter = Filter()) throws -> [Girl] {
        var girls: [Girl] = []
        try forEachGirl(db, programme: programme, filter: filter) { girls.append($0) }
        return girls
    }

    /// Hands each girl of the register to `body` in person order, with her doses, holding one girl at
    /// a time: a work list keeps only the girls it lists instead of the whole province in memory.
    /// Read through the SQLite C API, two statements side by side (girls, and doses in person order).
    public static func forEachGirl(_ db: Database, programme: String, filter: Filter = Filter(),
                                   _ body: (Girl) throws -> Void) throws {
        // A scan reads each page once: a large page cache would only fill up (32 MB for nothing).
        let previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -2048")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCache)") }
        var sql = """
            SELECT p.id, p.uuid, p.resident_id, p.name, p.birth_date, p.sex, e.county_code, e.city_code, e.school,
                   e.class_name, e.guardian_name, e.guardian_phone, e.prior_vaccination, e.consent, e.refusal_reason
            FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE e.programme = ?
            """
        var args: [BulkStatement.Value] = [.text(programme)]
        if let c = filter.countyCode { sql += " AND e.county_code = ?"; args.append(.text(c)) }
        if let c = filter.cityCode { sql += " AND e.city_code = ?"; args.append(.text(c)) }
        if let s = filter.school { sql += " AND e.school = ?"; args.append(.text(s)) }
        sql += " ORDER BY p.id"
        let girls = try BulkStatement(db, sql: sql)
        let doses = try BulkStatement(db, sql: "SELECT person_id, dose_date, product, expiry, historical FROM hpv_doses ORDER BY person_id, dose_date")
        girls.start(args)
        doses.start([])
        var dose = try doses.step()
        while let r = try girls.step() {
            let id = r.int(0)
            var facts: [DoseFact] = []
            while let d = dose, d.int(0) <= id {
                if d.int(0) == id {
                    facts.append(DoseFact(date: CalendarDate(iso: d.text(1)!)!, product: d.text(2)!,
                                          expiry: CalendarDate(iso: d.text(3)!)!, historical: d.int(4) != 0))
                }
                dose = try doses.step()
            }
            try body(Girl(personUUID: r.text(1)!, residentID: r.text(2) ?? "", name: r.text(3)!,
                          birthDate: CalendarDate(iso: r.text(4)!)!, sex: ResidentID.Sex(rawValue: r.text(5)!)!,
                          countyCode: r.text(6)!, cityCode: r.text(7)!, school: r.text(8)!, className: r.text(9)!,
                          guardianName: r.text(10)!, guardianPhone: r.text(11)!, priorVaccination: r.int(12) != 0,
                          consent: Consent(rawValue: r.text(13)!) ?? .unknown, refusalReason: r.text(14)!, doses: facts))
        }
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
        guard let person = try Persons.find(db, residentID: residentID.value),
              let e = try EnrollmentRecords.find(db, programme: programme, personID: person.id) else { return nil }
        let doses = try DoseRecords.forPerson(db, personID: person.id).map(\.fact)
        return Girl(personUUID: person.uuid, residentID: person.residentID ?? "", name: person.name,
                    birthDate: person.birthDate, sex: person.sex, countyCode: e.countyCode, cityCode: e.cityCode,
                    school: e.school, className: e.className, guardianName: e.guardianName, guardianPhone: e.guardianPhone,
                    priorVaccination: e.priorVaccination, consent: e.consent, refusalReason: e.refusalReason, doses: doses)
    }
}
