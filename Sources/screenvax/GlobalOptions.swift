import ArgumentParser
import Foundation
import ScreenVaxCore
import Store

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (default: SCREENVAX_DB or ./screenvax.sqlite).")
    var db: String?

    @Option(name: .customLong("operator"), help: "Who is making the change, for the audit log (default: SCREENVAX_OPERATOR or the login name).")
    var operatorName: String?

    static let valued: Set<String> = ["--db", "--operator"]

    /// Moves global options that stand before the first subcommand to the end of the line.
    static func hoisted(_ args: [String]) -> [String] {
        var moved: [String] = []
        var rest: [String] = []
        var i = 0
        var sawCommand = false
        while i < args.count {
            let a = args[i]
            if !sawCommand, valued.contains(a), i + 1 < args.count {
                moved += [a, args[i + 1]]
                i += 2
                continue
            }
            if !sawCommand, let eq = a.firstIndex(of: "="), valued.contains(String(a[..<eq])) {
                moved.append(a)
                i += 1
                continue
            }
            if !a.hasPrefix("-") { sawCommand = true }
            rest.append(a)
            i += 1
        }
        return rest + moved
    }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var databasePath: String { RegistryDatabase.path(flag: db) }

    var operatorResolved: String {
        if let operatorName, !operatorName.isEmpty { return operatorName }
        if let env = environment["SCREENVAX_OPERATOR"], !env.isEmpty { return env }
        return environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    }

    func schemas() throws -> URL { try SchemasDirectory.locate() }

    func openDatabase(memoryMapped: Bool = false) throws -> RegistryDatabase {
        try RegistryDatabase(path: databasePath, schemas: schemas(), memoryMapped: memoryMapped)
    }

    /// The server's connection: memory-mapped reads, and a short busy timeout so that a request
    /// behind a CLI import's write lock answers "busy" soon instead of holding a thread.
    func openServerDatabase() throws -> RegistryDatabase {
        try RegistryDatabase(path: databasePath, schemas: schemas(), memoryMapped: true,
                             busyTimeout: RegistryDatabase.serverBusyTimeout)
    }

    func audit(clock: Clock = .system) -> AuditLog {
        AuditLog(operatorName: operatorResolved, timestamp: clock.timestamp())
    }
}

/// `--format table|csv|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table
}

/// `--show-pii`: full resident IDs and phones instead of masked ones.
struct PIIOption: ParsableArguments {
    @Flag(name: .customLong("show-pii"), help: "Show full resident IDs and phone numbers (they are masked by default).")
    var showPII = false
}

/// A date option such as `--as-of`; defaults to today in China Standard Time.
func parseDate(_ text: String?, option: String, clock: Clock = .system) throws -> CalendarDate {
    guard let text else { return clock.today() }
    guard let date = FormDate.parse(text) else { throw CoreError.badDate(text, field: option) }
    return date
}
