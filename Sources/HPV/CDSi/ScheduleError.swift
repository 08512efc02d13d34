import ScreenVaxCore

/// Problems with a schedule file or with the input given to the engine; each names the field and
/// says what to do.
public enum ScheduleError: UserError, Equatable {
    case unknownSchedule(String, known: [String])
    case invalid(file: String, field: String, problem: String)
    case badDose(String)
    case unknownCode(String, schedule: String, known: [String])
    case noLabel(product: String)
    case noFirstProduct

    public var code: String {
        switch self {
        case .unknownSchedule: "unknown_schedule"
        case .invalid: "schedule_invalid"
        case .badDose: "bad_dose"
        case .unknownCode: "unknown_code"
        case .noLabel: "no_label_schedule"
        case .noFirstProduct: "no_first_product"
        }
    }

    public var message: String {
        switch self {
        case .unknownSchedule(let name, let known):
            "no schedule named \"\(name)\"; use one of: \(known.joined(separator: ", "))"
        case .invalid(let file, let field, let problem):
            "schedule file \(file): field \(field): \(problem)"
        case .badDose(let text):
            "--dose \"\(text)\" is not DATE:CODE; write it as 2023-10-12:cecolin (a YYYY-MM-DD date, a colon, the vaccine code), optionally :EXPIRY (YYYY-MM-DD or YYYY-MM) for the lot's expiry"
        case .unknownCode(let code, let schedule, let known):
            "code \"\(code)\" is not a vaccine of schedule \(schedule); use one of: \(known.joined(separator: ", "))"
        case .noLabel(let product):
            "no label schedule for product \"\(product)\"; add Schemas/programs/hpv-label-\(product).json or record the product's code correctly"
        case .noFirstProduct:
            "she is not in the programme and has no dose yet, so no label applies; choose a schedule explicitly"
        }
    }

    public var location: InputLocation? {
        switch self {
        case .invalid(let file, let field, _): InputLocation(file: file, field: field)
        case .badDose: InputLocation(field: "--dose")
        case .unknownSchedule: InputLocation(field: "--schedule")
        default: nil
        }
    }
}
