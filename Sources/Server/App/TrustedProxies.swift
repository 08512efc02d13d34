import Foundation
import NIOCore

/// The reverse proxies `serve --behind-proxy --trusted-proxy ADDR` sits behind. A request from one
/// of them names its client in `X-Forwarded-For`; from any other peer that header is ignored, so a
/// client cannot pick the address its failed logins are counted against.
public struct TrustedProxies: Sendable, Equatable {
    /// Addresses in the form `SocketAddress.ipAddress` gives them.
    public let addresses: Set<String>

    public init() { addresses = [] }

    public init(_ list: [String]) throws(ServeSetupError) {
        var addresses: Set<String> = []
        for text in list {
            guard let address = TrustedProxies.normalized(text) else { throw .proxyAddress(text) }
            addresses.insert(address)
        }
        self.addresses = addresses
    }

    /// An IP address in its canonical text (`::1`, `127.0.0.1`), or nil.
    static func normalized(_ text: some StringProtocol) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        return (try? SocketAddress(ipAddress: trimmed, port: 0))?.ipAddress
    }

    /// The client's address: the peer's own, or, when the peer is a trusted proxy, the rightmost
    /// address of `X-Forwarded-For` that is not itself a trusted proxy (each proxy appends the
    /// address it was called from, so everything left of that is what the client claimed); when
    /// every address in it is a trusted proxy, the farthest of them.
    public func client(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, addresses.contains(peer), let forwardedFor, forwardedFor.utf8.count <= 2048 else { return peer }
        var farthest = peer
        for hop in forwardedFor.split(separator: ",").reversed() {
            guard let address = TrustedProxies.normalized(hop) else { return farthest }
            if !addresses.contains(address) { return address }
            farthest = address
        }
        return farthest
    }
}
