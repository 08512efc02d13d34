import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import ScreenVaxCore
import Store
import Synchronization

/// The CDS Hooks endpoints take the bearer token of a `cds` client, or a JWT signed by the issuer
/// of a `cds` client (`client add --jwt-issuer ISS --jwks FILE`); either way the request acts as
/// that client, inside its area. A refused JWT gets a bare 401 that says nothing of why (CDS Hooks
/// security); the token itself is never logged.
public struct CDSHooksAuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let bearer: BearerTokenMiddleware
    let publicBaseURL: String
    let clock: Clock
    private let trusts = TrustCache()

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = BearerTokenMiddleware.bearer(request.headers[.authorization]),
              presented.split(separator: ".", omittingEmptySubsequences: false).count == 3
        else { return try await bearer.handle(request, context: context, next: next) }
        let database = bearer.database
        guard let issuer = CDSClientJWT.claimedIssuer(presented), issuer.count <= APIClients.maximumIssuerLength,
              let client = try await database.pool.read({ db in try APIClients.find(db, issuer: issuer) }),
              let trust = trusts.trust(for: client, publicBaseURL: publicBaseURL),
              await CDSClientJWT(trust: trust, database: database)
                .accepts(presented, path: request.uri.path, now: Int(clock.now().timeIntervalSince1970))
        // Bare on purpose: a refused JWT learns nothing about which check it failed.
        else { return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"]) }
        var context = context
        context.principal = Principal(client: client)
        return try await next(request, context)
    }
}

/// Each JWT client's keys, parsed once per version of its row (a new JWKS or a re-added client
/// is read again).
final class TrustCache: Sendable {
    private let known = Mutex<[Int64: (jwks: String, trust: CDSClientTrust)]>([:])

    func trust(for client: APIClient, publicBaseURL: String) -> CDSClientTrust? {
        guard let issuer = client.jwtIssuer, let jwks = client.jwks else { return nil }
        if let hit = known.withLock({ $0[client.id] }), hit.jwks == jwks { return hit.trust }
        guard let made = try? CDSClientTrust(issuer: issuer, jwks: Data(jwks.utf8), publicBaseURL: publicBaseURL, client: client) else {
            return nil
        }
        known.withLock { $0[client.id] = (jwks, made) }
        return made
    }
}
