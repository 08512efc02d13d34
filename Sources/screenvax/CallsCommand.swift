import ArgumentParser
import FollowUp
import Foundation
import HPV
import ScreenVaxCore
import Screening
import Store

extension GlobalOptions {
    /// The call queue's context: the call policy and the programmes whose work lists feed it.
    func followUp(clock: Clock = .system) throws -> (RegistryDatabase, FollowUpContext) {
        let schemas = try schemas()
        let (database, screening) = try screening(clock: clock)
        let context = FollowUpContext(policy: try CallPolicy.load(schemas: schemas), hpv: try HPVProgramme.load(schemas: schemas),
                                      screening: screening, audit: audit(clock: clock))
        return (database, context)
    }
}

/// `--at 2024-04-15T09:30` (China Standard Time), default now.
func parseCallTime(_ text: String?, option: String) throws -> CallTime {
    guard let text else { return CallTime.now() }
    guard let t = CallTime(text) else { throw FollowUpError.badTime(text, field: option) }
    return t
}

struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "The follow-up call queue: plan the day's calls, hand them to a voice platform, record outcomes.",
        discussion: """
            Calls come from the work lists (HPV due, overdue, window closing; screening windows closing; recall \
            contacts due), one per phone number per day, most urgent first (recall > window closing > overdue > due). \
            Policy (call windows, caps, retry spacing, escalation): Schemas/programs/followup-2023.json.
            """,
        subcommands: [Plan.self, List.self, Attempt.self, Export.self, ImportResults.self, Escalated.self])

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Plan the day's calls (planning again adds new reasons and never duplicates a call).",
            discussion: """
                The calls go in the first call window at or after the planning time: --at, else now when the \
                day is today, else the start of the day. A plan made after the day's last dial goes to the next \
                day with a call window. JSON: [{call_id, phone_masked, reasons, priority}].
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var pii: PIIOption
        @Option(name: .customLong("as-of"), help: "The day to plan (default today, China Standard Time).") var asOf: String?
        @Option(help: "Planning time HH:MM on that day (default: now for today, else 00:00).") var at: String?

        func run() async throws {
            let day = try parseDate(asOf, option: "--as-of")
            let time: CallTime
            if let at {
                guard let m = LocalTime.minutes(at), m < 1440 else { throw FollowUpError.badTime(at, field: "--at") }
                time = CallTime(day: day, minute: m)
            } else {
                let now = CallTime.now()
                time = now.day == day ? now : CallTime(day: day, minute: 0)
            }
            let (database, context) = try global.followUp()
            let lines = try database.write { db in try CallQueue.plan(db, context: context, at: time) }
            let show = pii.showPII
            if output.format == .json {
                print(lines.isEmpty ? "[]" : "[\n" + lines.map { l in
                    var w = JSONWriter()
                    w.string("call_id", l.callID)
                    w.string("phone_masked", Masking.phone(l.phone))
                    if show { w.string("phone", l.phone) }
                    w.strings("reasons", l.reasons)
                    w.string("priority", l.priority.rawValue)
                    return w.finished()
                }.joined(separator: ",\n") + "\n]")
                return
            }
            print(Listing(columns: ["call_id", "day", "not_before", "priority", "phone", "name", "reasons"],
                          rows: lines.map { [$0.callID, $0.day.iso, LocalTime.text($0.notBefore.minute), $0.priority.rawValue,
                                             show ? $0.phone : Masking.phone($0.phone), $0.addressee, $0.reasons.joined(separator: " ")] })
                    .render(output.format), terminator: "")
            if output.format == .table { print("\(lines.count) calls planned for \(lines.first?.day.iso ?? day.iso)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Calls with their status, attempts and reasons.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var pii: PIIOption
        @Option(help: "Only this call day (YYYY-MM-DD).") var day: String?
        @Option(help: "Only this status: planned, dispatched, waiting, done, stopped, escalated.") var status: AttemptDecision.CallStatus?

        func run() async throws {
            let (database, context) = try global.followUp()
            let d = try day.map { try parseDate($0, option: "--day") }
            let policy = context.policy
            let entries = try database.read { db in try CallViews.calls(db, day: d, status: status?.rawValue, policy: policy) }
                .map { pii.showPII ? $0 : $0.masked }
            if output.format == .json { return print(CallListEntry.jsonArray(entries, showPII: pii.showPII)) }
            print(Listing(columns: ["call_id", "day", "priority", "status", "attempts", "last_outcome", "phone", "name", "reasons"],
                          rows: entries.map { [$0.callID, $0.day, $0.priority, $0.status, String($0.attempts), $0.lastOutcome ?? "",
                                               $0.phone, $0.addressee, $0.reasons.joined(separator: " ")] }).render(output.format), terminator: "")
        }
    }

    struct Attempt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attempt",
            abstract: "Record a call attempt made by staff and its outcome.", aliases: ["outcome"])
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(name: .customLong("call"), help: "The call id.") var callID: String
        @Option(help: "reached, reached_declined, no_answer, busy, invalid_number, wrong_person, voicemail, refused, do_not_call.")
        var outcome: String
        @Option(help: "When the call was made, 2024-04-15T09:30 (default now, China Standard Time).") var at: String?
        @Option(help: "Free text for the attempt log (no result, no diagnosis).") var note: String = ""

        func run() async throws {
            guard let o = CallOutcome(rawValue: outcome) else { throw FollowUpError.badOutcome(outcome) }
            let time = try parseCallTime(at, option: "--at")
            let (database, context) = try global.followUp()
            let r = try database.write { db in
                try CallQueue.record(db, context: context, callID: callID, outcome: o, at: time, source: "staff", note: note)
            }
            if output.format == .json { return print(r.json) }
            print("call \(r.callID): attempt \(r.attempt) \(o.rawValue); call \(r.status.rawValue)"
                  + (r.escalated > 0 ? "; \(r.escalated) reason(s) to manual follow-up" : "") + (r.duplicate ? " (already recorded)" : ""))
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Hand the next batch of calls to a voice platform (CSV or JSON).",
            discussion: """
                The export is for the platform that dials, so it carries the real phone number (use --masked \
                for a copy to review); the audit log records only the count. Only calls whose slot has come, inside \
                a call window, and never a do-not-call or flagged number; exported calls are marked dispatched \
                and handed out again if no result arrives within the policy's dispatch timeout.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "At most N calls.") var limit: Int = 100
        @Option(help: "The moment of the batch, 2024-04-15T09:30 (default now, China Standard Time).") var at: String?
        @Option(help: "Write the batch to this file instead of standard output.") var out: String?
        @Flag(help: "Mask phone numbers (a copy to review, not for dialling).") var masked = false

        func run() async throws {
            let now = try parseCallTime(at, option: "--at")
            let (database, context) = try global.followUp()
            var calls = try database.write { db in try CallQueue.nextBatch(db, context: context, now: now, limit: limit) }
            if masked { calls = calls.map { $0.masked() } }
            let policy = context.policy
            let text: String
            if output.format == .json {
                text = calls.isEmpty ? "[]\n" : "[\n" + calls.map { $0.json(policy) }.joined(separator: ",\n") + "\n]\n"
            } else {
                text = Listing(columns: ["call_id", "name", "phone", "priority", "script_template", "variables"],
                               rows: calls.map { c in
                                   var w = JSONWriter()
                                   for (k, v) in c.variables.sorted(by: { $0.key < $1.key }) { w.string(k, v) }
                                   return [c.callID, c.name, c.phone, c.priority.rawValue, c.scriptTemplate.rawValue, w.finished()]
                               }, verbatim: [2]).render(output.format == .table ? .csv : output.format)
            }
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else { throw CoreError.cannotWrite(out) }
                note("\(calls.count) calls exported to \(out)")
            } else {
                print(text, terminator: "")
            }
        }
    }

    struct ImportResults: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-results",
            abstract: "Record a voice platform's results file (CSV or JSON; importing it again changes nothing).",
            discussion: "Columns or keys: call_id, outcome, at (2024-04-15T09:30:00+08:00), optional result_id and note.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The results file.") var file: String

        func run() async throws {
            let (database, context) = try global.followUp()
            let r = try database.write { db in try ResultsImport.run(db, context: context, path: file) }
            if output.format == .json { return try JSONOutput.print(r) }
            print("\(r.file): \(r.rows) rows, \(r.recorded) recorded, \(r.unchanged) unchanged, \(r.rejected) rejected")
            if !r.errors.isEmpty {
                print(Listing(columns: ["row", "column", "code", "message"],
                              rows: r.errors.map { [String($0.row), $0.column, $0.code, $0.message] }).render(output.format), terminator: "")
            }
        }
    }

    struct Escalated: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escalated",
            abstract: "Manual follow-up: the home-visit list (calls ran out, wrong or invalid number, refused recall) and staff calls for recalls.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var pii: PIIOption
        @Option(help: "home_visit (default), staff_call or all.") var kind: String = "home_visit"
        @Flag(help: "Include finished tasks.") var all = false

        func run() async throws {
            guard ["home_visit", "staff_call", "all"].contains(kind) else {
                throw CLIError.invalidOption(option: "--kind", problem: "\"\(kind)\" is not home_visit, staff_call or all", code: "bad_kind")
            }
            let (database, _) = try global.followUp()
            let tasks = try database.read { db in try CallViews.tasks(db, kind: kind == "all" ? nil : kind, includeDone: all) }
                .map { pii.showPII ? $0 : $0.masked }
            if output.format == .json {
                print(tasks.isEmpty ? "[]" : "[\n" + tasks.map { t in
                    var w = JSONWriter()
                    w.string("task_id", t.taskID); w.string("kind", t.kind); w.string("due_at", t.dueAt); w.string("status", t.status)
                    w.string("cause", t.cause); w.string("reason", t.reason); w.string("name", t.addressee)
                    w.string(pii.showPII ? "phone" : "phone_masked", t.phone); w.int("attempts", t.attempts); w.string("last_outcome", t.lastOutcome)
                    return w.finished()
                }.joined(separator: ",\n") + "\n]")
                return
            }
            print(Listing(columns: ["task_id", "kind", "due", "cause", "reason", "attempts", "last_outcome", "name", "phone"],
                          rows: tasks.map { [$0.taskID, $0.kind, $0.dueAt, $0.cause, $0.reason, String($0.attempts), $0.lastOutcome ?? "",
                                             $0.addressee, $0.phone] }).render(output.format), terminator: "")
        }
    }
}

extension AttemptDecision.CallStatus: ExpressibleByArgument {}

struct CallsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "The call queue over a period: calls planned, attempted, reached rate, escalated to manual follow-up.",
        discussion: """
            planned: calls planned for call days in the period; attempted: those dialled at least once; reached_rate = \
            calls where someone was reached / attempted calls; escalated: home-visit tasks for reasons of those calls; staff_tasks: staff calls opened for recalls.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Option(help: "First call day (default today).") var from: String?
    @Option(help: "Last call day (default the first).") var to: String?

    func run() async throws {
        let start = try parseDate(from, option: "--from")
        let end = try to.map { try parseDate($0, option: "--to") } ?? start
        let database = try global.openDatabase()
        let r = try database.read { db in try CallViews.report(db, from: start, to: end) }
        if output.format == .json { return try JSONOutput.print(r) }
        let rate = r.reachedRate.map { String(format: "%.1f%%", $0 * 100) } ?? ""
        print(Listing(columns: ["from", "to", "planned", "attempted", "dials", "reached", "reached_rate", "escalated", "staff_tasks"],
                      rows: [[r.from, r.to, String(r.planned), String(r.attempted), String(r.dials), String(r.reached), rate,
                              String(r.escalated), String(r.staffTasks)]]).render(output.format), terminator: "")
    }
}
