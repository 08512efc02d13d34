import Logging

/// How `screenvax serve` listens. The token is held only to be compared with what clients send:
/// it is never part of a description or a log line.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `onStarted` tells which.
    public var port: Int
    public var token: String
    public var serverName: String
    /// Hummingbird's own log level; tests raise it so stopping by cancellation stays quiet.
    public var logLevel: Logger.Level
    /// A clinic system whose signed JWTs the CDS Hooks endpoints accept beside the token.
    public var cdsClient: CDSClientTrust?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String, serverName: String = "screenvax",
                logLevel: Logger.Level = .info, cdsClient: CDSClientTrust? = nil) {
        self.host = host
        self.port = port
        self.token = token
        self.serverName = serverName
        self.logLevel = logLevel
        self.cdsClient = cdsClient
    }
}
