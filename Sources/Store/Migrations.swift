import Foundation
import GRDB
import ScreenVaxCore

/// The numbered migrations in `Schemas/sql/` (`0001_core.sql`, `0002_hpv.sql`, ...), applied in
/// order, each in its own transaction. The schema version is the number of the last one applied.
public struct Migrations: Sendable {
    public struct Step: Sendable {
        public let number: Int
        public let name: String
        public let sql: String
    }

    public let steps: [Step]

    public init(steps: [Step]) { self.steps = steps.sorted { $0.number < $1.number } }

    public static func load(from directory: URL) throws -> Migrations {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        var steps: [Step] = []
        for file in files {
            guard let number = Int(file.prefix(while: { $0.isNumber })) else {
                throw StoreError.migration(file: file, reason: "migration files are named NNNN_name.sql")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            steps.append(Step(number: number, name: String(file.dropLast(4)), sql: sql))
        }
        let numbers = steps.map(\.number)
        guard Set(numbers).count == numbers.count else {
            throw StoreError.migration(file: directory.path, reason: "two migrations share a number")
        }
        return Migrations(steps: steps)
    }

    public var latest: Int { steps.last?.number ?? 0 }

    func apply(to writer: some DatabaseWriter) throws {
        var migrator = DatabaseMigrator()
        for step in steps {
            migrator.registerMigration(step.name) { db in
                do { try db.execute(sql: step.sql) } catch {
                    throw StoreError.migration(file: step.name + ".sql", reason: "\(error)")
                }
            }
        }
        try writer.read { db in
            let applied = try migrator.appliedIdentifiers(db)
            let known = Set(steps.map(\.name))
            if let unknown = applied.subtracting(known).sorted().last {
                throw StoreError.newerSchema(found: Int(unknown.prefix(while: { $0.isNumber })) ?? 0, known: latest)
            }
        }
        try migrator.migrate(writer)
    }
}
