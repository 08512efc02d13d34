import Logging

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

    public init(host: String = "127.0.0.1", port: Int = 8080, serverName: String = "screenvax",
                logLevel: Logger.Level = .info, publicURL: String? = nil) {
        self.host = host
        self.port = port
        self.serverName = serverName
        self.logLevel = logLevel
        self.publicURL = publicURL
    }

    /// `aud` of a CDS client JWT is this plus the path called.
    public var publicBaseURL: String { publicURL ?? "http://\(host):\(port)" }
}
