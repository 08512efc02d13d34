import ArgumentParser
import Foundation
import Hub
import ScreenVaxCore

/// `screenvax hub`: the provincial hub on PostgreSQL.
struct HubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub", abstract: "The provincial hub on PostgreSQL: every county's sync, people across counties, province reports.",
        subcommands: [Migrate.self, County.self, HubUserCommand.self, HubServeCommand.self, Stats.self, HubConflictsCommand.self, HubReportCommand.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or bring up to date the hub's tables (Schemas/sql/hub).")
        @OptionGroup var hub: HubOptions

        func run() async throws {
            let url = try hub.url()
            let migrations = try HubMigrations.load(schemas: SchemasDirectory.locate())
            let applied = try await HubDatabase.using(url) { try await migrations.apply(to: $0) }
            print(applied.isEmpty ? "hub database \(url) is up to date (migration \(migrations.latest))"
                                  : "applied \(applied.joined(separator: ", ")); hub database \(url) at migration \(migrations.latest)")
        }
    }

    struct County: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "county",
            abstract: "The counties allowed to push.", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Register a county (or give it a new token): the hub keeps only the token's SHA-256.")
            @OptionGroup var hub: HubOptions
            @Option(help: "The county's 6-digit code (Schemas/divisions/jiangxi-divisions.csv).")
            var code: String
            @Option(name: .customLong("token-file"), help: "File holding the county's token on its first line (mode 600, at least 32 characters).")
            var tokenFile: String

            func run() async throws {
                let url = try hub.url()
                let token = try CountyTokens.read(file: tokenFile)
                let schemas = try SchemasDirectory.locate()
                let divisions = try Divisions.load(schemas: schemas)
                let code = self.code
                let isNew = try await HubDatabase.using(url) { database in
                    try await HubMigrations.load(schemas: schemas).check(database)
                    return try await CountyTokens.add(code: code, token: token, divisions: divisions, database: database)
                }
                let name = divisions.county(code: code)?.name ?? code
                print(isNew ? "county \(code) \(name) registered" : "county \(code) \(name): token replaced (the old one no longer works)")
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "How many record versions arrived, distinct and duplicate.")
        @OptionGroup var hub: HubOptions
        @Option(help: "Only this county's batches.")
        var county: String?
        @OptionGroup var output: FormatOption

        func run() async throws {
            let url = try hub.url()
            let county = self.county
            let stats = try await HubDatabase.using(url) { try await HubStats.read($0, county: county) }
            if output.format == .json { return try JSONOutput.print(stats) }
            let rows: [[String]] = [
                ["received", String(stats.received)], ["distinct", String(stats.distinct)],
                ["duplicates_dropped", String(stats.duplicatesDropped)], ["rejected", String(stats.rejected)],
                ["batches", String(stats.batches)], ["replayed_batches", String(stats.replayedBatches)],
                ["counties", String(stats.counties)],
            ]
            print(Listing(columns: ["count", "value"], rows: rows).render(output.format), terminator: "")
        }
    }
}

/// `--postgres URL` (or SCREENVAX_POSTGRES) on every hub command.
struct HubOptions: ParsableArguments {
    @Option(help: "The hub's PostgreSQL, postgres://USER@HOST:PORT/DB or with ?host=/socket/dir (env SCREENVAX_POSTGRES).")
    var postgres: String?

    func url() throws -> PostgresURL { try PostgresURL.resolve(postgres) }
}
