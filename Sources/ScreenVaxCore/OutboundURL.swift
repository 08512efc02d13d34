import Foundation

/// Where the registry may send health data: https anywhere, plain http only to this machine
/// (tests, a model or receiver on loopback). Sync and the AI adapter both apply it; each says
/// the problem in its own words.
public enum OutboundURL {
    public enum Problem: Sendable, Equatable {
        /// Not a URL with a scheme and a host.
        case notAURL
        /// Plain http (or another scheme) to a host that is not loopback.
        case insecure
    }

    public static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// nil when `text` may be used as is.
    public static func problem(_ text: String) -> Problem? {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
              let host = url.host, !host.isEmpty
        else { return .notAURL }
        let loopback = loopbackHosts.contains(host.lowercased())
        return scheme == "https" || (scheme == "http" && loopback) ? nil : .insecure
    }
}
