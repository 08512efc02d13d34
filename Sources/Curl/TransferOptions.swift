import ScreenVaxMacros

/// How one easy handle talks to its server. Timeouts are always set (libcurl's defaults are
/// "never" for the whole transfer and 300 s for the connect) and TLS verification cannot be
/// turned off: there is no option for it.
@PublicInit
public struct TransferOptions: Sendable, Equatable {
    /// Seconds to establish the TCP + TLS connection.
    public var connectTimeout: Double = 10
    /// Seconds for the whole request, upload and answer included.
    public var totalTimeout: Double = 60
    /// A transfer slower than `lowSpeedBytes` per second for `lowSpeedSeconds` is a stalled link.
    public var lowSpeedBytes: Int = 1
    public var lowSpeedSeconds: Int = 30
    /// PEM bundle of the CAs that may sign the server's certificate (`--cacert`); nil: the system store.
    public var caFile: String?
    /// PEM client certificate and key for mutual TLS.
    public var clientCertificate: String?
    public var clientKey: String?
}
