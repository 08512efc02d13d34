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
    /// What a zh-CN page shows instead of `message`, when the English message is the API's.
    public var pageMessage: String?

    public init(_ status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil, pageText: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.pageMessage = pageText
    }

    /// The page's text: the zh-CN one when there is one.
    public var pageText: String { pageMessage ?? message }

    public static let notFound = ClinicError(.notFound, code: "not_found", message: "no such record in your area")
    public static let unauthorized = ClinicError(.unauthorized, code: "unauthorized", message: "log in first: POST /api/v1/session, then send Authorization: Bearer TOKEN")
    public static let csrf = ClinicError(.forbidden, code: "csrf", message: "the form has expired; reload the page and try again")

    /// A body larger than the route reads.
    public static func tooLarge(limit: Int) -> ClinicError {
        ClinicError(.contentTooLarge, code: "body_too_large",
                    message: "the body is larger than \(limit >> 20 > 0 ? "\(limit >> 20) MB" : "\(limit >> 10) KB"); send less at a time",
                    pageText: "提交的内容过大（上限 \(limit >> 20 > 0 ? "\(limit >> 20) MB" : "\(limit >> 10) KB")），请拆分后再提交。")
    }

    /// A query or form number that is not a whole number in its range.
    public static func badParameter(_ name: String, range: ClosedRange<Int>) -> ClinicError {
        let label = name == "page" ? "页码" : "参数 \(name) "
        return ClinicError(.badRequest, code: "bad_parameter",
                           message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                           pageText: "\(label)应为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数。")
    }

    /// Maps any error a handler throws: our own codes keep their meaning, anything else is a 500
    /// without details (they could hold personal data).
    public static func from(_ error: any Error) -> ClinicError {
        if let e = error as? ClinicError { return e }
        if let store = error as? StoreError, case .busy = store {
            // Another process (a CLI import) holds the write lock past the busy timeout: nothing
            // was written, and the same request will do once the lock is released.
            return ClinicError(.serviceUnavailable, code: StoreError.busy.code, message: StoreError.busy.message,
                               retryAfter: EdgeMiddleware.retryAfter, pageText: "系统正忙（另一项导入正在写入数据），本次未保存任何内容，请稍后重试。")
        }
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
        return ClinicError(.internalServerError, code: "internal", message: "the server failed; the request was not completed",
                           pageText: "服务器出错，本次操作未完成，请稍后重试。")
    }
}
