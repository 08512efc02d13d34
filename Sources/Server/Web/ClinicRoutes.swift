import Hummingbird
import Logging

/// The clinic's route groups: the JSON API under /api/v1 and the web pages.
public enum ClinicRoutes {
    /// Adds both groups to a router; the server calls this from its route-group extension point.
    public static func add<R: RouterMethods>(to router: R, services: ClinicServices) throws {
        router.add(ClinicAPI(services: services).routes)
        try ClinicWeb(services: services).addRoutes(to: router)
    }

    /// Runs a server with only the clinic routes until cancelled (tests) or, with `signals`, until
    /// SIGTERM/SIGINT. `onStarted` gets the bound port (0 asks the system for a free one).
    public static func run(services: ClinicServices, host: String = "127.0.0.1", port: Int = 0, signals: Bool = false,
                           logLevel: Logger.Level = .warning, onStarted: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "screenvax.clinic")
        logger.logLevel = logLevel
        let router = Router()
        try add(to: router, services: services)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "screenvax"),
                              onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) }, logger: logger)
        if signals { try await app.runService() } else { try await app.runService(gracefulShutdownSignals: []) }
    }
}
