import ScreenVaxCore

/// What stops `screenvax serve` from starting: its listening and TLS settings.
public enum ServeSetupError: UserError, Equatable {
    case tlsFile(path: String, reason: String)
    case tlsIncomplete
    case plainHTTPOnPublicHost(String)
    case proxyAddress(String)
    case proxiesWithoutBehindProxy

    public var code: String {
        switch self {
        case .tlsFile: "tls_file"
        case .tlsIncomplete: "tls_incomplete"
        case .plainHTTPOnPublicHost: "plain_http_public"
        case .proxyAddress: "proxy_address"
        case .proxiesWithoutBehindProxy: "proxy_without_behind_proxy"
        }
    }

    public var message: String {
        switch self {
        case .tlsFile(let path, let reason):
            "cannot use \(path) for TLS: \(reason); give a PEM certificate chain (--tls-cert) and its PEM private key (--tls-key)"
        case .tlsIncomplete:
            "--tls-cert and --tls-key go together: give both"
        case .plainHTTPOnPublicHost(let host):
            "--host \(host) is reachable from other machines, and plain HTTP would carry passwords and session cookies in clear; "
                + "serve HTTPS with --tls-cert and --tls-key, or put a TLS proxy in front and say so with --behind-proxy"
        case .proxyAddress(let text):
            "--trusted-proxy \"\(text)\" is not an IP address; give the proxy's address as it connects (e.g. 127.0.0.1)"
        case .proxiesWithoutBehindProxy:
            "--trusted-proxy needs --behind-proxy"
        }
    }
}
