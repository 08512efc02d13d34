import Accounts
import HTTPTypes
import Hummingbird
import Store

/// Lets a request through only with the bearer token of an enabled API client of one scope
/// (`screenvax client add`). A missing, unknown or disabled token gets 401 with a JSON error and
/// `WWW-Authenticate: Bearer`; a client of the other scope gets 403 `wrong_scope`. The token is
/// looked up by its SHA-256, never compared byte by byte, and never logged. The client's name and
/// area become the request's principal.
public struct BearerTokenMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let database: RegistryDatabase
    public let scope: ClientScope
    /// Client tokens are 32 to a few hundred characters; a longer header is not one.
    static let maxTokenBytes = 1024

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = BearerTokenMiddleware.bearer(request.headers[.authorization]),
              presented.utf8.count <= BearerTokenMiddleware.maxTokenBytes,
              let client = try await database.pool.read({ db in try APIClients.find(db, token: presented) })
        else { throw HTTPFailure.noBearer }
        guard client.scope == scope else {
            throw HTTPFailure(.forbidden, code: "wrong_scope",
                              message: "this client's token is for scope \(client.scope.rawValue), not \(scope.rawValue); ask for a client of scope \(scope.rawValue) (screenvax client add)")
        }
        var context = context
        context.principal = Principal(client: client)
        return try await next(request, context)
    }

    /// The credentials of a `Bearer` authorization header (scheme case-insensitive), or nil.
    static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
