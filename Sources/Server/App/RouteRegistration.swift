import Accounts
import Foundation
import Hummingbird
import Logging
import ScreenVaxCore
import Store

/// What a route group gets to work with when it registers its routes.
public struct ServerEnvironment: Sendable {
    public let configuration: ServerConfiguration
    public let database: RegistryDatabase
    /// The Schemas folder (programme files, JSON Schemas), as the CLI found it.
    public let schemas: URL
    /// The programme files, read and checked once at start.
    public let programmes: Programmes
    /// "Today" comes from here (SCREENVAX_TODAY pins it in tests and training databases).
    public let clock: Clock
    public let logger: Logger
    /// The threads handlers run on (every route registered through `RegistryServer` already runs
    /// there); started and stopped by `RegistryServer.run`.
    public let work: RequestWork

    public init(configuration: ServerConfiguration, database: RegistryDatabase, schemas: URL, clock: Clock = .system,
                logger: Logger) throws {
        self.configuration = configuration
        self.database = database
        self.schemas = schemas
        self.programmes = try Programmes.load(schemas: schemas)
        self.clock = clock
        self.logger = logger
        self.work = RequestWork(threads: configuration.requestThreads)
    }

    /// The check for API clients of one scope; put it on your group
    /// (`router.group(...).add(middleware: env.bearer(.voice))`).
    public func bearer(_ scope: ClientScope) -> BearerTokenMiddleware {
        BearerTokenMiddleware(database: database, scope: scope)
    }
}

/// One group of routes the registry server serves (CDS Hooks, the call queue, the web app...).
///
/// The server adds `/healthz` (open) and then calls each registration in order with the router:
/// a group adds its own paths and its own middleware on its own `router.group(...)` (most take
/// `environment.bearer(scope)`; a session check of the web app would be another middleware). Middleware
/// added to the router itself applies only to routes registered after it, so keep it on groups.
///
///     RouteRegistration(name: "calls") { router, env in
///         let api = router.group("api/v1/calls").add(middleware: env.bearer(.voice))
///         api.get("next") { request, context in ... }
///     }
public struct RouteRegistration: Sendable {
    public let name: String
    public let register: @Sendable (Router<AppRequestContext>, ServerEnvironment) throws -> Void

    public init(name: String, register: @escaping @Sendable (Router<AppRequestContext>, ServerEnvironment) throws -> Void) {
        self.name = name
        self.register = register
    }
}
