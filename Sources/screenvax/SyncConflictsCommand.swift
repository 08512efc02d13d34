import ArgumentParser
import Assist
import Foundation
import Logging
import ScreenVaxCore
import Store
import Sync

/// `sync pull-conflicts`: bring this county's conflicts back from the provincial hub.
struct SyncPullConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull-conflicts",
        abstract: "Bring this county's conflicts back from the provincial hub (GET /api/v1/conflicts beside the batch URL).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        SyncLogging.bootstrap()
        let settings = try sync.settings()
        let database = try global.openDatabase()
        let change = try await PushThread.run { try ConflictPull(database: database, settings: settings).run() }
        if output.format == .json { return try JSONOutput.print(change) }
        print("\(change.open) open conflicts (\(change.new) new); \(change.resolved) resolved since the last pull")
    }
}

/// `sync conflicts`: the conflicts brought back, as the county keeps them.
struct SyncConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "The conflicts the hub found with other counties (brought back by pull-conflicts and sync run).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include resolved conflicts.") var all = false
    @OptionGroup var output: FormatOption

    func run() async throws {
        let all = self.all
        let list = try global.openDatabase().read { try ConflictRecords.list($0, includeResolved: all) }
        if output.format == .json { return try JSONOutput.printArray(list) }
        let rows = list.map { c in
            [String(c.hubID), c.kind, c.residentIDMasked, c.counties.joined(separator: " "),
             c.records.map { "\($0.type):\($0.uuid.prefix(8))" }.joined(separator: " "), c.detectedAt, c.resolvedAt ?? ""]
        }
        print(Listing(columns: ["hub_id", "kind", "resident_id", "counties", "our_records", "detected_at", "resolved_at"], rows: rows)
                .render(output.format), terminator: "")
    }
}

/// What `sync push` and each cycle of `sync run` do beside draining the outbox.
enum SyncCycle {
    /// The assist services' use since the last cycle becomes `assist_usage` records, before the
    /// drain that sends them. A failure is logged and the drain goes on.
    static func rollUpAssistUsage(database: RegistryDatabase, logger: Logger) {
        do {
            let now = Clock.system.timestamp()
            let days = try database.write { db in try AssistUsage.rollUp(db, at: now) }
            if !days.isEmpty { logger.debug("assist usage rolled up", metadata: ["days": "\(days.count)"]) }
        } catch {
            logger.warning("assist usage not rolled up", metadata: ["error": "\(error)"])
        }
    }

    /// Conflicts are brought back each cycle; a failure is logged and the daemon goes on (the
    /// ones already here are kept).
    static func pullConflicts(database: RegistryDatabase, settings: SyncSettings, logger: Logger) {
        do {
            let change = try ConflictPull(database: database, settings: settings).run()
            if change.new > 0 || change.resolved > 0 {
                logger.info("conflicts pulled", metadata: ["open": "\(change.open)", "new": "\(change.new)", "resolved": "\(change.resolved)"])
            }
        } catch {
            logger.warning("conflicts not pulled", metadata: ["error": "\(error)"])
        }
    }
}
