import ArgumentParser
import Foundation
import Hub
import Logging
import ScreenVaxCore

/// `hub serve`: every county's sync lands here (`POST /api/v1/batches`).
struct HubServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive every county's sync at POST /api/v1/batches; each county reads its conflicts at GET /api/v1/conflicts.",
        discussion: """
            Plain HTTP: on an address other than loopback the hub must sit behind a TLS reverse proxy \
            (--behind-proxy), since batches carry full resident IDs. SIGTERM or SIGINT stops it after the \
            requests in flight; a batch cut off by a crash is rolled back and the county sends it again.
            """)
    @OptionGroup var hub: HubOptions
    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port: Int
    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"
    @Flag(name: .customLong("behind-proxy"), help: "Allow a non-loopback --host: a TLS reverse proxy stands in front.")
    var behindProxy = false
    @Option(name: .customLong("max-connections"), help: "PostgreSQL connections in the pool (default 16).")
    var maxConnections = 16

    // Fault injection for the sync tests and demos; not for a real hub.
    @Option(name: .customLong("fail-rate"), help: .hidden) var failRate: Double = 0
    @Option(name: .customLong("fail-first"), help: .hidden) var failFirst: Int = 0
    @Option(name: .customLong("fail-mode"), help: .hidden) var failMode: String = "500,503,429,drop"
    @Option(name: .customLong("retry-after"), help: .hidden) var retryAfter: Int = 1
    @Option(name: .customLong("delay-ms"), help: .hidden) var delayMs: Int = 0
    @Option(name: .customLong("hold-ms"), help: .hidden) var holdMs: Int = 0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port is 0 to 65535") }
        guard (1...200).contains(maxConnections) else { throw ValidationError("--max-connections is 1 to 200") }
        guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate is a share from 0 to 1") }
        guard (0...100_000).contains(failFirst), (0...3600).contains(retryAfter), (0...600_000).contains(delayMs),
              (0...600_000).contains(holdMs) else { throw ValidationError("a fault option is out of range") }
        for mode in failMode.split(separator: ",") where FaultPlan.Fault(rawValue: String(mode)) == nil {
            throw ValidationError("--fail-mode: unknown fault \(mode); use 500, 503, 429 or drop")
        }
        if !behindProxy && !["127.0.0.1", "localhost", "::1"].contains(host) {
            throw ValidationError("--host \(host) is not loopback: put the hub behind a TLS reverse proxy and add --behind-proxy")
        }
    }

    func run() async throws {
        HubLogging.bootstrap()
        let url = try hub.url()
        let schemas = try SchemasDirectory.locate()
        let faults = FaultPlan(failRate: failRate, failFirst: failFirst,
                               faults: failMode.split(separator: ",").compactMap { FaultPlan.Fault(rawValue: String($0)) },
                               retryAfter: retryAfter, delayMilliseconds: delayMs, holdMilliseconds: holdMs)
        let migrations = try HubMigrations.load(schemas: schemas)
        let maxConnections = self.maxConnections
        try await HubDatabase.using(url) { try await migrations.check($0) }
        let database = HubDatabase(url: url, maximumConnections: maxConnections)
        let server = HubServer(configuration: .init(host: host, port: port, faults: faults),
                               database: database, schemas: try SyncSchemas(directory: schemas.appendingPathComponent("sync")),
                               programmes: try HubProgrammes.load(schemas: schemas))
        let host = self.host
        try await database.translatingErrors {
            try await server.run(stopOnSignals: true) { port in
                // Unbuffered, so a script reading the port sees the line at once.
                FileHandle.standardOutput.write(Data("hub listening on http://\(host):\(port)/api/v1/batches\n".utf8))
            }
        }
    }
}

/// swift-log to stderr, level from SCREENVAX_LOG_LEVEL (default info). The hub logs counts,
/// counties and errors; never a token or a record.
enum HubLogging {
    private static let once: Void = {
        let level = ProcessInfo.processInfo.environment["SCREENVAX_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()

    static func bootstrap() { _ = once }
}
