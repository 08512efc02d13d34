import ArgumentParser
import Foundation
import Hub

/// `hub conflicts`: what matching people across counties found wrong.
struct HubConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "People across counties: the same resident ID with another name or birth date, enrolled, pregnant or screened twice.",
        discussion: """
            Kinds: id_conflict (the same ID with another name or birth date), duplicate_enrolment (on two \
            counties' rosters for one programme), duplicate_pregnancy (her open pregnancy registered in two \
            counties), duplicate_service (one pregnancy or newborn screened and subsidised for one service in \
            two counties). A conflict lists until it no longer holds; each county reads its own at \
            GET /api/v1/conflicts. Resident IDs are masked.
            """)
    @OptionGroup var hub: HubOptions
    @Option(help: "Only this kind.") var kind: String?
    @Option(help: "Only conflicts involving this county.") var county: String?
    @Flag(help: "Include resolved conflicts.") var all = false
    @Option(help: "At most this many (default 10000).") var limit = 10_000
    @OptionGroup var output: FormatOption

    func validate() throws {
        if let kind, !ConflictList.kinds.contains(kind) {
            throw ValidationError("--kind must be one of \(ConflictList.kinds.joined(separator: ", "))")
        }
        guard (1...1_000_000).contains(limit) else { throw ValidationError("--limit is 1 to 1000000") }
    }

    func run() async throws {
        let url = try hub.url()
        let (kind, county, all, limit) = (self.kind, self.county, self.all, self.limit)
        let list = try await HubDatabase.using(url) {
            try await ConflictList.read($0, county: county, kind: kind, includeResolved: all, limit: limit)
        }
        if output.format == .json { return try JSONOutput.printArray(list.map(HubConflict.Listing.init)) }
        let rows = list.map { c in
            [c.kind, c.residentIDMasked, c.counties.joined(separator: " "),
             c.records.map { "\($0.countyCode):\($0.type)" }.joined(separator: " "), c.detectedAt, c.resolvedAt ?? ""]
        }
        print(Listing(columns: ["kind", "resident_id", "counties", "records", "detected_at", "resolved_at"], rows: rows)
                .render(output.format), terminator: "")
    }
}
