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
    public static func register(_ db: Database, context: ScreeningContext, residentID rawID: String, name: String, phone rawPhone: String,
                                county rawCounty: String, dating: DatingInput) throws -> PregnancyRegistrationResult {
        let id: ResidentID
        do { id = try ResidentID(rawID, today: context.today) } catch { throw error.at(InputLocation(field: "--id")) }
        guard id.sex == .female else { throw ScreeningError.notAWoman.at(InputLocation(field: "--id")) }
        let phone: String
        do { phone = try PhoneNumber.normalise(rawPhone) } catch { throw error.at(InputLocation(field: "--phone")) }
        guard let county = context.divisions.resolve(rawCounty) else { throw ScreeningError.unknownCounty(rawCounty).at(InputLocation(field: "--county")) }
        let lmp = dating.lmp(context.programme)
        guard lmp <= context.today else { throw ScreeningError.futureDate(lmp.iso, field: "LMP") }
        guard lmp > id.birthDate else { throw ScreeningError.resultBeforeSubject(date: lmp.iso, since: "the woman's birth date") }
        let person: PersonRecord
        do {
            switch try Persons.findOrCreate(db, id: id, name: name.trimmingSpaces(), phone: phone, at: context.at) {
            case .created(let p), .existing(let p): person = p
            }
        } catch let conflict as IdentityConflict {
            throw ScreeningError.identity(conflict.message).at(InputLocation(field: "--id"))
        }
        if let open = try PregnancyRecords.open(db, personID: person.id) {
            // The plan asks to avoid duplicate records: a second county registering the same woman
            // for the same pregnancy gets the existing record back.
            guard abs(open.lmp.days(to: lmp)) <= context.programme.samePregnancyToleranceDays else {
                throw ScreeningError.pregnancyStillOpen(registeredOn: open.registeredOn.iso, lmp: open.lmp.iso)
            }
            try context.audit.record(db, action: "register_again", entity: "pregnancy", uuid: open.uuid,
                                     detail: "county \(county.code) registered an open pregnancy of county \(open.countyCode)")
            return PregnancyRegistrationResult(pregnancy: open, existing: true)
        }
        let record = try PregnancyRecords.insert(db, programme: context.programme, person: person, county: county, phone: phone,
                                                 dating: dating.method, datingInput: dating.text, lmp: lmp,
                                                 registeredOn: context.today, at: context.at)
        try context.audit.record(db, action: "register", entity: "pregnancy", uuid: record.uuid, detail: "county \(county.code)")
        return PregnancyRegistrationResult(pregnancy: record, existing: false)
    }

    /// Closes the open pregnancy with its outcome. What was still due is cancelled by this: due
    /// lists and the scan denominators read the outcome and its date.
    public static func close(_ db: Database, context: ScreeningContext, pregnancyUUID: String, outcome: PregnancyOutcome,
                             on date: CalendarDate) throws -> PregnancyRecord {
        guard let p = try PregnancyRecords.find(db, uuid: pregnancyUUID) else { throw ScreeningError.pregnancyNotFound(pregnancyUUID) }
        guard p.isOpen else { throw ScreeningError.pregnancyClosed(p.uuid, outcome: p.outcome!.rawValue) }
        guard date <= context.today else { throw ScreeningError.futureDate(date.iso, field: "--date") }
        guard date >= p.lmp else { throw ScreeningError.closeBeforeLMP(date: date.iso, lmp: p.lmp.iso) }
        let closed = try PregnancyRecords.close(db, p, outcome: outcome, on: date, programme: context.programme, at: context.at)
        try context.audit.record(db, action: "close", entity: "pregnancy", uuid: p.uuid, detail: outcome.rawValue)
        return closed
    }
}

extension Error {
    /// Places an error (a bad ID, phone or date) at the option or column that carried it, keeping its code.
    func at(_ location: InputLocation) -> any Error {
        if let s = self as? ScreeningError { return s.at(location) }
        if let u = self as? any UserError { return LocatedError(code: u.code, message: u.message, location: location) }
        return self
    }
}

/// Another room's error (a core ID or phone error) placed at an option or a column.
public struct LocatedError: UserError {
    public let code: String
    public let message: String
    public let location: InputLocation?
}
