import Foundation

/// Waiting for something another process or thread does: check, wait a little, check again, up
/// to a deadline. The only waiting the tests do: a fixed sleep races a loaded 2-core machine, a
/// poll with a deadline does not.
public enum Poll {
    /// Checks `condition` every `interval` until it holds or `seconds` pass; whether it held.
    public static func until(seconds: Double, every interval: Duration = .milliseconds(20),
                             _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            if Task.isCancelled { break }
            try? await Task.sleep(for: interval)
        }
        return try await condition()
    }

    /// The same from synchronous code (a process's exit, a lock another process holds); blocks the thread.
    public static func blocking(seconds: Double, every interval: Double = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: interval)
        }
        return try condition()
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension Poll {
    /// Whether something accepts TCP connections on 127.0.0.1:`port` within `seconds` (a process
    /// the test started, binding its port).
    public static func listening(port: Int, seconds: Double) -> Bool {
        blocking(seconds: seconds) { connects(port: port) }
    }

    static func connects(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
