import Foundation
import Hub
import PostgresTestSupport
import ScreenVaxCore
import ScreenVaxTestSupport

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL
typealias TempFolder = ScreenVaxTestSupport.TempFolder

/// A hub database of its own on the run's cluster, migrated, with counties registered; and, once
/// `start` is called, the hub server on 127.0.0.1 in this process.
final class TestHub: Sendable {
    let name: String
    let url: PostgresURL
    let database: HubDatabase
    private let pool: Task<Void, Never>

    /// Each county's token (long and random, as `county add` requires).
    static func token(_ county: String) -> String { "token-\(county)-0123456789abcdef0123456789abcdef" }

    static func make(counties: [String] = ["360102", "360103"]) async throws -> TestHub {
        let cluster = try PostgresCluster.shared.get()
        let name = try await cluster.makeDatabase()
        let hub = TestHub(name: name, url: try PostgresURL(cluster.url(name)))
        let migrations = try HubMigrations.load(schemas: schemasURL)
        _ = try await migrations.apply(to: hub.database)
        let divisions = try Divisions.load(schemas: schemasURL)
        for county in counties {
            try await CountyTokens.add(code: county, token: token(county), divisions: divisions, database: hub.database)
        }
        return hub
    }

    private init(name: String, url: PostgresURL) {
        self.name = name
        self.url = url
        let database = HubDatabase(url: url, maximumConnections: 4)
        self.database = database
        pool = Task { await database.run() }
    }

    deinit { pool.cancel() }

    /// The hub server in this process, on a port the system picks.
    func start(faults: FaultPlan = FaultPlan()) async throws -> RunningHub {
        let database = HubDatabase(url: url, maximumConnections: 16)
        let server = HubServer(configuration: .init(port: 0, faults: faults, logLevel: .critical), database: database,
                               schemas: try SyncSchemas(directory: schemasURL.appendingPathComponent("sync")),
                               programmes: try HubProgrammes.load(schemas: schemasURL))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else { throw CancellationError() }
        return RunningHub(server: server, port: bound, task: task)
    }

    func stats() async throws -> HubStats { try await HubStats.read(database) }

    /// One column of one query, as text (tests read what the hub stored).
    func strings(_ sql: String) async throws -> [String] {
        try await database.rows(.init(unsafeSQL: sql)).map { try $0.decode(String?.self) ?? "NULL" }
    }

    func count(_ sql: String) async throws -> Int {
        try await database.rows(.init(unsafeSQL: sql)).first?.decode(Int.self) ?? -1
    }
}

/// A hub server running in this process.
final class RunningHub: Sendable {
    let server: HubServer
    let port: Int
    private let task: Task<Void, any Error>

    init(server: HubServer, port: Int, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.task = task
    }

    var endpoint: String { "http://127.0.0.1:\(port)/api/v1/batches" }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
