import ScreenVaxMacros

/// A transfer that got no HTTP answer, sorted by what the caller should do about it.
@PublicInit
public struct CurlError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// Certificate verification, handshake, client certificate: a configuration problem or an
        /// interception; retrying cannot help.
        case tls
        /// Could not resolve or connect: the platform or the network is down; retry later.
        case connect
        /// The connect or total timeout, or a stalled link.
        case timeout
        /// The connection broke while sending or receiving.
        case network
        /// Bad URL, unsupported protocol, an option libcurl refused: fix the configuration.
        case setup
    }

    public let kind: Kind
    /// libcurl's CURLcode.
    public let code: Int
    /// libcurl's own words (the error buffer); never holds the request's headers or body.
    public let detail: String

    public var isRetryable: Bool { kind == .connect || kind == .timeout || kind == .network }

    public var description: String {
        switch kind {
        case .tls:
            "TLS failed (curl \(code)): \(detail); check --cacert (the CA that signed the platform's certificate) and --cert/--key (the clinic's client certificate); verification is never switched off"
        case .connect: "cannot connect (curl \(code)): \(detail)"
        case .timeout: "timed out (curl \(code)): \(detail)"
        case .network: "the connection broke (curl \(code)): \(detail)"
        case .setup: "transfer setup failed (curl \(code)): \(detail)"
        }
    }

    /// Sorts a CURLcode; `detail` decides between a broken connection and a TLS alert, which
    /// OpenSSL reports after the handshake as a receive error (e.g. "certificate required").
    public static func kind(code: Int, detail: String) -> Kind {
        switch code {
        case 35, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98: return .tls
        case 5, 6, 7: return .connect
        case 28: return .timeout
        case 52, 55, 56, 16, 18, 92:
            let lower = detail.lowercased()
            if lower.contains("alert") || lower.contains("certificate") { return .tls }
            return .network
        default: return .setup
        }
    }
}
