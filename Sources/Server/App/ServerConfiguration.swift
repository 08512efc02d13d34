import Logging
import NIOCore
import ScreenVaxMacros

/// How `screenvax serve` listens. Client tokens are not part of it: they live in the registry's
/// `api_clients` table (`screenvax client add`), only as SHA-256 hashes.
@PublicInit
public struct ServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks a free port; `onStarted` tells which.
    public var port: Int = 8080
    public var serverName: String = "screenvax"
    /// Hummingbird's own log level; tests raise it so stopping by cancellation stays quiet.
    public var logLevel: Logger.Level = .info
    /// The base URL clients call (`https://registry.example`): a CDS client JWT's `aud` is this plus
    /// the path. Nil: `http://HOST:PORT`.
    public var publicURL: String?

    /// What a connection may hold and for how long (timeouts, the connection cap).
    public var limits: ConnectionLimits = ConnectionLimits()
    /// HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: TLSFiles?
    /// Peers whose `X-Forwarded-For` names the client (a reverse proxy in front of `serve`).
    public var trustedProxies: TrustedProxies = TrustedProxies()
    /// Threads that run the handlers (`RequestWork`).
    public var requestThreads: Int = 16

    /// True for an address only this machine reaches: `localhost`, 127.0.0.0/8, `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        guard let address = try? SocketAddress(ipAddress: host, port: 0) else { return false }
        switch address {
        case .v4(let v4): return UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24 == 127
        case .v6: return address.ipAddress == "::1"
        default: return false
        }
    }

    /// `aud` of a CDS client JWT is this plus the path called.
    public var publicBaseURL: String { publicURL ?? "\(tls == nil ? "http" : "https")://\(host):\(port)" }

    /// Plain HTTP on loopback: the only place session cookies may drop `Secure` (development).
    public var isLoopbackHTTP: Bool { tls == nil && ServerConfiguration.isLoopback(host) }
}

/// Bounds on what one client can hold of the server.
@PublicInit
public struct ConnectionLimits: Sendable, Equatable {
    /// A connection with no request in progress (or a request body that stopped arriving) is
    /// closed after this long.
    public var idleTimeout: Duration = .seconds(30)
    /// A request's head (request line and headers) must arrive in full within this long of its
    /// first byte, however slowly it trickles in.
    public var headerTimeout: Duration = .seconds(30)
    /// Connections open at once; past it new ones wait in the listen backlog until one closes.
    public var maxConnections: Int = 512
    /// The largest body any route reads (a roster upload); a larger announced body is refused
    /// before it is read.
    public var maxBody: Int = BodyLimit.upload
}
