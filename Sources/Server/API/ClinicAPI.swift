import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import ScreenVaxCore

/// The JSON API under /api/v1: what the command line does, with the same JSON shapes, for
/// programs that log in as a user. Every change is audited in that user's name.
public struct ClinicAPI: Sendable {
    public let services: ClinicServices

    public init(services: ClinicServices) { self.services = services }

    /// Every route, in the order Schemas/openapi.yaml lists them.
    public var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .post, path: "/api/v1/session", handler: login),
            HTTPRoute(method: .delete, path: "/api/v1/session", handler: authed { c, _, _ in try self.logout(c) }),
            HTTPRoute(method: .get, path: "/api/v1/me", handler: authed { c, _, _ in try Reply.json(UserSummary(c.user)) }),
        ] + controllers.flatMap(\.routes)
    }

    /// One controller per resource, in the order Schemas/openapi.yaml lists them.
    var controllers: [any APIController] {
        [HPVEndpoints(services: services), HPVFieldEndpoints(services: services), HPVTransferEndpoints(services: services),
         ScreeningEndpoints(services: services), RecallEndpoints(services: services), ReportEndpoints(services: services),
         SyncEndpoints(services: services), HPVListEndpoints(services: services), CallsEndpoints(services: services)]
    }

    func authed(_ body: @escaping @Sendable (Caller, Request, Parameters) async throws -> Response)
        -> @Sendable (Request, Parameters) async throws -> Response { Self.authed(services, body) }

    struct Credentials: Decodable {
        let username: String
        let password: String
    }

    struct Token: Encodable {
        let token: String
        let username: String
        let role: String
        let area: String
    }

    @Sendable func login(_ request: Request, _: Parameters) async throws -> Response {
        let c = try await request.decodeJSON(Credentials.self)
        let login = try services.authenticator.login(username: c.username, password: c.password, client: ClientAddress.current)
        return try Reply.json(Token(token: login.token, username: login.user.username, role: login.user.role.rawValue, area: login.user.area.code))
    }

    func logout(_ caller: Caller) throws -> Response {
        try services.authenticator.logout(token: caller.token)
        return Response(status: .noContent)
    }
}

/// One resource's routes of the JSON API (girls, doses, pregnancies, recall cases, reports…): a
/// small type per resource instead of one type spread over every file.
protocol APIController: Sendable {
    var services: ClinicServices { get }
    var routes: [HTTPRoute] { get }
}

extension APIController {
    func authed(_ body: @escaping @Sendable (Caller, Request, Parameters) async throws -> Response)
        -> @Sendable (Request, Parameters) async throws -> Response { ClinicAPI.authed(services, body) }

    /// The `as_of` query date, default today.
    func asOf(_ request: Request) throws -> CalendarDate { try services.asOf(request) }
}

extension ClinicAPI {
    /// Wraps a handler that needs a caller: 401 without a valid token. A cookie-borne session must
    /// also send its CSRF token on changes (a browser page cannot be tricked into that).
    static func authed(_ services: ClinicServices, _ body: @escaping @Sendable (Caller, Request, Parameters) async throws -> Response)
        -> @Sendable (Request, Parameters) async throws -> Response {
        return { request, parameters in
            guard let caller = try Caller.resolve(request, services: services) else { throw HTTPFailure.unauthorized }
            if caller.viaCookie, request.method != .get, request.method != .head,
               request.headers[.xCSRFToken] != caller.session.csrfToken {
                throw HTTPFailure.csrf
            }
            return try await body(caller, request, parameters)
        }
    }
}
