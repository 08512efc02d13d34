import HTTPTypes
import Hummingbird

/// One route of a table: the JSON API's, which is what is registered and what
/// `Schemas/openapi.yaml` must document (a test holds the two together), or the web pages'
/// (`PageController`), which `ClinicWeb` registers with its error page.
public struct HTTPRoute: Sendable {
    public let method: HTTPRequest.Method
    /// OpenAPI-style path: `/api/v1/hpv/girls/{id}`.
    public let path: String
    let handler: @Sendable (Request, Parameters) async throws -> Response

    static func get(_ path: String, _ handler: @escaping @Sendable (Request, Parameters) async throws -> Response) -> HTTPRoute {
        HTTPRoute(method: .get, path: path, handler: handler)
    }

    static func post(_ path: String, _ handler: @escaping @Sendable (Request, Parameters) async throws -> Response) -> HTTPRoute {
        HTTPRoute(method: .post, path: path, handler: handler)
    }
}

extension RouterMethods {
    /// Registers routes; a thrown error becomes its `HTTPFailure`. The server's edge middleware
    /// already runs them on the request threads and sets `ClientAddress.current`.
    @discardableResult
    public func add(_ routes: [HTTPRoute]) -> Self {
        for route in routes {
            on(RouterPath(route.path), method: route.method) { request, context -> Response in
                do {
                    return try await route.handler(request, context.parameters)
                } catch {
                    throw HTTPFailure.from(error)
                }
            }
        }
        return self
    }
}
