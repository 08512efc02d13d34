import Foundation

/// Runs blocking work (libcurl, SQLite) on a thread of its own and hands the result back to
/// async code, so the cooperative pool (which also runs any in-process server) never blocks.
public enum PushThread {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
