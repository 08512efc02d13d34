import ScreenVaxCore

/// Errors of the assist interface, with a stable code and what to do about them.
public enum AssistError: UserError, Equatable {
    case unknownService(String)
    case unsupportedHook(String, service: String)
    case missingPatient
    case badRequest(String)
    case badFeedback(entry: Int, problem: String)
    case badAIURL(String, problem: String)
    case unknownPatient(String)

    public var code: String {
        switch self {
        case .unknownService: "unknown_service"
        case .unsupportedHook: "unsupported_hook"
        case .missingPatient: "missing_patient"
        case .badRequest: "bad_request"
        case .badFeedback: "bad_feedback"
        case .badAIURL: "bad_ai_url"
        case .unknownPatient: "unknown_patient"
        }
    }

    public var kind: UserErrorKind {
        switch self {
        case .unknownService, .unknownPatient: .notFound
        default: .invalid
        }
    }

    public var message: String {
        switch self {
        case .unknownService(let id):
            "no CDS service \"\(id)\"; the services are \(AssistServiceID.allCases.map(\.rawValue).joined(separator: ", ")) (GET /cds-services lists them)"
        case .unsupportedHook(let hook, let service):
            "\(service) answers the patient-view and encounter-start hooks, not \(hook)"
        case .missingPatient:
            "context.patientId is required: send the resident ID or the registry id of the patient whose chart is open"
        case .badRequest(let problem):
            "the request body is not a CDS Hooks request: \(problem)"
        case .badFeedback(let entry, let problem):
            "feedback entry \(entry): \(problem)"
        case .badAIURL(let url, let problem):
            "--ai-url \(url): \(problem)"
        case .unknownPatient(let masked):
            "no person \(masked) in the registry; check the resident ID or give the registry id"
        }
    }

    public var location: InputLocation? {
        switch self {
        case .missingPatient: InputLocation(field: "context.patientId")
        case .badFeedback(let entry, _): InputLocation(field: "feedback[\(entry)]")
        case .badAIURL: InputLocation(field: "--ai-url")
        default: nil
        }
    }
}
