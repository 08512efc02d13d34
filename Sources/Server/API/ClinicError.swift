import Accounts
import HTTPTypes
import ScreenVaxCore
import Store

/// An answer other than success, with the status it maps to. The JSON API prints it as
/// `{"error": {"code", "message"}}`; the web pages as a message on the page.
public struct ClinicError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public static let notFound = ClinicError(.notFound, code: "not_found", message: "no such record in your area")
    public static let unauthorized = ClinicError(.unauthorized, code: "unauthorized", message: "log in first: POST /api/v1/session, then send Authorization: Bearer TOKEN")
    public static let csrf = ClinicError(.forbidden, code: "csrf", message: "the form has expired; reload the page and try again")

    /// Maps any error a handler throws: our own codes keep their meaning, anything else is a 500
    /// without details (they could hold personal data).
    public static func from(_ error: any Error) -> ClinicError {
        if let e = error as? ClinicError { return e }
        if let e = error as? AccountsError {
            switch e {
            case .wrongCredentials: return ClinicError(.unauthorized, code: e.code, message: e.message)
            case .throttled(let s), .locked(let s): return ClinicError(.tooManyRequests, code: e.code, message: e.message, retryAfter: s)
            case .sessionExpired: return ClinicError(.unauthorized, code: e.code, message: e.message)
            case .forbidden: return ClinicError(.forbidden, code: e.code, message: e.message)
            case .usernameTaken: return ClinicError(.conflict, code: e.code, message: e.message)
            default: return ClinicError(.unprocessableContent, code: e.code, message: e.message)
            }
        }
        if let e = error as? TooManyConflicts {
            return ClinicError(.tooManyRequests, code: e.code, message: e.message, retryAfter: e.retryAfter)
        }
        if let e = error as? any UserError {
            if ["not_enrolled", "unknown_person", "case_not_found", "pregnancy_not_found", "newborn_not_found", "call_not_found",
                "transfer_not_found"].contains(e.code) {
                return .notFound
            }
            if ["call_closed", "transfer_pending", "transfer_decided", "transfer_stale", "already_in_area"].contains(e.code) {
                return ClinicError(.conflict, code: e.code, message: e.description)
            }
            if ["transfer_forbidden", "outside_area"].contains(e.code) { return ClinicError(.forbidden, code: e.code, message: e.description) }
            return ClinicError(.unprocessableContent, code: e.code, message: e.description)
        }
        return ClinicError(.internalServerError, code: "internal", message: "the server failed; the request was not completed")
    }
}
