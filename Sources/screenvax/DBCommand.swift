import ArgumentParser
import Store

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Database housekeeping.", subcommands: [Info.self, Migrate.self])

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Schema version and row counts.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let info = try global.openDatabase().info()
            if output.format == .json { return try JSONOutput.print(info) }
            if output.format == .table {
                print("database: \(info.path)")
                print("schema version: \(info.schemaVersion) (latest known \(info.latestKnown)), journal \(info.journalMode), SQLite \(info.sqliteVersion)")
            }
            print(Listing(columns: ["table", "rows"], rows: info.tables.map { [$0.table, String($0.rows)] }).render(output.format), terminator: "")
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the database or bring it to the latest schema.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let info = try global.openDatabase().info()
            print("\(info.path): schema version \(info.schemaVersion)")
        }
    }
}
