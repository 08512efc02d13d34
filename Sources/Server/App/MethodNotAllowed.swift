import HTTPTypes
import Hummingbird

/// A known path called with a method it does not take answers 405 with `Allow` (OPTIONS: 204 with
/// `Allow`), not 404: the route table says which methods each path has, once every group has
/// registered.
enum MethodNotAllowed {
    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    static func register(on router: Router<AppRequestContext>) {
        var table: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in router.routes {
            table[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        for (_, entry) in table {
            // HEAD is answered for every GET (the router's autoGenerateHeadEndpoints).
            var allowed = entry.methods
            if allowed.contains(.get) { allowed.insert(.head) }
            let allow = methods.filter { allowed.contains($0) }.map(\.rawValue).joined(separator: ", ")
            let pattern = entry.path.description
            for method in methods where !allowed.contains(method) {
                router.on(entry.path, method: method) { request, _ -> Response in
                    if method == .options { return Response(status: .noContent, headers: [.allow: allow]) }
                    let error = HTTPFailure(.methodNotAllowed, code: "method_not_allowed",
                                            message: "\(pattern) takes \(allow), not \(request.method.rawValue)",
                                            pageText: "该页面不支持此操作（\(request.method.rawValue)）。")
                    var response = EdgeMiddleware.refusal(error, api: request.uri.path.hasPrefix("/api/"))
                    response.headers[.allow] = allow
                    return response
                }
            }
        }
    }
}
