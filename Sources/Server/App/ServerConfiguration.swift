import Logging
import NIOCore

/// How `screenvax serve` listens. Client tokens are not part of it: they live in the registry's
/// `api_clients` table (`screenvax client add`), only as SHA-256 hashes.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `onStarted` tells which.
    public var port: Int
    public var serverName: String
    /// Hummingbird's own log level; tests raise it so stopping by cancellation stays quiet.
    public var logLevel: Logger.Level
    /// The base URL clients call (`https://registry.example`): a CDS client JWT's `aud` is this plus
    /// the path. Nil: `http://HOST:PORT`.
    public var publicURL: String?

    /// What a connection may hold and for how long (timeouts, the connection cap).
    public var limits: ConnectionLimits
    /// HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: TLSFiles?
    /// Peers whose `X-Forwarded-For` names the client (a reverse proxy in front of `serve`).
    public var trustedProxies: TrustedProxies
    /// Threads that run the handlers (`RequestWork`).
    public var requestThreads: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, serverName: String = "screenvax",
                logLevel: Logger.Level = .info, publicURL: String? = nil, limits: ConnectionLimits = ConnectionLimits(),
                tls: TLSFiles? = nil, trustedProxies: TrustedProxies = TrustedProxies(), requestThreads: Int = 16) {
        self.host = host
        self.port = port
        self.serverName = serverName
        self.logLevel = logLevel
        self.publicURL = publicURL
        self.limits = limits
        self.tls = tls
        self.trustedProxies = trustedProxies
        self.requestThreads = requestThreads
    }

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
public struct ConnectionLimits: Sendable, Equatable {
    /// A connection with no request in progress (or a request body that stopped arriving) is
    /// closed after this long.
    public var idleTimeout: Duration
    /// A request's head (request line and headers) must arrive in full within this long of its
    /// first byte, however slowly it trickles in.
    public var headerTimeout: Duration
    /// Connections open at once; past it new ones wait in the listen backlog until one closes.
    public var maxConnections: Int
    /// The largest body any route reads (a roster upload); a larger announced body is refused
    /// before it is read.
    public var maxBody: Int

    public init(idleTimeout: Duration = .seconds(30), headerTimeout: Duration = .seconds(30), maxConnections: Int = 512,
                maxBody: Int = BodyLimit.upload) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.maxConnections = maxConnections
        self.maxBody = maxBody
    }
}
