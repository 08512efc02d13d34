import ScreenVaxCore

/// Errors of the screening room: a stable code, what is wrong and what to do, and where.
public enum ScreeningError: UserError, Equatable {
    case unknownService(String, known: [String])
    case serviceSubject(service: String, needs: String)
    case unknownField(String, service: String, known: [String])
    case badValue(String, String, expected: String)
    case outOfRange(String, String, min: Double, max: Double, unit: String?)
    case undetermined(service: String, keys: [String])
    case badTime(String, field: String)
    case futureDate(String, field: String)
    case noDating
    case unknownCounty(String)
    /// A registration by a caller bound to an area, for a county outside it.
    case outsideArea(county: String, area: String)
    case notAWoman
    case pregnancyNotFound(String)
    case newbornNotFound(String)
    case caseNotFound(String)
    case pregnancyClosed(String, outcome: String)
    case pregnancyStillOpen(registeredOn: String, lmp: String)
    case closeBeforeLMP(date: String, lmp: String)
    case birthOrderTaken(order: Int)
    case newbornIDMismatch(String)
    case newbornAlreadyHasID
    case resultBeforeSubject(date: String, since: String)
    case resultConflict(service: String, at: String)
    case identity(String)
    case illegalTransition(stage: String, step: String, allowed: [String])
    case stepBeforeStage(step: String, date: String, since: String, stage: String)
    case badOutcome(step: String, given: String?, allowed: [String])
    case lostTooEarly(attempts: Int, needed: Int, deadline: String)
    case missingColumn(String, file: String)
    case unreadableFile(String)
    case encoding(file: String, row: Int)
    case tooLong(field: String, max: Int)
    case missingValue(field: String, what: String)
    case unknownInstitution(String)
    case institutionExists(String)
    case noDesignatedInstitution(service: String, county: String)
    case specimenNotFound(String)
    case specimenNumberTaken(String, service: String)
    case specimenStage(String, stage: String, step: String)
    case noSpecimenService(String, known: [String])
    case alreadyDeclined(service: String, on: String)
    case alreadyScreened(service: String, on: String)
    case positiveNeeds(service: String, field: String, choices: [String])
    case noMatch(String)
    case twoMatches(String)
    case nameMismatch
    indirect case located(ScreeningError, InputLocation)

    public var code: String {
        switch self {
        case .unknownService: "unknown_service"
        case .serviceSubject: "service_subject"
        case .unknownField: "unknown_field"
        case .badValue: "bad_value"
        case .outOfRange: "value_out_of_range"
        case .undetermined: "result_undetermined"
        case .badTime: "bad_date"
        case .futureDate: "future_date"
        case .noDating: "no_dating"
        case .unknownCounty: "unknown_county"
        case .outsideArea: "outside_area"
        case .notAWoman: "not_a_woman"
        case .pregnancyNotFound: "pregnancy_not_found"
        case .newbornNotFound: "newborn_not_found"
        case .caseNotFound: "case_not_found"
        case .pregnancyClosed: "pregnancy_closed"
        case .pregnancyStillOpen: "pregnancy_still_open"
        case .closeBeforeLMP: "close_before_lmp"
        case .birthOrderTaken: "birth_order_taken"
        case .newbornIDMismatch: "newborn_id_mismatch"
        case .newbornAlreadyHasID: "newborn_has_id"
        case .resultBeforeSubject: "result_before_subject"
        case .resultConflict: "result_conflict"
        case .identity: "id_conflict"
        case .illegalTransition: "illegal_transition"
        case .stepBeforeStage: "step_before_stage"
        case .badOutcome: "bad_outcome"
        case .lostTooEarly: "lost_too_early"
        case .missingColumn: "missing_column"
        case .unreadableFile: "file_unreadable"
        case .encoding: "file_encoding"
        case .tooLong: "too_long"
        case .missingValue: "missing_value"
        case .unknownInstitution: "unknown_institution"
        case .institutionExists: "institution_exists"
        case .noDesignatedInstitution: "no_designated_institution"
        case .specimenNotFound: "specimen_not_found"
        case .specimenNumberTaken: "specimen_no_taken"
        case .specimenStage: "specimen_stage"
        case .noSpecimenService: "no_specimen_service"
        case .alreadyDeclined: "already_declined"
        case .alreadyScreened: "already_screened"
        case .positiveNeeds: "positive_needs_value"
        case .noMatch: "no_match"
        case .twoMatches: "two_matches"
        case .nameMismatch: "name_mismatch"
        case .located(let inner, _): inner.code
        }
    }

    /// A pregnancy, newborn or recall case not in the register (or not in the caller's area) is
    /// "not found"; everything else is about the input.
    public var kind: UserErrorKind {
        switch self {
        case .pregnancyNotFound, .newbornNotFound, .caseNotFound: .notFound
        case .outsideArea: .forbidden
        case .located(let inner, _): inner.kind
        default: .invalid
        }
    }

    public var message: String {
        switch self {
        case .unknownService(let s, let known):
            "there is no service \"\(s)\"; use one of \(known.joined(separator: ", "))"
        case .serviceSubject(let s, let needs):
            "\(s) is a \(needs) service; give --\(needs) instead"
        case .unknownField(let k, let s, let known):
            "\(s) has no value \"\(k)\"; its values are \(known.joined(separator: ", "))"
        case .badValue(let k, let v, let expected):
            "\(k)=\(v) is not valid; write \(expected)"
        case .outOfRange(let k, let v, let lo, let hi, let unit):
            "\(k)=\(v) is outside the plausible range \(FieldValue.number(lo).text)-\(FieldValue.number(hi).text)\(unit.map { " \($0)" } ?? ""); check the value and its unit"
        case .undetermined(let s, let keys):
            "a \(s) result needs its values (\(keys.joined(separator: ", "))) or --conclusion positive|negative|not_assessable"
        case .badTime(let t, let f):
            "\(f) \"\(t)\" is not a date; write 2023-05-01 or 2023-05-01T08:30"
        case .futureDate(let t, let f):
            "\(f) \(t) is in the future; check the date"
        case .noDating:
            "a pregnancy needs --lmp (first day of the last menstrual period), --edd, or --scan-date with --scan-ga"
        case .unknownCounty(let c):
            "county \"\(c)\" is not a Jiangxi county code or name; use the 6-digit code, e.g. 360102"
        case .outsideArea(let county, let area):
            "county \(county) is outside your area (\(area)); register the woman in a county of your area"
        case .notAWoman:
            "the resident ID is a man's (17th digit odd); check the ID: a pregnancy is registered to the woman"
        case .pregnancyNotFound(let id):
            "no pregnancy \(id); use the id that `screening pregnancy add` printed"
        case .newbornNotFound(let id):
            "no newborn \(id); use the id that `screening newborn add` printed"
        case .caseNotFound(let id):
            "no recall case \(id); see `recall list` for open cases"
        case .pregnancyClosed(let id, let outcome):
            "pregnancy \(id.prefix(8)) is closed (\(outcome)); nothing more can be recorded for it"
        case .pregnancyStillOpen(let on, let lmp):
            "this woman has an open pregnancy (registered \(on), LMP \(lmp)); close it with `screening pregnancy close` before registering a new one"
        case .closeBeforeLMP(let date, let lmp):
            "the outcome date \(date) is before the pregnancy's LMP \(lmp); check the date"
        case .birthOrderTaken(let order):
            "this pregnancy already has a newborn with birth order \(order); twins are --order 1 and --order 2"
        case .newbornIDMismatch(let what):
            "the resident ID does not fit this newborn: \(what); check the ID on the birth registration"
        case .newbornAlreadyHasID:
            "this newborn already has a resident ID; a wrong ID is corrected by the provincial identity process, not here"
        case .resultBeforeSubject(let date, let since):
            "the result date \(date) is before \(since); check the date"
        case .resultConflict(let s, let at):
            "a different \(s) result for this subject at \(at) is already recorded; if the lab corrected it, record the correction with its own time"
        case .identity(let text):
            text
        case .illegalTransition(let stage, let step, let allowed):
            allowed.isEmpty
                ? "the case is \(stage); nothing more can be recorded on it (\(step) refused)"
                : "the case is at stage \(stage); \(step) is not allowed now. Allowed next steps: \(allowed.joined(separator: ", "))"
        case .stepBeforeStage(let step, let date, let since, let stage):
            "\(step) on \(date) is before the case reached stage \(stage) on \(since); check the date"
        case .badOutcome(let step, let given, let allowed):
            "\(step) needs --outcome \(allowed.joined(separator: "|"))" + (given.map { " (got \"\($0)\")" } ?? "")
        case .lostTooEarly(let attempts, let needed, let deadline):
            "a case is lost to follow-up only after \(needed) failed contact attempts (\(attempts) so far), a refusal, or after its deadline \(deadline); record the contact attempts first"
        case .missingColumn(let c, let file):
            "\(file) has no column \(c); the header row needs it"
        case .unreadableFile(let path):
            "cannot read \(path); check the path"
        case .encoding(let file, let row):
            "\(file) row \(row) is neither UTF-8 nor GB18030; save the file again as CSV UTF-8"
        case .tooLong(let field, let max):
            "\(field) is longer than \(max) characters; shorten it"
        case .missingValue(let field, let what):
            "\(field) is empty; give \(what)"
        case .unknownInstitution(let text):
            "\"\(text.prefix(60))\" is not a designated institution; use a code from `screening institution list`, or have the province add it with `screening institution add`"
        case .institutionExists(let code):
            "an institution with code or name \"\(code)\" is already listed; see `screening institution list`"
        case .noDesignatedInstitution(let service, let county):
            "no institution is designated for \(service) referrals in county \(county); name one with --institution (see `screening institution list`)"
        case .specimenNotFound(let no):
            "no specimen numbered \(no.prefix(40)); record its collection first with `screening specimen collect`"
        case .specimenNumberTaken(let no, let service):
            "specimen number \(no.prefix(40)) is already used for a \(service) specimen; specimen numbers are unique per service, check the card"
        case .specimenStage(let no, let stage, let step):
            "specimen \(no.prefix(40)) is \(stage); it cannot be \(step) now"
        case .noSpecimenService(let s, let known):
            "\(s) has no specimen (it is done at the bedside); specimens are tracked for \(known.joined(separator: ", "))"
        case .alreadyDeclined(let service, let on):
            "\(service) was already declined on \(on); nothing new was written"
        case .alreadyScreened(let service, let on):
            "\(service) was already done (\(on)); a refusal can only be recorded for a service not yet done"
        case .positiveNeeds(let service, let field, let choices):
            "a positive \(service) result must say \(field): one or more of \(choices.joined(separator: ", "))"
        case .noMatch(let keys):
            "no registered subject in your area matches \(keys); check the keys or register the subject first"
        case .twoMatches(let keys):
            "\(keys) matches more than one subject (twins?); add 出生顺序 (birth order) or 标本编号 to the row"
        case .nameMismatch:
            "母亲姓名 does not match the name registered with this resident ID; check the ID and the name on the specimen"
        case .located(let inner, _):
            inner.message
        }
    }

    public var location: InputLocation? {
        if case .located(_, let loc) = self { return loc }
        return nil
    }

    public func at(_ location: InputLocation) -> ScreeningError { .located(self, location) }
}
