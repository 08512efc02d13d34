import HTTPTypes
import Hummingbird
import Store

/// What every route after `/healthz` passes through, once: the client's address (through a
/// trusted proxy), a body announced over the largest limit refused before it is read, the handler
/// run on the request threads (`RequestWork`), a database still locked after the busy timeout
/// answered 503 with `Retry-After` wherever a route group let it through, and
/// `Cache-Control: no-store` on everything under `/api/` (answers hold personal data).
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let work: RequestWork
    let proxies: TrustedProxies
    let maxBody: Int
    /// Seconds a client is told to wait when the database is busy.
    static let retryAfter = 2

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let address = proxies.client(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[.xForwardedFor])
        context.clientAddress = address
        let api = request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/cds-services")
        var response: Response
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody {
            response = EdgeMiddleware.refusal(HTTPFailure.tooLarge(limit: maxBody), api: api)
        } else {
            do {
                response = try await ClientAddress.$current.withValue(address) {
                    try await work.run { try await next(request, context) }
                }
            } catch StoreError.busy {
                response = EdgeMiddleware.refusal(HTTPFailure.from(StoreError.busy), api: api)
            } catch let error as any HTTPResponseError {
                // The router's own answers (an unknown path's 404) get the same headers.
                response = try error.response(from: request, context: context)
            }
        }
        if request.uri.path.hasPrefix("/api/") { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// An answer the edge gives itself: the JSON error for machines, a bare zh-CN page for browsers.
    static func refusal(_ error: HTTPFailure, api: Bool) -> Response {
        var response = api ? error.response : Reply.html(
            "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>出错了</title><p>\(error.pageText)</p></html>",
            status: error.status)
        if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
