import HTTPTypes
import Hummingbird

/// One route of the JSON API. The table of these is what is registered and what
/// `Schemas/openapi.yaml` must document (a test holds the two together).
public struct APIRoute: Sendable {
    public let method: HTTPRequest.Method
    /// OpenAPI-style path: `/api/v1/hpv/girls/{id}`.
    public let path: String
    let handler: @Sendable (Request, Parameters) async throws -> Response
}

extension RouterMethods {
    /// Registers routes; a thrown error becomes its `HTTPFailure`. The server's edge middleware
    /// already runs them on the request threads and sets `ClientAddress.current`.
    @discardableResult
    public func add(_ routes: [APIRoute]) -> Self {
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
