import Accounts
import HTTPTypes
import Hummingbird
import NIOCore
import ScreenVaxCore
import Store

/// Every route group's answer other than success (clinic API, web pages, CDS Hooks, the voice
/// platform): the status, a stable code and a message. Thrown from any handler, it is answered as
/// `{"error": {"code", "message"}}` (with `Retry-After` when it has one); a web page shows
/// `pageText` instead.
public struct HTTPFailure: Error, Sendable, HTTPResponseError {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var retryAfter: Int?
    /// What a zh-CN page shows instead of `message`, when the English message is the API's.
    public var pageMessage: String?
    /// Headers the answer carries besides `Retry-After` (a bearer challenge).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil, pageText: String? = nil,
                headers: HTTPFields = [:]) {
        self.headers = headers
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.pageMessage = pageText
    }

    /// The page's text: the zh-CN one when there is one.
    public var pageText: String { pageMessage ?? message }

    /// How a route group words its failures. The clinic API answers an input error 422 and hides
    /// which record was not found (a generic 404, so that nothing outside the caller's area can be
    /// probed); the platforms' APIs (CDS Hooks, the voice platform) answer 400 and name it.
    public enum Dialect: Sendable {
        case clinic
        case platform
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response { response }

    /// The JSON answer: `{"error": {"code", "message"}}`.
    public var response: Response {
        var inner = JSONWriter()
        inner.string("code", code)
        inner.string("message", message)
        var outer = JSONWriter()
        outer.raw("error", inner.finished())
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: outer.finished())))
    }

    public static let notFound = HTTPFailure(.notFound, code: "not_found", message: "no such record in your area")
    /// A platform client (CDS Hooks, the voice platform) without a valid token.
    public static let noBearer = HTTPFailure(.unauthorized, code: "unauthorized", message: "a valid bearer token is required",
                                             headers: [.wwwAuthenticate: "Bearer"])
    public static let unauthorized = HTTPFailure(.unauthorized, code: "unauthorized", message: "log in first: POST /api/v1/session, then send Authorization: Bearer TOKEN",
                                                pageText: "请先登录。")
    public static let csrf = HTTPFailure(.forbidden, code: "csrf", message: "the form has expired; reload the page and try again",
                                        pageText: "表单已过期，请刷新页面后重试。")

    /// A body larger than the route reads.
    public static func tooLarge(limit: Int) -> HTTPFailure {
        HTTPFailure(.contentTooLarge, code: "body_too_large",
                    message: "the body is larger than \(limit >> 20 > 0 ? "\(limit >> 20) MB" : "\(limit >> 10) KB"); send less at a time",
                    pageText: "提交的内容过大（上限 \(limit >> 20 > 0 ? "\(limit >> 20) MB" : "\(limit >> 10) KB")），请拆分后再提交。")
    }

    /// A query or form number that is not a whole number in its range.
    public static func badParameter(_ name: String, range: ClosedRange<Int>) -> HTTPFailure {
        let label = name == "page" ? "页码" : "参数 \(name) "
        return HTTPFailure(.badRequest, code: "bad_parameter",
                           message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                           pageText: "\(label)应为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数。")
    }

    /// Maps any error a handler throws: a room's error by its kind, the accounts' by their own
    /// statuses, anything else a 500 without details (they could hold personal data).
    public static func from(_ error: any Error, dialect: Dialect = .clinic) -> HTTPFailure {
        if let e = error as? HTTPFailure { return e }
        if let e = error as? AccountsError {
            switch e {
            case .wrongCredentials, .sessionExpired: return HTTPFailure(.unauthorized, code: e.code, message: e.message)
            case .throttled(let s), .locked(let s): return HTTPFailure(.tooManyRequests, code: e.code, message: e.message, retryAfter: s)
            default: break
            }
        }
        if let e = error as? TooManyConflicts {
            return HTTPFailure(.tooManyRequests, code: e.code, message: e.message, retryAfter: e.retryAfter)
        }
        if let e = error as? any UserError {
            switch (e.kind, dialect) {
            case (.invalid, .clinic): return HTTPFailure(.unprocessableContent, code: e.code, message: e.description)
            case (.invalid, .platform): return HTTPFailure(.badRequest, code: e.code, message: e.message)
            case (.notFound, .clinic): return .notFound
            case (.notFound, .platform): return HTTPFailure(.notFound, code: e.code, message: e.message)
            case (.conflict, _): return HTTPFailure(.conflict, code: e.code, message: e.description)
            case (.forbidden, _): return HTTPFailure(.forbidden, code: e.code, message: e.description)
            case (.busy, _):
                // Another process (a CLI import) holds the write lock past the busy timeout: nothing
                // was written, and the same request will do once the lock is released.
                return HTTPFailure(.serviceUnavailable, code: e.code, message: e.message, retryAfter: EdgeMiddleware.retryAfter,
                                   pageText: "系统正忙（另一项导入正在写入数据），本次未保存任何内容，请稍后重试。")
            }
        }
        return HTTPFailure(.internalServerError, code: "internal", message: "the server failed; the request was not completed",
                           pageText: "服务器出错，本次操作未完成，请稍后重试。")
    }
}
