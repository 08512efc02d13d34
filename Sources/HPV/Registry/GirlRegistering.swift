import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// A girl of the cohort as the clinic registers her without a roster row.
@PublicInit
public struct RegistrationInput: Sendable {
    public var id: String
    public var name: String
    public var county: String
    public var guardianName: String
    public var guardianPhone: String
    public var school: String = ""
    public var className: String = ""
    /// The guardian who signed the consent form at the clinic as she was registered; nil: consent
    /// is not recorded yet (she is 待知情同意 until it is).
    public var consentBy: String?
}

/// The API's body: the command's options in snake_case, school and class optional.
extension RegistrationInput: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, name, county, school
        case guardianName = "guardian_name"
        case guardianPhone = "guardian_phone"
        case className = "class"
        case consentBy = "consent_by"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  county: try c.decode(String.self, forKey: .county), guardianName: try c.decode(String.self, forKey: .guardianName),
                  guardianPhone: try c.decode(String.self, forKey: .guardianPhone),
                  school: try c.decodeIfPresent(String.self, forKey: .school) ?? "",
                  className: try c.decodeIfPresent(String.self, forKey: .className) ?? "",
                  consentBy: try c.decodeIfPresent(String.self, forKey: .consentBy))
    }
}

/// What `hpv register` answers: her person record and her status today.
public struct RegistrationOutput: Encodable, Sendable {
    public let personID: PersonUUID
    public let idMasked: String
    public let county: String
    public let status: String
}

/// `hpv register`: a girl of the cohort with 户籍 in the county whom no school roster lists (out of
/// school, schooled in another province, moved in) is registered by the clinic, on the same
/// eligibility rules as a roster row; from then on she is on the work lists like any other.
public enum GirlRegistering {
    public static func register(_ database: RegistryDatabase, context: HPVContext, input: RegistrationInput) throws -> RegistrationOutput {
        let programme = context.programme
        let rid = try FieldInput.residentID(input.id, field: "id", today: context.today)
        let name = try FieldInput.text(input.name, field: "name").removingWhitespace()
        let guardian = try FieldInput.text(input.guardianName, field: "guardian_name")
        let phone = try FieldInput.phone(input.guardianPhone, field: "guardian_phone")
        let school = try FieldInput.text(input.school, field: "school")
        let className = try FieldInput.text(input.className, field: "class_name")
        let consentBy = try input.consentBy.map { try FieldInput.text($0, field: "consent_by") }
        if let consentBy, consentBy.isEmpty {
            throw HPVError.field(code: "consent_by_required",
                                 message: "consent given at the clinic needs who signed it; give the guardian's name (--consent-by)",
                                 field: "consent_by")
        }
        for (value, field) in [(name, "name"), (guardian, "guardian_name"), (phone, "guardian_phone")] where value.isEmpty {
            throw HPVError.field(code: "missing_value", message: "\(field) is empty; fill it in", field: field)
        }
        guard let county = context.divisions.resolve(try FieldInput.text(input.county, field: "county")) else {
            throw HPVError.field(code: "unknown_county",
                                 message: "county \"\(HPVError.clip(input.county))\" is not a Jiangxi county; give its 6-digit code (360102) or name (南昌市东湖区)",
                                 field: "county")
        }
        if !context.covers(countyCode: county.code, cityCode: county.cityCode) {
            throw HPVError.field(code: "outside_area", message: "\(context.countyName(county.code)) is outside your area; register girls of your own area",
                                 field: "county")
        }
        let row = RosterRow(row: 0, residentID: rid, name: name, county: county, areaText: county.cityName + county.name, school: school,
                            className: className, guardianName: guardian, guardianPhone: phone, priorVaccination: false,
                            consent: .unknown, refusalReason: "")
        if let exclusion = Eligibility.exclusion(row.facts, programme: programme) {
            throw HPVError.field(code: "not_in_cohort",
                                 message: "\(rid.masked) is not in the programme's cohort (\(exclusion.rawValue)): born \(rid.birthDate.iso); "
                                     + "check the ID against her ID card",
                                 field: "id")
        }
        return try database.write { db in
            let person: PersonRecord
            let created: Bool
            do {
                switch try Persons.findOrCreate(db, id: rid, name: name, at: context.audit.timestamp) {
                case .created(let p): person = p; created = true
                case .existing(let p): person = p; created = false
                }
            } catch is IdentityConflict {
                // Neutral: the other record may be outside the caller's area.
                throw HPVError.field(code: "name_mismatch",
                                     message: "ID \(rid.masked) is registered under another name; check the ID and the name against her ID card",
                                     field: "name")
            }
            if !created, try EnrollmentRecords.find(db, programme: programme.id, personID: person.id) != nil {
                throw HPVError.field(code: "already_enrolled",
                                     message: "\(rid.masked) is already on the register; look her up (hpv status) or, from another county, ask for a transfer",
                                     field: "id")
            }
            _ = try EnrollmentRecords.upsert(db, programme: programme.id, person: person, newPerson: true, row: row, batchID: nil,
                                             fileName: "hpv register", at: context.audit.timestamp)
            try context.audit.record(db, action: "register", entity: "hpv_enrollment", uuid: person.uuid.raw,
                                     detail: "registered without a roster row in \(county.code)")
            if let consentBy {
                _ = try ConsentRecords.record(db, person: person, programme: programme.id, consent: .given, reason: "", signedBy: consentBy,
                                              audit: context.audit)
            }
            guard let girl = try Register.girl(db, programme: programme.id, person: person) else { throw HPVError.notEnrolled(rid.masked) }
            let status = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: context.today).status
            return RegistrationOutput(personID: person.uuid, idMasked: rid.masked, county: county.code, status: status.rawValue)
        }
    }
}
