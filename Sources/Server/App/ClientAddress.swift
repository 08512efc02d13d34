import Hummingbird
import NIOCore

/// The network address a request came from, for throttling logins per client as well as per
/// username. JSON API handlers see it through a task-local set around each route.
enum ClientAddress {
    @TaskLocal static var current: String?

    static func of(_ context: some RequestContext) -> String? {
        (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress
    }
}
