import Foundation
import GRDB
import ScreenVaxCore

#if canImport(Glibc)
import Glibc
#endif

/// The registry's one SQLite file: a WAL pool with foreign keys on and a busy timeout,
/// migrated to the latest schema when opened.
///
/// Every command that writes calls `write(_:)` once, so its changes land together or not at all.
public final class RegistryDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String
    public let migrations: Migrations

    public static let defaultPath = "./screenvax.sqlite"

    /// Resolves the database path: `--db`, then `SCREENVAX_DB`, then `./screenvax.sqlite`.
    public static func path(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["SCREENVAX_DB"], !env.isEmpty { return env }
        return defaultPath
    }

    /// How long the command line waits for another process's write lock before `StoreError.busy`.
    public static let commandBusyTimeout: TimeInterval = 10
    /// How long the server waits: a request answers "busy, try again" soon rather than holding a
    /// thread while a CLI import commits.
    public static let serverBusyTimeout: TimeInterval = 2

    /// - Parameter memoryMapped: read pages through a memory map (a long-running server that scans a
    ///   county's girls on every cold work list) instead of copying each page out of the OS cache.
    ///   Off for the command line: mapped pages count as resident memory, and a province scan would
    ///   show all of them in the command's peak.
    /// - Parameter busyTimeout: seconds to wait for another connection's lock before giving up with
    ///   `StoreError.busy`.
    public init(path: String, migrations: Migrations, memoryMapped: Bool = false,
                busyTimeout: TimeInterval = RegistryDatabase.commandBusyTimeout) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(max(0, busyTimeout))
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache: a province roster's indexes fit, so one big import does not
            // spill pages to the WAL over and over (SQLite's default is 2 MiB).
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if memoryMapped { try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        }
        RegistryDatabase.createPrivately(path)
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError where RegistryDatabase.isBusy(error) {
            throw StoreError.busy
        } catch {
            throw StoreError.cannotOpen(path: path, reason: RegistryDatabase.reason(error))
        }
        self.path = path
        self.migrations = migrations
        try RegistryDatabase.mappingBusy { try migrations.apply(to: pool) }
    }

    /// Opens the database with the migrations found in `schemas/sql`.
    public convenience init(path: String, schemas: URL, memoryMapped: Bool = false,
                            busyTimeout: TimeInterval = RegistryDatabase.commandBusyTimeout) throws {
        try self.init(path: path, migrations: Migrations.load(from: schemas.appendingPathComponent("sql")),
                      memoryMapped: memoryMapped, busyTimeout: busyTimeout)
    }

    /// Creates a new database file as 0600 before SQLite opens it: SQLite gives the -wal and -shm
    /// files the main file's mode, so none of the three is readable by others, whatever the umask.
    static func createPrivately(_ path: String) {
        guard !path.isEmpty, !path.hasPrefix(":"), !path.hasPrefix("file:") else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
    }

    /// SQLITE_BUSY (another connection holds the lock past the timeout, or a snapshot went stale)
    /// and SQLITE_LOCKED (a conflict inside one connection's shared cache) both mean "try again".
    static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    static func mappingBusy<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError where isBusy(error) {
            throw StoreError.busy
        }
    }

    static func reason(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return "\(error)"
    }

    /// Runs `body` in one write transaction; it commits when `body` returns and rolls back when it throws.
    public func write<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        try RegistryDatabase.mappingBusy { try pool.write(body) }
    }

    /// Runs `body` in a transaction that is always rolled back: a dry run sees its own writes.
    public func dryRun<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        try RegistryDatabase.mappingBusy {
            try pool.writeWithoutTransaction { db in
                var result: Result<T, any Error> = .failure(StoreError.busy)
                try db.inTransaction(.immediate) {
                    result = Result { try body(db) }
                    return .rollback
                }
                return try result.get()
            }
        }
    }

    public func read<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        try RegistryDatabase.mappingBusy { try pool.read(body) }
    }

    /// Schema version and row counts, for `screenvax db info`.
    public func info() throws -> DatabaseInfo {
        try pool.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
                """)
            var counts: [DatabaseInfo.TableCount] = []
            for table in tables {
                let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
                counts.append(.init(table: table, rows: n))
            }
            let applied = try DatabaseMigrator().appliedIdentifiers(db)
            let version = applied.compactMap { Int($0.prefix(while: { $0.isNumber })) }.max() ?? 0
            let journal = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            let sqlite = try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? ""
            return DatabaseInfo(path: path, schemaVersion: version, latestKnown: migrations.latest,
                                journalMode: journal, sqliteVersion: sqlite, tables: counts, outbox: try OutboxSize.read(db))
        }
    }
}

/// What `screenvax db info` shows.
public struct DatabaseInfo: Encodable, Sendable {
    public struct TableCount: Encodable, Sendable {
        public let table: String
        public let rows: Int
    }
    public let path: String
    public let schemaVersion: Int
    public let latestKnown: Int
    public let journalMode: String
    public let sqliteVersion: String
    public let tables: [TableCount]
    public let outbox: OutboxSize
}
