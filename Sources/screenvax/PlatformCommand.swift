import ArgumentParser
import Foundation
import ScreenVaxCore
import Server
import Sync

/// The provincial platform's receiver, for tests and demos.
struct PlatformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform", abstract: "A stand-in provincial platform: receive batches, show what arrived.",
        subcommands: [Serve.self, Stats.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive batches at POST /api/v1/batches (HTTP on 127.0.0.1), with optional injected faults.")
        @Option(help: "Port to listen on (0: any free port, printed at start).")
        var port: Int
        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"
        @Option(help: "The receiver's own SQLite file (not the registry's).")
        var db: String
        @Option(name: .customLong("token-file"), help: "File holding the bearer token clients must send.")
        var tokenFile: String
        @Option(name: .customLong("fail-rate"), help: "Share of requests (0 to 1) answered with a fault.")
        var failRate: Double = 0
        @Option(name: .customLong("fail-first"), help: "Fail the first N requests whatever the rate.")
        var failFirst: Int = 0
        @Option(name: .customLong("fail-mode"), help: "Faults to draw from, comma-separated: 500, 503, 429, drop (default: all).")
        var failMode: String = "500,503,429,drop"
        @Option(name: .customLong("retry-after"), help: "Seconds announced in Retry-After on 503 and 429.")
        var retryAfter: Int = 1
        @Option(name: .customLong("delay-ms"), help: "Delay added to every request, in milliseconds.")
        var delayMs: Int = 0

        func validate() throws {
            guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate is a share from 0 to 1") }
            guard (0...65535).contains(port) else { throw ValidationError("--port is 0 to 65535") }
            for mode in failMode.split(separator: ",") where FaultPlan.Fault(rawValue: String(mode)) == nil {
                throw ValidationError("--fail-mode: unknown fault \(mode); use 500, 503, 429 or drop")
            }
        }

        func run() async throws {
            let token = try SyncSettings.readToken(file: tokenFile)
            let schemas = try SchemasDirectory.locate()
            let faults = FaultPlan(failRate: failRate, failFirst: failFirst,
                                   faults: failMode.split(separator: ",").compactMap { FaultPlan.Fault(rawValue: String($0)) },
                                   retryAfter: retryAfter, delayMilliseconds: delayMs)
            let receiver = PlatformReceiver(
                configuration: .init(host: host, port: port, token: token, faults: faults),
                database: try ReceiverDatabase(path: db, schemas: schemas),
                schemas: try SyncSchemas(directory: schemas.appendingPathComponent("sync")))
            let host = self.host
            try await receiver.run(stopOnSignals: true) { port in
                // Unbuffered, so a script reading the port sees the line at once.
                FileHandle.standardOutput.write(Data("platform listening on http://\(host):\(port)/api/v1/batches\n".utf8))
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How many record versions arrived, distinct and duplicate.")
        @Option(help: "The receiver's SQLite file.")
        var db: String
        @OptionGroup var output: FormatOption

        func run() async throws {
            let stats = try ReceiverDatabase(path: db, schemas: SchemasDirectory.locate()).stats()
            if output.format == .json { return try JSONOutput.print(stats) }
            let rows = [["received", stats.received], ["distinct", stats.distinct], ["duplicates_dropped", stats.duplicatesDropped],
                        ["rejected", stats.rejected], ["replayed_batches", stats.replayedBatches]].map { ["\($0[0])", "\($0[1])"] }
            print(Listing(columns: ["count", "value"], rows: rows).render(output.format), terminator: "")
        }
    }
}
