import Accounts
import Foundation
import Hummingbird

/// The clinic's route groups: the JSON API under /api/v1 and the web pages. Both authenticate
/// users themselves (a bearer session token or the session cookie), not with the shared service token.
public enum ClinicRoutes {
    /// Adds both groups to a router.
    public static func add<R: RouterMethods>(to router: R, services: ClinicServices) throws {
        router.add(ClinicAPI(services: services).routes)
        try ClinicWeb(services: services).addRoutes(to: router)
    }

    /// The group `screenvax serve` mounts. `SCREENVAX_INSECURE_COOKIES=1` drops the cookie's
    /// Secure flag, for development over plain HTTP on loopback only (served anywhere else, plain
    /// HTTP is refused or sits behind a TLS proxy, and the cookie keeps Secure).
    public static func registration(authenticator: (@Sendable (ServerEnvironment) -> Authenticator)? = nil,
                                    environment variables: [String: String] = ProcessInfo.processInfo.environment) -> RouteRegistration {
        RouteRegistration(name: "clinic") { router, env in
            let services = try ClinicServices(database: env.database, schemas: env.schemas, programmes: env.programmes, authenticator: authenticator?(env),
                                              clock: env.clock, secureCookies: !(variables["SCREENVAX_INSECURE_COOKIES"] == "1" && env.configuration.isLoopbackHTTP))
            try add(to: router, services: services)
        }
    }
}
