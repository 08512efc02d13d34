import ArgumentParser
import FollowUp
import Foundation
import HPV
import ScreenVaxCore
import Store

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo database from a synthetic roster and show the work list and the report.",
        subcommands: [Run.self, Roster.self, Doses.self],
        defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Build the demo database (default ./screenvax-demo.sqlite, made anew) and print the due list and report.")

        @Option(help: "Girls on the synthetic roster.") var girls: Int = 400
        @Option(help: "Random seed (the same seed gives the same demo).") var seed: UInt64 = 2023
        @Option(name: .customLong("as-of"), help: "The demo's 'today' for the lists: a day in the programme year.") var asOf: String = "2024-05-06"
        @Option(name: .customLong("screening-as-of"), help: "The day the synthetic screening year runs up to.") var screeningAsOf: String = "2023-12-31"
        @Option(help: "Pregnancies in the synthetic screening year.") var pregnancies: Int = 200
        @Option(help: "Newborns in the synthetic screening year.") var newborns: Int = 245
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            var global = self.global
            let path = global.db ?? "screenvax-demo.sqlite"
            if global.db == nil || FileManager.default.fileExists(atPath: path) {
                guard global.db == nil || isDemoDatabase(path) else {
                    throw CLIError.invalidOption(option: "--db", problem: "\(path) exists and is not a demo database; the demo builds its own file, name a new one", code: "demo_target_exists")
                }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            global.db = path
            if global.operatorName == nil { global.operatorName = "demo" }
            let context = try HPVCommandContext(global)
            let day = try parseDate(asOf, option: "--as-of")
            let summary = try HPVDemo.build(context: context, girls: girls, seed: seed, asOf: day)
            print("demo database: \(path) — \(summary)")
            print("\n今日工作 / work list as of \(day.iso) (first 15; `screenvax --db \(path) hpv due --as-of \(day.iso)` for all):")
            let due = try HPVDueCommand.parse(["--as-of", day.iso, "--limit", "15", "--db", path])
            try await due.run()
            print("\nCoverage report as of \(day.iso), against a DEMO PLAN: each city's target is its synthetic girls in the programme")
            print("(`screenvax --db \(path) report hpv --as-of \(day.iso)` reads against the province's plan of 248,000):")
            printHPVReport(try HPVDemo.demoReport(context: context, asOf: day), format: .table)

            let screeningDay = try parseDate(screeningAsOf, option: "--screening-as-of")
            let fill = try ScreeningCommand.DemoFill.parse(["--db", path, "--as-of", screeningDay.iso, "--seed", String(seed),
                                                            "--pregnancies", String(pregnancies), "--newborns", String(newborns)])
            print("\nScreening year \(screeningDay.year) (synthetic pregnancies, newborns, results, recall):")
            try await fill.run()
            print("\nRecall cases as of \(screeningDay.iso), overdue first (first 10):")
            var recall = try RecallCommand.List.parse(["--db", path, "--as-of", screeningDay.iso])
            recall.limit = 10
            try await recall.run()
            print("\nScreening rates \(screeningDay.year):")
            let rates = try ScreeningReportCommand.parse(["--db", path, "--from", "\(screeningDay.year)-01-01", "--to", screeningDay.iso, "--by", "province"])
            try await rates.run()

            // The morning's calls: girls overdue or closing their window, recalls, planned for 08:00.
            let (followUp, followUpContext) = try global.followUp()
            let calls = try followUp.write { db in try CallQueue.plan(db, context: followUpContext, at: CallTime(day: day, hour: 8, minute: 0)) }
            print("\n今日电话 / the day's calls planned for \(day.iso) 08:00: \(calls.count) (first 10; `screenvax --db \(path) calls list --day \(day.iso)` for all):")
            print(Listing(columns: ["call_id", "not_before", "priority", "phone", "name", "reasons"],
                          rows: calls.prefix(10).map { [$0.callID, LocalTime.text($0.notBefore.minute), $0.priority.rawValue,
                                                        Masking.phone($0.phone), $0.addressee, $0.reasons.joined(separator: " ")] }).render(.table),
                  terminator: "")
        }

        func isDemoDatabase(_ path: String) -> Bool {
            guard let db = try? RegistryDatabase(path: path, schemas: try global.schemas()) else { return false }
            let operators = (try? db.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT operator FROM audit_log") }) ?? []
            return operators.isEmpty || operators == ["demo"]
        }
    }

    struct Doses: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doses", abstract: "Record synthetic doses for the girls on a register (for benchmarks and training databases).")
        @Option(help: "Random seed.") var seed: UInt64 = 2023
        @Option(name: .customLong("as-of"), help: "Record doses given up to this date.") var asOf: String = "2024-05-06"
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            var global = self.global
            if global.operatorName == nil { global.operatorName = "demo" }
            let context = try HPVCommandContext(global)
            let count = try HPVDemo.recordDoses(context: context, seed: seed, asOf: try parseDate(asOf, option: "--as-of"))
            note("recorded \(count) doses")
        }
    }

    struct Roster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roster", abstract: "Write a synthetic 附3 roster, CSV or xlsx by --out's name (valid Jiangxi IDs, the plan's city shares).")
        @Option(help: "Number of girls.") var rows: Int = 1000
        @Option(help: "Random seed.") var seed: UInt64 = 2023
        @Option(help: "Output file: NAME.csv, or NAME.xlsx for an Excel workbook (every cell text, as a school formats it).") var out: String
        @Option(help: "Encoding: utf8 or gb18030.") var encoding: String = "utf8"
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let schemas = try global.schemas()
            let programme = try HPVProgramme.load(schemas: schemas)
            let generator = SyntheticRoster(divisions: try Divisions.load(schemas: schemas),
                                            cityWeights: try Plan.load(schemas: schemas, file: programme.plan), seed: seed)
            try HPVDemo.writeRoster(generator: generator, rows: rows, to: out, gb18030: encoding.lowercased() == "gb18030")
            note("wrote \(rows) rows to \(out)")
        }
    }
}
