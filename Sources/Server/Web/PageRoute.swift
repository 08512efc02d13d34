import HTTPTypes
import Hummingbird

/// One route of the web pages: a page controller lists these, and `ClinicWeb` registers them all
/// the same way, a thrown error becoming the error page (or the login page).
struct PageRoute: Sendable {
    let method: HTTPRequest.Method
    /// Hummingbird's pattern: `/girls/{person}`.
    let path: String
    let handler: @Sendable (Request, Parameters) async throws -> Response

    static func get(_ path: String, _ handler: @escaping @Sendable (Request, Parameters) async throws -> Response) -> PageRoute {
        PageRoute(method: .get, path: path, handler: handler)
    }

    static func post(_ path: String, _ handler: @escaping @Sendable (Request, Parameters) async throws -> Response) -> PageRoute {
        PageRoute(method: .post, path: path, handler: handler)
    }
}
