import HTTPTypes
import Hummingbird
import ScreenVaxCore

/// The CDS Hooks endpoints take the shared service token, or, when `serve` trusts a clinic
/// system's keys, that system's signed JWT. A refused JWT gets a bare 401 that says nothing of
/// why (CDS Hooks security); the token itself is never logged.
public struct CDSHooksAuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let bearer: BearerTokenMiddleware
    let jwt: CDSClientJWT?
    let clock: Clock

    public init(bearer: BearerTokenMiddleware, jwt: CDSClientJWT?, clock: Clock) {
        self.bearer = bearer
        self.jwt = jwt
        self.clock = clock
    }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let jwt, let presented = BearerTokenMiddleware.bearer(request.headers[.authorization]),
              presented.split(separator: ".", omittingEmptySubsequences: false).count == 3
        else { return try await bearer.handle(request, context: context, next: next) }
        let now = Int(clock.now().timeIntervalSince1970)
        guard jwt.accepts(presented, path: request.uri.path, now: now) else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
        }
        var context = context
        context.principal = Principal(kind: .serviceToken, id: "jwt:" + jwt.trust.issuer)
        return try await next(request, context)
    }
}
