import HPV
import Logging
import PostgresNIO
import Screening
import ServiceLifecycle
import Synchronization

/// Works out the hub's derived state from the notes batches leave in `hub_dirty`: conflicts
/// between counties, the HPV girls and the screening subjects and figures.
///
/// A batch's transaction only stores its records and notes what they touch; deriving it there
/// made ingest about 50 times PostgreSQL's COPY. Here the notes of many batches are taken at once,
/// one chunk per transaction: the notes deleted, the people they lead to found, their state
/// written again, all committed together, so a crash leaves the notes to be taken again.
///
/// Each target is taken under its own advisory lock, the same one that working its state out
/// from scratch holds, so one deriver at a time writes it: `hub serve`'s own loop, or a reader
/// draining before it reads (`drain`), whichever comes first; the other waits and finds less.
public enum Deriver {
    enum Target: String, CaseIterable, Sendable {
        case conflicts, hpv, screening

        var lock: Int {
            switch self {
            case .hpv: HubMigrations.lockKey + 1
            case .screening: HubMigrations.lockKey + 2
            case .conflicts: HubMigrations.lockKey + 3
            }
        }

        /// The record types whose stored versions can change this target's state.
        var recordTypes: [String] {
            switch self {
            case .conflicts: ["person", "roster_entry", "pregnancy", "newborn", "screening_result"]
            case .hpv: ["person", "roster_entry", "dose"]
            case .screening: ["person", "pregnancy", "newborn", "screening_result", "screening_decline", "recall_step"]
            }
        }

        /// Whether a person's key before a batch changed her is noted too.
        var keysBefore: Bool { self != .conflicts }
    }

    /// Notes taken per transaction: large enough that the set-based statements pay their planning
    /// once for dozens of batches, small enough that one chunk stays a few seconds of work.
    static let chunk = 20_000

    /// The conflicts' only rule, recorded by `hub serve` so that readers without the programme
    /// files (`hub conflicts`, the API) match people as the server does.
    static let conflictsStateName = "conflicts"

    static func conflictRules(samePregnancyDays: Int) -> String { "same_pregnancy_days=\(samePregnancyDays)" }

    /// A note: a stored record of a county, or (`person_key`) a key a person had.
    struct Note: Sendable {
        let county: String
        let type: String
        let uuid: String
    }

    /// Notes still to be taken, all targets (`hub stats`' backlog).
    static func backlog(_ database: HubDatabase) async throws -> Int {
        try await database.rows("SELECT count(*)::bigint FROM hub_dirty").first?.decode(Int.self) ?? 0
    }

    /// Takes every note of `target` that was there when it began (the batches acknowledged
    /// before the read it precedes), chunk by chunk; notes of later batches may be left.
    static func drain(_ database: HubDatabase, _ target: Target, programmes: Programmes) async throws {
        let rows = try await database.rows("SELECT max(id) FROM hub_dirty WHERE target = \(target.rawValue)")
        guard let last = try rows.first?.decode(Int?.self) else { return }
        while try await takeChunk(database, target, programmes: programmes, upTo: last) > 0 {}
    }

    /// Takes every note of every target until none is left (the server's loop).
    static func drainAll(_ database: HubDatabase, programmes: Programmes) async throws {
        // Checked between chunks: a stopping server does not wait for a whole backlog; the notes
        // of the chunks not taken stay for the next start.
        for target in Target.allCases {
            while !Task.isCancelled, try await takeChunk(database, target, programmes: programmes, upTo: nil) == chunk {}
        }
    }

    /// What the targets are derived by; nil for a target the caller does not derive (its notes
    /// are left to the others). Conflicts need no programme: their rule is read from the database.
    struct Programmes: Sendable {
        var hpv: HPVProgramme?
        var screening: ScreeningProgramme?
    }

    /// One chunk of `target`'s notes, in one transaction; returns how many were taken.
    static func takeChunk(_ database: HubDatabase, _ target: Target, programmes: Programmes, upTo last: Int?) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { connection -> Int in
            try await connection.run("SELECT pg_advisory_xact_lock(\(target.lock))", logger)
            // Compiling a chunk's statements took longer than running them (half a second each).
            try await connection.run("SET LOCAL jit = off", logger)
            let kept = try await connection.query("""
                SELECT rules FROM hub_report_state WHERE name = \(target == .conflicts ? conflictsStateName : target.rawValue)
                """, logger: logger).collect().first?.decode(String.self)
            // Notes no one here can derive stay for a deriver that can.
            if target == .conflicts, kept == nil { return 0 }
            if target == .hpv, programmes.hpv == nil { return 0 }
            if target == .screening, programmes.screening == nil { return 0 }
            let taken = try await connection.query("""
                DELETE FROM hub_dirty WHERE id IN (
                  SELECT id FROM hub_dirty WHERE target = \(target.rawValue) AND (\(last)::bigint IS NULL OR id <= \(last))
                  ORDER BY id LIMIT \(chunk))
                RETURNING county_code, record_type, uuid
                """, logger: logger).collect()
            guard !taken.isEmpty else { return 0 }
            var notes: [Note] = []
            notes.reserveCapacity(taken.count)
            for row in taken {
                let (county, type, uuid) = try row.decode((String, String, String).self)
                notes.append(Note(county: county, type: type, uuid: uuid))
            }
            switch target {
            case .conflicts:
                let days = kept.flatMap { Int($0.split(separator: "=").last ?? "") } ?? 0
                try await deriveConflicts(connection, notes: notes, samePregnancyDays: days, logger: logger)
            case .hpv:
                guard let programme = programmes.hpv else { return 0 }
                if try await keptBy(connection, name: HPVGirls.stateName, kept: kept, rules: HPVGirls.rules(programme), logger: logger) {
                    try await deriveGirls(connection, notes: notes, programme: programme, logger: logger)
                }
            case .screening:
                guard let programme = programmes.screening else { return 0 }
                if try await keptBy(connection, name: ScreeningState.stateName, kept: kept,
                                    rules: ScreeningState.rules(programme), logger: logger) {
                    try await deriveSubjects(connection, notes: notes, programme: programme, logger: logger)
                }
            }
            return notes.count
        }
    }

    /// Whether the kept state is this programme's. State kept by other rules cannot be brought
    /// up to date here, and these notes are taken: it is marked as not kept, so reports work
    /// their figures out in full until `hub serve` builds it again.
    private static func keptBy(_ connection: PostgresConnection, name: String, kept: String?, rules: String,
                               logger: Logger) async throws -> Bool {
        guard let kept else { return false }
        if kept == rules { return true }
        try await connection.run("DELETE FROM hub_report_state WHERE name = \(name)", logger)
        return false
    }

    private static func byCounty(_ notes: [Note]) -> [String: [BatchStore.StoredRecord]] {
        var out: [String: [BatchStore.StoredRecord]] = [:]
        for n in notes where n.type != "person_key" { out[n.county, default: []].append(.init(type: n.type, uuid: n.uuid)) }
        return out
    }

    private static func deriveConflicts(_ connection: PostgresConnection, notes: [Note], samePregnancyDays: Int,
                                        logger: Logger) async throws {
        var ids = Set<String>()
        for (county, stored) in byCounty(notes) {
            ids.formUnion(try await PersonMatching.touchedResidentIDs(connection, county: county, kinds: stored.map(\.type),
                                                                      uuids: stored.map(\.uuid), logger: logger))
        }
        guard !ids.isEmpty else { return }
        try await PersonMatching.detect(connection, touched: ids.sorted(), samePregnancyDays: samePregnancyDays, logger: logger)
    }

    private static func deriveGirls(_ connection: PostgresConnection, notes: [Note], programme: HPVProgramme,
                                    logger: Logger) async throws {
        var keys = Set(notes.filter { $0.type == "person_key" }.map(\.uuid))
        for (county, stored) in byCounty(notes) {
            keys.formUnion(try await HPVGirls.touched(connection, county: county, stored: stored, logger: logger))
        }
        try await HPVGirls.refresh(connection, programme: programme, keys: keys.sorted(), logger: logger)
    }

    private static func deriveSubjects(_ connection: PostgresConnection, notes: [Note], programme: ScreeningProgramme,
                                       logger: Logger) async throws {
        var keys = Set(notes.filter { $0.type == "person_key" }.map(\.uuid))
        var unreceived = Set<ScreeningState.Registration>()
        for (county, stored) in byCounty(notes) {
            let touched = try await ScreeningState.touched(connection, county: county, stored: stored, logger: logger)
            keys.formUnion(touched.keys)
            unreceived.formUnion(touched.unreceived)
        }
        let scope = ScreeningState.Touched(keys: keys.sorted(), unreceived: Array(unreceived))
        try await ScreeningState.refresh(connection, programme: programme, touched: scope, logger: logger)
    }
}

/// `hub serve`'s deriver: one task that drains the notes whenever batches were committed, and on
/// a short timer (a wake-up lost to a busy moment is found by the next tick).
final class DeriverLoop: Sendable {
    let database: HubDatabase
    let programmes: Deriver.Programmes
    let logger: Logger
    private let wakes: AsyncStream<Void>
    private let waker: AsyncStream<Void>.Continuation
    /// Batches committed since the hub started: tells the loop whether they are still coming.
    private let commits = Mutex(0)

    /// A pass starts once no batch was committed for this long, or `patience` after the first
    /// wake-up at the latest. During a steady push a pass every few seconds takes hundreds of
    /// batches' notes at once: each pass pays its planning and per-county lookups once, and the
    /// pushes keep the cores meanwhile (a pass every 0.2 s competed with them for the CPU).
    static let gather: Duration = .milliseconds(200)
    static let patience: Duration = .seconds(5)
    static let tick: Duration = .seconds(1)

    init(database: HubDatabase, programmes: Deriver.Programmes, logger: Logger) {
        self.database = database
        self.programmes = programmes
        self.logger = logger
        (wakes, waker) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// A batch was committed.
    func wake() {
        commits.withLock { $0 += 1 }
        waker.yield(())
    }

    /// Runs until cancelled. A failing pass (the database restarting) is logged and tried again.
    func run() async {
        let ticker = Task { [waker] in
            while !Task.isCancelled {
                try? await Task.sleep(for: DeriverLoop.tick)
                waker.yield(())
            }
        }
        defer { ticker.cancel() }
        for await _ in wakes {
            if Task.isCancelled { break }
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: DeriverLoop.patience)
            var seen = commits.withLock { $0 }
            while clock.now < deadline {
                try? await Task.sleep(for: DeriverLoop.gather)
                let now = commits.withLock { $0 }
                if now == seen { break }
                seen = now
            }
            if Task.isCancelled { break }
            do {
                try await Deriver.drainAll(database, programmes: programmes)
            } catch {
                if Task.isCancelled { break }
                logger.error("hub deriver: a pass failed; its notes stay and are taken again", metadata: ["error": "\(type(of: error))"])
            }
        }
    }
}

/// The deriver loop as one of `hub serve`'s services, cancelled when a graceful shutdown reaches it.
struct DeriverService: ServiceLifecycle.Service {
    let loop: DeriverLoop

    func run() async {
        await cancelWhenGracefulShutdown { await loop.run() }
    }
}
