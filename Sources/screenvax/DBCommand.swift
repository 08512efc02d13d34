import ArgumentParser
import Foundation
import Store

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Database housekeeping.", subcommands: [Info.self, Migrate.self])

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Schema version and row counts.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let info = try global.openDatabase().info()
            if output.format == .json { return try JSONOutput.print(info) }
            if output.format == .table {
                let o = info.outbox
                print("database: \(info.path)")
                print("schema version: \(info.schemaVersion) (latest known \(info.latestKnown)), journal \(info.journalMode), SQLite \(info.sqliteVersion)")
                print("outbox: \(o.pending) pending, \(o.acknowledged) acknowledged, \(o.pruned) pruned (payload dropped), \(o.dead) dead; "
                      + "payloads \(DBCommand.bytes(o.payloadBytes))")
            }
            print(Listing(columns: ["table", "rows"], rows: info.tables.map { [$0.table, String($0.rows)] }).render(output.format), terminator: "")
        }
    }

    /// `1.2 MB`, `350 KB`, `12 bytes`.
    static func bytes(_ n: Int) -> String {
        if n >= 1_000_000 { return String(format: "%.1f MB", Double(n) / 1_000_000) }
        if n >= 1_000 { return "\(n / 1_000) KB" }
        return "\(n) bytes"
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create the database or bring it to the latest schema.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let info = try global.openDatabase().info()
            print("\(info.path): schema version \(info.schemaVersion)")
        }
    }
}
