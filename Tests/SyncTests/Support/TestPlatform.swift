import Foundation
import Server

/// The platform receiver running in this process on 127.0.0.1, on a port the system picks.
final class TestPlatform: Sendable {
    static let token = "test-token-1b7f-5d0c8a7e93f2460b9c1d"
    let receiver: PlatformReceiver
    let port: Int
    private let task: Task<Void, any Error>

    private init(receiver: PlatformReceiver, port: Int, task: Task<Void, any Error>) {
        self.receiver = receiver
        self.port = port
        self.task = task
    }

    static func start(folder: TempFolder, faults: FaultPlan = FaultPlan(), port: Int = 0) async throws -> TestPlatform {
        let receiver = PlatformReceiver(
            configuration: .init(port: port, token: token, faults: faults, logLevel: .critical),
            database: try ReceiverDatabase(path: folder.path("platform-\(UUID().uuidString.prefix(6)).sqlite"), schemas: schemasURL),
            schemas: try SyncSchemas(directory: schemasURL.appendingPathComponent("sync")))
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

    func stats() throws -> ReceiverStats { try receiver.database.stats() }
    /// Every stored record version as "uuid#version".
    func stored() throws -> Set<String> { try receiver.database.storedVersions() }
}
