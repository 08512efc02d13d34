import Foundation
import Logging
import PostgresNIO

/// The hub's numbered migrations in `Schemas/sql/hub/` (`0001_ingest.sql`, …), applied in order,
/// each in its own transaction, recorded in `hub_schema_migrations`.
///
/// Two `hub migrate` runs at once are serialised by an advisory lock, so each file runs once.
public struct HubMigrations: Sendable {
    public struct Step: Sendable {
        public let number: Int
        public let name: String
        public let statements: [String]
    }

    public let steps: [Step]
    public var latest: Int { steps.last?.number ?? 0 }

    /// An arbitrary constant: the advisory lock key of `hub migrate`.
    static let lockKey = 7_261_016

    public static func load(schemas: URL) throws(HubError) -> HubMigrations {
        let folder = schemas.appendingPathComponent("sql/hub")
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        } catch {
            throw .migration(file: folder.path, reason: "the folder cannot be read")
        }
        var steps: [Step] = []
        for file in files {
            guard let number = Int(file.prefix(while: \.isNumber)), number > 0 else {
                throw .migration(file: file, reason: "migration files are named NNNN_name.sql")
            }
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else {
                throw .migration(file: file, reason: "the file cannot be read as UTF-8")
            }
            steps.append(Step(number: number, name: String(file.dropLast(4)), statements: SQLScript.statements(text)))
        }
        guard Set(steps.map(\.number)).count == steps.count else {
            throw .migration(file: folder.path, reason: "two migrations share a number")
        }
        return HubMigrations(steps: steps.sorted { $0.number < $1.number })
    }

    /// Applies what is missing; returns the names applied now (empty when up to date).
    public func apply(to database: HubDatabase) async throws -> [String] {
        let logger = database.logger
        try await database.rows("""
            CREATE TABLE IF NOT EXISTS hub_schema_migrations (
                number integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """)
        var applied: [String] = []
        for step in steps {
            let done = try await database.transaction { connection -> Bool in
                try await connection.run("SELECT pg_advisory_xact_lock(\(HubMigrations.lockKey))", logger)
                let rows = try await connection.query("SELECT 1 FROM hub_schema_migrations WHERE number = \(step.number)", logger: logger).collect()
                if !rows.isEmpty { return false }
                for (i, statement) in step.statements.enumerated() {
                    do {
                        try await connection.run(PostgresQuery(unsafeSQL: statement), logger)
                    } catch let error as PSQLError {
                        throw HubError.migration(file: step.name + ".sql",
                                                 reason: "statement \(i + 1): \(error.serverInfo?[.message] ?? "\(error.code)")")
                    }
                }
                try await connection.run("INSERT INTO hub_schema_migrations (number, name) VALUES (\(step.number), \(step.name))", logger)
                return true
            }
            if done { applied.append(step.name) }
        }
        let newest = try await version(of: database)
        if newest > latest { throw HubError.newerSchema(found: newest, known: latest) }
        return applied
    }

    /// The number of the last migration applied (0 for a database never migrated).
    public static func version(of database: HubDatabase) async throws -> Int {
        let rows = try await database.rows("""
            SELECT coalesce(max(number), 0) FROM hub_schema_migrations
            """)
        return try rows.first?.decode(Int.self) ?? 0
    }

    func version(of database: HubDatabase) async throws -> Int { try await HubMigrations.version(of: database) }

    /// Refuses to run against a database that `hub migrate` has not brought up to date.
    public func check(_ database: HubDatabase) async throws {
        let found = try await HubMigrations.version(of: database)
        if found == 0 { throw HubError.notMigrated }
        if found < latest {
            throw HubError.migration(file: "Schemas/sql/hub", reason: "the database is at \(found), this program needs \(latest); run screenvax hub migrate")
        }
        if found > latest { throw HubError.newerSchema(found: found, known: latest) }
    }
}
