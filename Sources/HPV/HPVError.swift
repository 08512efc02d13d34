import ScreenVaxCore

/// Errors of the HPV register, with a stable code and a message that says what to fix.
public enum HPVError: UserError {
    /// A roster row problem; `location` says the file, row and column.
    case row(code: String, message: String, at: InputLocation)
    case missingColumns([String], file: String)
    case unreadableFile(String)
    case encoding(file: String, row: Int)
    case unknownPerson(String)
    case notEnrolled(String)
    case futureDate(field: String, date: CalendarDate, today: CalendarDate)
    case beforeBirth(field: String, date: CalendarDate)
    case duplicateDose(masked: String, date: CalendarDate)
    case unknownProduct(String, known: [String])
    case unknownSymptom(String, known: [String])
    case onsetBeforeDose(onset: String, dose: CalendarDate)
    case doseNotFound(masked: String, date: CalendarDate)
    case badOnset(String)
    case badValue(field: String, value: String, expected: String)
    /// A value the caller typed, refused with its own code (an ID's checksum, a date), at its field.
    case field(code: String, message: String, field: String)
    case notAFile(String)
    case transferNotFound(String)
    case transferNoMatch(masked: String)
    case alreadyInArea(masked: String)
    case transferPending(masked: String)
    case transferDecided(state: String)
    case transferStale(masked: String)
    case transferNotYours(String)
    case outsideArea(county: String, area: String)
    case consentRequired(masked: String, consent: Consent)

    public var code: String {
        switch self {
        case .row(let code, _, _): code
        case .missingColumns: "missing_column"
        case .unreadableFile: "file_unreadable"
        case .encoding: "encoding"
        case .unknownPerson: "unknown_person"
        case .notEnrolled: "not_enrolled"
        case .futureDate: "future_date"
        case .beforeBirth: "before_birth"
        case .duplicateDose: "duplicate_dose"
        case .unknownProduct: "unknown_product"
        case .unknownSymptom: "unknown_symptom"
        case .onsetBeforeDose: "onset_before_dose"
        case .doseNotFound: "dose_not_found"
        case .badOnset: "bad_onset"
        case .badValue: "bad_value"
        case .field(let code, _, _): code
        case .notAFile: "not_a_file"
        case .transferNotFound: "transfer_not_found"
        case .transferNoMatch: "transfer_no_match"
        case .alreadyInArea: "already_in_area"
        case .transferPending: "transfer_pending"
        case .transferDecided: "transfer_decided"
        case .transferStale: "transfer_stale"
        case .transferNotYours: "transfer_forbidden"
        case .outsideArea: "outside_area"
        case .consentRequired: "consent_required"
        }
    }

    /// What the HTTP side answers with: a record outside the caller's area is "not found", a
    /// step that clashes with a transfer's state is a conflict, another county's decision is forbidden.
    public var kind: UserErrorKind {
        switch self {
        case .unknownPerson, .notEnrolled, .transferNotFound: .notFound
        case .alreadyInArea, .transferPending, .transferDecided, .transferStale: .conflict
        case .transferNotYours, .outsideArea: .forbidden
        // Registration and county dates refuse a county outside the area with their own message.
        case .field(let code, _, _) where code == "outside_area": .forbidden
        default: .invalid
        }
    }

    public var message: String {
        switch self {
        case .row(_, let message, _): message
        case .missingColumns(let columns, _):
            "the roster has no column \(columns.joined(separator: ", ")); use the 附3 form's headers (序号, 地区, 学生姓名, 出生日期, 身份证号码, 在读学校, 班级, 监护人姓名, 监护人电话, 既往HPV疫苗接种情况, 是否愿意接种)"
        case .unreadableFile(let path): "cannot read \(path); check the path and permissions"
        case .encoding(let file, let row):
            "\(file) row \(row) is neither UTF-8 nor GB18030 text; save the roster again from Excel as CSV (UTF-8)"
        case .unknownPerson(let masked):
            "no person with ID \(masked) is registered; import her school roster first"
        case .notEnrolled(let masked):
            "\(masked) is not on an HPV roster of this programme; import her school roster first"
        case .futureDate(let field, let date, let today):
            "\(field) \(date.iso) is after today (\(today.iso), China Standard Time); check the year and month"
        case .beforeBirth(let field, let date):
            "\(field) \(date.iso) is before the person's birth date; check the date"
        case .duplicateDose(let masked, let date):
            "a dose for \(masked) on \(date.iso) is already recorded; a second dose on the same day cannot be true"
        case .unknownProduct(let code, let known):
            "unknown product \"\(HPVError.clip(code))\"; known products: \(known.joined(separator: ", "))"
        case .unknownSymptom(let code, let known):
            "unknown symptom code \"\(HPVError.clip(code))\"; use one of: \(known.joined(separator: ", "))"
        case .onsetBeforeDose(let onset, let dose):
            "onset \(onset) is before the dose given on \(dose.iso); an adverse event follows its dose"
        case .doseNotFound(let masked, let date):
            "no dose for \(masked) on \(date.iso); record the dose first or check the date"
        case .badOnset(let text):
            "onset \"\(HPVError.clip(text))\" is not a date-time; write it as 2023-10-12T14:30 (China Standard Time) or with an offset, 2023-10-12T14:30+08:00"
        case .badValue(let field, let value, let expected):
            "\(field) \"\(HPVError.clip(value))\" is not valid; expected \(expected)"
        case .field(_, let message, _): message
        case .notAFile(let path):
            "\(path) is not a file (a folder or a device); give the roster's CSV file"
        case .transferNotFound(let id):
            "no transfer \(id.prefix(36)) in your area; see the pending transfers (hpv transfer list)"
        case .transferNoMatch(let masked):
            "no girl with ID \(masked) and this name is enrolled in another county; check the ID and the name against her ID card "
                + "(a girl on no roster yet is added by importing her school's roster)"
        case .alreadyInArea(let masked):
            "\(masked) is already enrolled in your area; change her school or class with a roster of her school"
        case .transferPending(let masked):
            "a transfer of \(masked) is already waiting for a decision; wait for it to be confirmed or declined"
        case .transferDecided(let state):
            "this transfer is already \(state); nothing more can be decided on it"
        case .transferStale(let masked):
            "\(masked) is no longer enrolled in the county this transfer moves her from; decline it and ask again if still needed"
        case .transferNotYours(let why):
            why
        case .outsideArea(let county, let area):
            "\(county) is outside your area (\(area)); a transfer moves a girl into a county of your area"
        case .consentRequired(let masked, let consent):
            "\(masked) has no given consent (roster: \(consent == .declined ? "declined" : "not known")); ask the guardian, and record "
                + "the consent given at the clinic with the dose (--consent-given --consent-by NAME), or record the refusal (hpv consent --declined)"
        }
    }

    /// What a message repeats of the caller's input: enough to recognise it, never a whole upload.
    public static func clip(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    public var location: InputLocation? {
        switch self {
        case .row(_, _, let at): at
        case .missingColumns(_, let file): InputLocation(file: file, row: 1)
        case .encoding(let file, let row): InputLocation(file: file, row: row)
        case .field(_, _, let field): InputLocation(field: field)
        default: nil
        }
    }
}
