import ArgumentParser
import Dispatch
import Foundation
import Logging
import ScreenVaxCore
import Store
import Sync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Send the outbox to the provincial platform.",
        subcommands: [Push.self, Run.self, Status.self, Retry.self, Prune.self, SyncPullConflictsCommand.self, SyncConflictsCommand.self])

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "push", abstract: "Send every pending record, then exit.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var sync: SyncOptions
        @Flag(help: "Send one batch and exit.")
        var once = false
        @Option(name: .customLong("max-tries"), help: "Consecutive failed tries before giving up (default 10); records stay pending.")
        var maxTries: Int = 10
        @OptionGroup var retention: RetentionOption

        func run() async throws {
            var session = try SyncSession(global: global, sync: sync, retention: retention)
            session.settings.maxTries = max(1, maxTries)
            let onlyOne = once, s = session
            let report = try await PushThread.run {
                SyncCycle.rollUpAssistUsage(database: s.database, logger: Logger(label: "screenvax.sync"))
                let pusher = try Pusher(queue: s.queue, settings: s.settings, stop: s.stop)
                if onlyOne { return try pusher.drain(maxBatches: 1) }
                return try pusher.drain()
            }
            let retention = session.retention
            let pruned = try retention.prune(session.database, operatorName: session.operatorName)
            let status = try session.queue.status()
            session.end()
            print("delivered \(report.delivered) records in \(report.batches) batches; \(report.rejected) rejected (dead letters); \(status.pending) pending"
                  + (pruned > 0 ? "; \(pruned) acknowledged payloads older than \(retention.keepDays) days dropped" : ""))
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Keep sending: drain, wait, poll again; stops cleanly on SIGTERM or SIGINT after the batch in flight.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var sync: SyncOptions
        @Option(help: "Seconds between polls once the outbox is drained (default 30, or interval in the config file).")
        var interval: Double?
        @OptionGroup var retention: RetentionOption

        func run() async throws {
            var session = try SyncSession(global: global, sync: sync, retention: retention)
            session.settings.maxTries = nil  // the daemon never gives up on a down platform
            if let interval { session.settings.pollInterval = max(0.05, interval) }
            let logger = Logger(label: "screenvax.sync")
            logger.info("sync daemon started", metadata: ["batch": "\(session.settings.batchSize)", "interval_s": "\(session.settings.pollInterval)"])
            let s = session
            try await PushThread.run {
                let pusher = try Pusher(queue: s.queue, settings: s.settings, stop: s.stop, logger: logger)
                while !s.stop.isRequested {
                    SyncCycle.rollUpAssistUsage(database: s.database, logger: logger)
                    let report = try pusher.drain()
                    if report.batches > 0 {
                        logger.info("outbox drained", metadata: ["delivered": "\(report.delivered)", "rejected": "\(report.rejected)"])
                    }
                    let pruned = try s.retention.prune(s.database, operatorName: s.operatorName)
                    if pruned > 0 {
                        logger.info("acknowledged payloads dropped", metadata: ["entries": "\(pruned)", "keep_days": "\(s.retention.keepDays)"])
                    }
                    SyncCycle.pullConflicts(database: s.database, settings: s.settings, logger: logger)
                    s.stop.wait(seconds: s.settings.pollInterval)
                }
            }
            session.end()
            logger.info("sync daemon stopped")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Pending, sent and dead records; last success and last error.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let status = try SyncQueue(database: global.openDatabase()).status()
            if output.format == .json { return try JSONOutput.print(status) }
            let age = status.oldestPendingAgeSeconds.map { Duration.seconds($0).formatted(.units(allowed: [.days, .hours, .minutes, .seconds], width: .narrow)) }
            let rows: [[String]] = [
                ["pending", String(status.pending)],
                ["sent", String(status.sent)],
                ["dead", String(status.dead)],
                ["in flight", String(status.inFlight)],
                ["oldest pending", status.oldestPendingAt.map { "\($0) (\(age ?? "?") ago)" } ?? "-"],
                ["last success", status.lastSuccess ?? "-"],
                ["last error", status.lastError.map { "\(status.lastErrorAt ?? "") \($0)" } ?? "-"],
                ["failures in a row", String(status.consecutiveFailures)],
                ["next try", status.nextAttemptAt ?? "-"],
            ]
            print(Listing(columns: ["item", "value"], rows: rows).render(output.format), terminator: "")
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retry", abstract: "Put dead letters back in the queue once their cause is fixed.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Requeue every dead letter.")
        var dead = false

        func validate() throws {
            guard dead else { throw ValidationError("say what to retry: --dead") }
        }

        func run() async throws {
            let n = try SyncQueue(database: global.openDatabase()).retryDead()
            print("\(n) dead letters back to pending; run sync push or wait for the daemon")
        }
    }

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Drop the wire JSON of records the platform acknowledged more than --keep-days ago.",
            discussion: """
                The entry stays (record type, uuid, version, when it was sent) for audit, and each pass goes to the audit log; \
                pending and dead entries are never touched. sync run does this every cycle and sync push after \
                draining. Run VACUUM (sqlite3 FILE 'VACUUM') afterwards to give the space back to the disk.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var retention: RetentionOption

        func run() async throws {
            let retention = try self.retention.retention()
            let operatorName = global.operatorResolved
            let database = try global.openDatabase()
            let pruned = try retention.prune(database, operatorName: operatorName)
            let size = try database.outboxSize()
            print("\(pruned) acknowledged payloads older than \(retention.keepDays) days dropped; outbox: \(size.pending) pending, "
                  + "\(size.acknowledged) acknowledged, \(size.pruned) pruned, \(size.dead) dead, payloads \(size.payloadBytes) bytes")
        }
    }
}

/// `--keep-days N`: how long an acknowledged record's payload is kept.
struct RetentionOption: ParsableArguments {
    @Option(name: .customLong("keep-days"),
            help: "Days an acknowledged record's payload is kept before it is dropped (default 30; 0 drops it at once).")
    var keepDays: Int = OutboxRetention.defaultKeepDays

    func retention() throws -> OutboxRetention { try OutboxRetention(keepDays: keepDays) }
}

/// Turns SIGTERM and SIGINT into a stop request instead of killing the process mid-batch.
final class SignalWatch {
    private let sources: [any DispatchSourceSignal]

    init(stop: StopSignal) {
        sources = [SIGTERM, SIGINT].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.request() }
            source.resume()
            return source
        }
    }

    deinit { for source in sources { source.cancel() } }
}

/// swift-log to stderr, level from SCREENVAX_LOG_LEVEL (default info), every line's message and
/// metadata with control characters escaped. Sync logs counts, batch ids and errors; never a token
/// or a record. `serve` uses the same bootstrap.
enum SyncLogging {
    private static let once: Void = {
        let level = ProcessInfo.processInfo.environment["SCREENVAX_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = EscapingLogHandler(StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
    }()

    static func bootstrap() { _ = once }
}

/// What `sync push` and `sync run` hold while they send: the settings, the database and its
/// outbox queue, the lock that keeps a second sender out, and the stop signal SIGTERM and SIGINT set.
/// Unchecked: the lock and the signal handlers are only held, never used, by the push thread.
struct SyncSession: @unchecked Sendable {
    var settings: SyncSettings
    let retention: OutboxRetention
    let operatorName: String
    let database: RegistryDatabase
    let queue: SyncQueue
    let stop: StopSignal
    private let lock: SyncLock
    private let signals: SignalWatch

    init(global: GlobalOptions, sync: SyncOptions, retention: RetentionOption) throws {
        SyncLogging.bootstrap()
        self.retention = try retention.retention()
        operatorName = global.operatorResolved
        settings = try sync.settings()
        database = try global.openDatabase()
        lock = try SyncLock(databasePath: database.path)
        queue = SyncQueue(database: database)
        stop = StopSignal()
        signals = SignalWatch(stop: stop)
    }

    /// The lock and the signal handlers live until here.
    func end() { withExtendedLifetime((lock, signals)) {} }
}

