import GRDB
import ScreenVaxCore
import Store

/// How a pregnancy is dated at registration: one of LMP, EDD, or a dated ultrasound.
public enum DatingInput: Sendable, Hashable {
    case lmp(CalendarDate)
    case edd(CalendarDate)
    case ultrasound(scanDate: CalendarDate, age: GestationalAge)

    var method: DatingMethod {
        switch self { case .lmp: .lmp; case .edd: .edd; case .ultrasound: .ultrasound }
    }

    var text: String {
        switch self {
        case .lmp(let d), .edd(let d): d.iso
        case .ultrasound(let d, let ga): "\(d.iso) \(ga)"
        }
    }

    func lmp(_ programme: ScreeningProgramme) -> CalendarDate {
        switch self {
        case .lmp(let d): d
        case .edd(let d): Dating.lmp(edd: d, programme: programme)
        case .ultrasound(let d, let ga): Dating.lmp(scanDate: d, age: ga)
        }
    }
}

/// What `screening pregnancy add` gives back.
public struct PregnancyRegistrationResult: Sendable {
    public let pregnancy: PregnancyRecord
    /// True when the woman already had this pregnancy open (registered by another county, say):
    /// the existing record is returned and nothing new is written.
    public let existing: Bool
}

public enum PregnancyRegistration {
    /// A registration from the command line (the county office's own tool): conflicts are told in full.
    public static func register(_ db: Database, context: ScreeningContext, residentID rawID: String, name: String, phone rawPhone: String,
                                county rawCounty: String, dating: DatingInput) throws -> PregnancyRegistrationResult {
        try register(db, context: context, residentID: rawID, name: name, phone: rawPhone, county: rawCounty, dating: dating, area: nil)
    }

    /// A registration by a caller bound to an area (the web, the API), in its own transaction. What
    /// it finds of a woman outside the area is told neutrally (no name, birth date, registration
    /// date or LMP) and counted (`ConflictBudget`); a refused registration is audited after it rolls back.
    public static func register(_ database: RegistryDatabase, context: ScreeningContext, residentID rawID: String, name: String,
                                phone rawPhone: String, county rawCounty: String, dating: DatingInput,
                                area: AreaScope) throws -> PregnancyRegistrationResult {
        var refused: AreaConflict?
        do {
            return try database.write { db in
                do {
                    return try register(db, context: context, residentID: rawID, name: name, phone: rawPhone, county: rawCounty,
                                        dating: dating, area: area)
                } catch let conflict as AreaConflict {
                    refused = conflict
                    throw conflict.error
                }
            }
        } catch {
            if let refused, let masked = (try? ResidentID(rawID, today: context.today))?.masked {
                try database.write { db in
                    if refused.counted {
                        try ConflictBudget.record(db, audit: context.audit, entity: "pregnancy", code: refused.error.code, maskedID: masked)
                    } else {
                        try context.audit.record(db, action: "refused", entity: "pregnancy", uuid: nil, detail: "\(refused.error.code) \(masked)")
                    }
                }
            }
            throw error
        }
    }

    /// A conflict found for a caller bound to an area; `counted` when it concerns a woman outside it.
    struct AreaConflict: Error {
        let error: any UserError
        let counted: Bool
    }

    static func register(_ db: Database, context: ScreeningContext, residentID rawID: String, name rawName: String, phone rawPhone: String,
                         county rawCounty: String, dating: DatingInput, area: AreaScope?) throws -> PregnancyRegistrationResult {
        // Before anything about the woman: a county outside the caller's area is refused as such.
        if let area, let county = context.divisions.resolve(rawCounty), !area.contains(county) {
            throw ScreeningError.outsideArea(county: county.code, area: area.code).at(InputLocation(field: "--county"))
        }
        let id: ResidentID
        do { id = try ResidentID(rawID, today: context.today) } catch { throw error.at(InputLocation(field: "--id")) }
        guard id.sex == .female else { throw ScreeningError.notAWoman.at(InputLocation(field: "--id")) }
        let name = rawName.trimmingSpaces()
        try FieldLength.check(name, field: "name")
        let phone: String
        do { phone = try PhoneNumber.normalise(rawPhone) } catch { throw error.at(InputLocation(field: "--phone")) }
        guard let county = context.divisions.resolve(rawCounty) else { throw ScreeningError.unknownCounty(rawCounty).at(InputLocation(field: "--county")) }
        let lmp = dating.lmp(context.programme)
        guard lmp <= context.today else { throw ScreeningError.futureDate(lmp.iso, field: "LMP") }
        guard lmp > id.birthDate else { throw ScreeningError.resultBeforeSubject(date: lmp.iso, since: "the woman's birth date") }
        if area != nil { try ConflictBudget.check(db, audit: context.audit) }
        let person: PersonRecord
        do {
            switch try Persons.findOrCreate(db, id: id, name: name, phone: phone, at: context.at) {
            case .created(let p), .existing(let p): person = p
            }
        } catch let conflict as IdentityConflict {
            let full = ScreeningError.identity(conflict.message).at(InputLocation(field: "--id"))
            guard let area else { throw full }
            // Her name and birth date only when a pregnancy of hers is registered inside the area.
            guard try registered(db, personID: conflict.existing.id, in: area) else {
                throw AreaConflict(error: ScreeningError.identity(
                    "ID \(id.masked) is already registered under another name or birth date; check the ID and the name against her ID card"
                ).at(InputLocation(field: "--id")), counted: true)
            }
            throw AreaConflict(error: full, counted: false)
        }
        if let open = try PregnancyRecords.open(db, personID: person.id) {
            let inside = area?.contains(countyCode: open.countyCode, cityCode: open.cityCode) ?? true
            // The plan asks to avoid duplicate records: a second county registering the same woman
            // for the same pregnancy gets the existing record back.
            guard abs(open.lmp.days(to: lmp)) <= context.programme.samePregnancyToleranceDays else {
                guard inside else {
                    throw AreaConflict(error: LocatedError(
                        code: "pregnancy_still_open",
                        message: "this woman has an open pregnancy registered by another county; it is closed there (`screening pregnancy close`) "
                            + "before a new one is registered", location: InputLocation(field: "--id")), counted: true)
                }
                let e = ScreeningError.pregnancyStillOpen(registeredOn: open.registeredOn.iso, lmp: open.lmp.iso)
                if area != nil { throw AreaConflict(error: e, counted: false) }
                throw e
            }
            if !inside { try ConflictBudget.record(db, audit: context.audit, entity: "pregnancy", code: "registered_elsewhere", maskedID: id.masked) }
            try context.audit.record(db, action: "register_again", entity: "pregnancy", uuid: open.uuid.raw,
                                     detail: "county \(county.code) registered an open pregnancy of county \(open.countyCode)")
            return PregnancyRegistrationResult(pregnancy: open, existing: true)
        }
        let record = try PregnancyRecords.insert(db, programme: context.programme, person: person, county: county, phone: phone,
                                                 dating: dating.method, datingInput: dating.text, lmp: lmp,
                                                 registeredOn: context.today, at: context.at)
        try context.audit.record(db, action: "register", entity: "pregnancy", uuid: record.uuid.raw, detail: "county \(county.code)")
        return PregnancyRegistrationResult(pregnancy: record, existing: false)
    }

    /// Whether any pregnancy of the person is registered in a county of the area.
    static func registered(_ db: Database, personID: Int64, in area: AreaScope) throws -> Bool {
        try Row.fetchAll(db, sql: "SELECT county_code, city_code FROM screening_pregnancies WHERE person_id = ?", arguments: [personID])
            .contains { area.contains(countyCode: $0["county_code"], cityCode: $0["city_code"]) }
    }

    /// Closes the open pregnancy with its outcome. What was still due is cancelled by this: due
    /// lists and the scan denominators read the outcome and its date.
    public static func close(_ db: Database, context: ScreeningContext, pregnancyUUID: PregnancyID, outcome: PregnancyOutcome,
                             on date: CalendarDate) throws -> PregnancyRecord {
        guard let p = try PregnancyRecords.find(db, uuid: pregnancyUUID) else { throw ScreeningError.pregnancyNotFound(pregnancyUUID.raw) }
        guard p.isOpen else { throw ScreeningError.pregnancyClosed(p.uuid.raw, outcome: p.outcome?.rawValue ?? "") }
        guard date <= context.today else { throw ScreeningError.futureDate(date.iso, field: "--date") }
        guard date >= p.lmp else { throw ScreeningError.closeBeforeLMP(date: date.iso, lmp: p.lmp.iso) }
        let closed = try PregnancyRecords.close(db, p, outcome: outcome, on: date, programme: context.programme, at: context.at)
        try context.audit.record(db, action: "close", entity: "pregnancy", uuid: p.uuid.raw, detail: outcome.rawValue)
        return closed
    }
}

extension Error {
    /// Places an error (a bad ID, phone or date) at the option or column that carried it, keeping its code.
    func at(_ location: InputLocation) -> any Error {
        if let s = self as? ScreeningError { return s.at(location) }
        if let u = self as? any UserError { return LocatedError(code: u.code, kind: u.kind, message: u.message, location: location) }
        return self
    }
}

/// Another room's error (a core ID or phone error) placed at an option or a column.
public struct LocatedError: UserError {
    public let code: String
    public var kind: UserErrorKind = .invalid
    public let message: String
    public let location: InputLocation?
}
