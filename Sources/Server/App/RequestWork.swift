import Dispatch
import NIOPosix

/// The threads every request's handler runs on: a dedicated `NIOThreadPool` offered to Swift
/// concurrency as a task executor. Handlers block (SQLite waits for a lock, bcrypt, a county's
/// forecast); on Swift's cooperative pool, a few such requests would stall every other task of the
/// process, `/healthz` included. Here they hold only one of these threads while they block, and the
/// event loops and the cooperative pool stay free. An `await` inside a handler (reading the body)
/// gives its thread back until it resumes.
///
/// Started by `RegistryServer.run` with the server and shut down after it stops.
public final class RequestWork: TaskExecutor, @unchecked Sendable {
    // @unchecked: NIOThreadPool is thread-safe; the rest is immutable.
    private let pool: NIOThreadPool
    public let threads: Int

    public init(threads: Int) {
        self.threads = threads
        pool = NIOThreadPool(numberOfThreads: threads)
    }

    func start() { pool.start() }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    /// Runs `body` with its synchronous parts on these threads (child tasks too).
    public func run<T>(_ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(self, operation: body)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { state in
            switch state {
            case .active:
                job.runSynchronously(on: executor)
            case .cancelled:
                // Not started or already stopped (a router built without a running server): a job
                // must still run exactly once, so it goes to a Dispatch thread instead.
                DispatchQueue.global().async { job.runSynchronously(on: executor) }
            }
        }
    }
}
