import Foundation
import Hub
import PostgresNIO

/// A throwaway PostgreSQL cluster for this test run: `initdb` into a temporary folder as the
/// `postgres` user (PostgreSQL refuses to run as root), `pg_ctl` on a free port with its socket in
/// that folder. A watchdog shell stops it and removes the folder when the test process ends,
/// however it ends. Each test takes a database of its own, so tests run in parallel.
public final class PostgresCluster: Sendable {
    public static let shared: Result<PostgresCluster, any Error> = {
        do { return .success(try PostgresCluster()) } catch { return .failure(error) }
    }()

    public struct ClusterError: Error, CustomStringConvertible {
        public let description: String
    }

    public let folder: URL
    public let port: Int
    /// The newest server binaries Debian's postgresql installed (/usr/lib/postgresql/<major>/bin).
    static let bin: String = {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let newest = versions.compactMap(Int.init).max().map(String.init) ?? "15"
        return "/usr/lib/postgresql/\(newest)/bin"
    }()

    private init() throws {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: "\(PostgresCluster.bin)/initdb") else {
            throw ClusterError(description: "PostgreSQL server binaries are missing (\(PostgresCluster.bin)); run Scripts/setup.sh")
        }
        folder = URL(fileURLWithPath: "/tmp/hubtest-\(UUID().uuidString.prefix(8))")
        port = PostgresCluster.freePort()
        let d = folder.path
        let asPostgres = getuid() == 0 ? "runuser -u postgres --" : ""
        let script = """
            set -e
            mkdir -p '\(d)' && chmod 700 '\(d)'
            \(getuid() == 0 ? "chown postgres '\(d)'" : "")
            \(asPostgres) \(PostgresCluster.bin)/initdb -D '\(d)/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >'\(d)/initdb.log' 2>&1
            \(asPostgres) \(PostgresCluster.bin)/pg_ctl -D '\(d)/data' -l '\(d)/server.log' -w -t 60 \
              -o "-p \(port) -k '\(d)' -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB -c fsync=off -c synchronous_commit=off" start >/dev/null
            """
        guard PostgresCluster.shell(script) == 0 else {
            let log = (try? String(contentsOfFile: "\(d)/server.log", encoding: .utf8)) ?? ""
            throw ClusterError(description: "could not start a PostgreSQL cluster in \(d): \(log.suffix(600))")
        }
        // The watchdog outlives a crash of the test process; it stops the cluster either way. Its
        // own descriptors are closed, so it never holds the test run's output pipe open.
        let watchdog = """
            for fd in $(seq 3 255); do eval "exec $fd>&-"; done 2>/dev/null
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(asPostgres) \(PostgresCluster.bin)/pg_ctl -D '\(d)/data' -m immediate stop >/dev/null 2>&1
            rm -rf '\(d)'
            """
        PostgresCluster.shell("setsid bash -c \(PostgresCluster.quoted(watchdog)) </dev/null >/dev/null 2>&1 &")
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A URL for `database` over TCP (what a county's operator would type).
    public func url(_ database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    /// The same database over the cluster's Unix socket.
    public func socketURL(_ database: String) -> String { "postgres://postgres@/\(database)?host=\(folder.path)&port=\(port)" }

    /// A new, empty database for one test.
    public func makeDatabase() async throws -> String {
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresURL(url("postgres"))
        try await HubDatabase.using(admin, maximumConnections: 1) { db in
            try await db.rows(.init(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        return name
    }

    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Runs a bash script through system(3), which waits on the shell itself: Foundation's
    /// Process would wait for the server started by pg_ctl too, which keeps its descriptors.
    @discardableResult
    static func shell(_ script: String) -> Int32 {
        system("bash -c \(quoted(script))")
    }
}
