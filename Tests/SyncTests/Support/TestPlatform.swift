import Foundation
import Hub
import PostgresTestSupport
import ScreenVaxCore
import ScreenVaxTestSupport

/// The provincial hub running in this process on 127.0.0.1, on a port the system picks, with a
/// database of its own on the run's throwaway PostgreSQL cluster; county 360102 pushes to it.
final class TestPlatform: Sendable {
    static let token = "test-token-1b7f-0123456789abcdef0123456789abcdef"
    static let county = "360102"
    let receiver: HubServer
    let port: Int
    private let task: Task<Void, any Error>

    private init(receiver: HubServer, port: Int, task: Task<Void, any Error>) {
        self.receiver = receiver
        self.port = port
        self.task = task
    }

    static func start(folder: TempFolder, faults: FaultPlan = FaultPlan(), port: Int = 0) async throws -> TestPlatform {
        let cluster = try PostgresCluster.shared.get()
        let url = try PostgresURL(cluster.url(try await cluster.makeDatabase()))
        let database = HubDatabase(url: url, maximumConnections: 16)
        try await HubDatabase.using(url, maximumConnections: 2) { setup in
            _ = try await HubMigrations.load(schemas: schemasURL).apply(to: setup)
            try await CountyTokens.add(code: county, token: token, divisions: try Divisions.load(schemas: schemasURL), database: setup)
        }
        let receiver = HubServer(configuration: .init(port: port, faults: faults, logLevel: .critical), database: database,
                                 schemas: try SyncSchemas(directory: schemasURL.appendingPathComponent("sync")),
                                 programmes: try HubProgrammes.load(schemas: schemasURL))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await receiver.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else { throw CancellationError() }
        return TestPlatform(receiver: receiver, port: bound, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    func stats() async throws -> HubStats { try await HubStats.read(receiver.database) }

    /// Every stored record version as "uuid#version".
    func stored() async throws -> Set<String> {
        var out = Set<String>()
        for row in try await receiver.database.rows("SELECT uuid, version FROM hub_record_versions") {
            let (uuid, version) = try row.decode((String, Int).self)
            out.insert("\(uuid)#\(version)")
        }
        return out
    }
}
