import Hummingbird
import Logging
import ScreenVaxCore
import Store

/// The registry's HTTP server (`screenvax serve`): `/healthz` without auth, then every route group.
public enum RegistryServer {
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
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: configuration.serverName),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) },
            logger: hummingbirdLogger)
    }

    /// `/healthz` and every group's routes on one router. Refuses to start when a route would shadow
    /// another (two groups share `/api/v1/calls/...`: the voice platform's and the staff's).
    public static func makeRouter(environment: ServerEnvironment, routes: [RouteRegistration]) throws -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.get("healthz") { _, _ in
            JSONAnswer.ok("{\"status\":\"ok\"}")
        }
        for route in routes {
            try route.register(router, environment)
        }
        try router.validate()
        return router
    }

    /// Runs until cancelled (tests) or, with `stopOnSignals`, until SIGTERM/SIGINT (the CLI),
    /// finishing the requests in flight before it returns.
    public static func run(
        environment: ServerEnvironment,
        routes: [RouteRegistration],
        stopOnSignals: Bool = false,
        onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = try makeApplication(environment: environment, routes: routes, onStarted: onStarted)
        if stopOnSignals {
            try await app.runService()
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
    }
}
