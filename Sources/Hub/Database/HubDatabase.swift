import Foundation
import Logging
import NIOSSL
import PostgresNIO
import _ConnectionPoolModule

/// The hub's PostgreSQL database through a postgres-nio connection pool.
///
/// The pool works only while `run()` is running in a task; `HubDatabase.using` does that around
/// one command, `HubServer` for the life of the server.
public final class HubDatabase: Sendable {
    public let url: PostgresURL
    let client: PostgresClient
    let logger: Logger

    /// `logger` also carries the pool's own messages (connection failures, retries): the CLI keeps
    /// them quiet, and says once, as a `HubError`, what went wrong.
    public init(url: PostgresURL, maximumConnections: Int = 20, logger: Logger = HubDatabase.quietLogger) {
        self.url = url
        self.logger = logger
        var configuration: PostgresClient.Configuration
        switch url.endpoint {
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        case .tcp(let host, let port):
            let tls: PostgresClient.Configuration.TLS = switch url.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
            configuration = .init(host: host, port: port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        configuration.options.maximumConnections = max(1, maximumConnections)
        // No JIT: a batch's report-state statements are planned over whole tables and crossed
        // PostgreSQL's JIT threshold, then spent half a second compiling to touch a few rows.
        configuration.options.additionalStartupParameters = [("jit", "off")]
        configuration.options.connectTimeout = .seconds(10)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    public static var quietLogger: Logger {
        var logger = Logger(label: "screenvax.hub.db")
        logger.logLevel = .critical
        return logger
    }

    /// The pool's run loop: returns when the surrounding task is cancelled.
    public func run() async { await client.run() }

    /// Opens the database for the length of `body` (one CLI command), then closes the pool.
    @discardableResult
    public static func using<T: Sendable>(_ url: PostgresURL, maximumConnections: Int = 4,
                                          _ body: @Sendable (HubDatabase) async throws -> T) async throws -> T {
        let database = HubDatabase(url: url, maximumConnections: maximumConnections)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await database.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await database.translatingErrors {
                try await database.reachable()
                return try await body(database)
            }
        }
    }

    /// One connection made outside the pool, to fail at once with PostgreSQL's own reason
    /// (wrong port, no such database, authentication) instead of the pool's minute of retries.
    public func reachable() async throws {
        var configuration: PostgresConnection.Configuration
        switch url.endpoint {
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS = switch url.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: host, port: port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PSQLError {
            if let message = error.serverInfo?[.message] { throw HubError.unreachable("\(url): \(message)") }
            throw HubError.unreachable("\(url): \(error.code)\(error.underlying.map { " (\($0))" } ?? "")")
        }
    }

    /// One transaction: COMMIT when `body` returns, ROLLBACK when it throws (its error is rethrown
    /// as is). A connection lost mid-way (the hub killed) leaves PostgreSQL to roll it back.
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// A query outside a transaction, its rows collected (small answers only: stats, lists).
    @discardableResult
    public func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query, logger: logger).collect()
    }

    /// Runs `body`, turning PostgreSQL's own errors into `HubError`s that say what to do.
    public func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as PSQLError {
            throw HubDatabase.hubError(error, url: url)
        } catch let error as HubError {
            throw error
        } catch is ConnectionPoolError {
            throw HubError.unreachable("\(url): no connection could be made")
        }
    }

    static func hubError(_ error: PSQLError, url: PostgresURL) -> HubError {
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState] ?? ""
            // 42P01 undefined_table: the schema was never made.
            if state == "42P01" { return .notMigrated }
            if state.hasPrefix("08") || state.hasPrefix("28") || state == "3D000" {
                return .unreachable("\(url): \(message)")
            }
            return .database(message)
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .sslUnsupported, .failedToAddSSLHandler, .poolClosed:
            return .unreachable("\(url): \(error.code)")
        default:
            return .database("\(error.code)")
        }
    }
}

extension PostgresConnection {
    /// A statement whose rows are not needed.
    func run(_ query: PostgresQuery, _ logger: Logger) async throws {
        try await self.query(query, logger: logger)
    }
}
