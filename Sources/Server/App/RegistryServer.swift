import Accounts
import Assist
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ScreenVaxCore
import Store

/// The registry's HTTP server (`screenvax serve`): `/healthz` without auth, then every route group.
public enum RegistryServer {
    /// The route groups the registry serves, in order, after the open `/healthz`: CDS Hooks
    /// (`/cds-services`, `cds` clients), the voice platform's call queue (`/api/v1/calls/...`, `voice`
    /// clients), the clinic's API under `/api/v1` and its web pages (users log in). `screenvax serve`
    /// and the tests mount the same list; a group is added with one line here.
    public static func routes(_ environment: ServerEnvironment, ai: AIConfiguration?,
                              authenticator: (@Sendable (ServerEnvironment) -> Authenticator)? = nil,
                              variables: [String: String] = ProcessInfo.processInfo.environment) throws -> [RouteRegistration] {
        let engine = AssistEngine(database: environment.database, hpvProgramme: environment.programmes.hpv,
                                  screeningProgramme: environment.programmes.screening, ai: ai, clock: environment.clock,
                                  logger: Logger(label: "screenvax.assist"))
        return [
            CDSHooksRoutes.registration(engine: engine),
            CallsRoutes.registration,
            ClinicRoutes.registration(authenticator: authenticator, environment: variables),
        ]
    }

    /// Builds the application. `onStarted` receives the bound port (useful with port 0).
    public static func makeApplication(
        environment: ServerEnvironment,
        routes: [RouteRegistration],
        onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = try makeRouter(environment: environment, routes: routes)
        var hummingbirdLogger = environment.logger
        hummingbirdLogger.logLevel = environment.configuration.logLevel
        let configuration = environment.configuration
        let limits = configuration.limits
        let http1 = HTTPServerBuilder { responder in
            HeadDeadlineChannel(base: HTTP1Channel(responder: responder,
                                                   configuration: .init(additionalChannelHandlers: [HeadWatcher()],
                                                                        idleTimeout: TimeAmount(limits.idleTimeout))),
                                headerTimeout: TimeAmount(limits.headerTimeout))
        }
        let server = try configuration.tls.map { try HTTPServerBuilder.tls(http1, tlsConfiguration: $0.configuration) } ?? http1
        return Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: configuration.serverName,
                                 availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: hummingbirdLogger)),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) },
            logger: hummingbirdLogger)
    }

    /// `/healthz` and every group's routes on one router. Refuses to start when a route would shadow
    /// another (two groups share `/api/v1/calls/...`: the voice platform's and the staff's).
    public static func makeRouter(environment: ServerEnvironment, routes: [RouteRegistration]) throws -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
        // Before the edge: it never waits for a request thread or the database.
        router.get("healthz") { _, _ in
            JSONAnswer.ok("{\"status\":\"ok\"}")
        }
        router.add(middleware: EdgeMiddleware(work: environment.work, proxies: environment.configuration.trustedProxies,
                                              maxBody: environment.configuration.limits.maxBody))
        for route in routes {
            try route.register(router, environment)
        }
        MethodNotAllowed.register(on: router)
        try router.validate()
        return router
    }

    /// Runs until cancelled (tests) or, with `stopOnSignals`, until SIGTERM/SIGINT (the CLI),
    /// finishing the requests in flight before it returns; the request threads stop after it.
    public static func run(
        environment: ServerEnvironment,
        routes: [RouteRegistration],
        stopOnSignals: Bool = false,
        onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = try makeApplication(environment: environment, routes: routes, onStarted: onStarted)
        environment.work.start()
        do {
            try await app.runService(gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [])
        } catch {
            await environment.work.shutdown()
            throw error
        }
        await environment.work.shutdown()
    }
}
