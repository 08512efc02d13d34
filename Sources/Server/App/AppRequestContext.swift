import Accounts
import Hummingbird
import Logging
import NIOCore
import ScreenVaxMacros

/// Who a request runs as, once a middleware has checked it: an API client (a clinic system, the
/// voice platform: `screenvax client add`) or a signed-in user (the web app sets this).
@PublicInit
public struct Principal: Sendable, Equatable {
    public enum Kind: String, Sendable { case client, user }
    public var kind: Kind
    /// A client's or user's name. Never a token.
    public var id: String
    public var roles: Set<String> = []
    /// The part of the province the caller may see.
    public var area: Jurisdiction?

    /// An API client, with its scope as its one role.
    public init(client: APIClient) {
        self.init(kind: .client, id: client.name, roles: [client.scope.rawValue], area: client.area)
    }
}

/// The one request context every route group of the registry server uses.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection (a reverse proxy, when `serve` is behind one).
    public let remoteAddress: SocketAddress?
    /// Where the request came from (login throttling per client address): the peer, or the client
    /// a trusted proxy names. Set by the edge middleware.
    public var clientAddress: String?
    /// Set by an authenticating middleware; nil on open routes such as `/healthz`.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        principal = nil
        clientAddress = nil
    }
}
