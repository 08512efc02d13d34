import Hummingbird
import NIOCore

/// The network address a request came from, for throttling logins per client as well as per
/// username. The edge middleware works it out once per request (through a trusted proxy's
/// `X-Forwarded-For` when `serve` is behind one) and sets it here and on the context.
enum ClientAddress {
    @TaskLocal static var current: String?

    static func of(_ context: some RequestContext) -> String? {
        if let context = context as? AppRequestContext, let address = context.clientAddress { return address }
        return (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress
    }
}
