import PostgresNIO

/// `hub stats --format json`: how many record versions arrived, how many distinct, how many
/// dropped as duplicates (replayed batches included): received = distinct + duplicates_dropped.
public struct HubStats: Codable, Sendable, Equatable {
    public let received: Int
    public let distinct: Int
    public let duplicatesDropped: Int
    public let rejected: Int
    public let batches: Int
    public let replayedBatches: Int
    public let counties: Int
    /// Notes of stored records the deriver has not taken yet (conflicts and the reports' state
    /// lag the ingest by this much; every reader of them takes them first).
    public let backlog: Int

    enum CodingKeys: String, CodingKey {
        case received, distinct, rejected, batches, counties, backlog
        case duplicatesDropped = "duplicates_dropped"
        case replayedBatches = "replayed_batches"
    }

    /// Summed from the batches' own counts: no shared counter row for concurrent batches to wait on.
    public static func read(_ database: HubDatabase, county: String? = nil) async throws -> HubStats {
        let rows = try await database.rows("""
            SELECT coalesce(sum(records::bigint * (1 + replays)), 0)::bigint,
                   coalesce(sum(stored), 0)::bigint,
                   coalesce(sum(duplicates::bigint + records::bigint * replays), 0)::bigint,
                   coalesce(sum(rejected::bigint * (1 + replays)), 0)::bigint,
                   count(*)::bigint,
                   coalesce(sum(replays), 0)::bigint,
                   count(DISTINCT county_code)::bigint,
                   (SELECT count(*) FROM hub_dirty WHERE \(county)::text IS NULL OR county_code = \(county))::bigint
            FROM hub_batches WHERE \(county)::text IS NULL OR county_code = \(county)
            """)
        guard let row = rows.first else { throw HubError.notMigrated }
        let (received, distinct, duplicates, rejected, batches, replays, counties, backlog) =
            try row.decode((Int, Int, Int, Int, Int, Int, Int, Int).self)
        return HubStats(received: received, distinct: distinct, duplicatesDropped: duplicates, rejected: rejected,
                        batches: batches, replayedBatches: replays, counties: counties, backlog: backlog)
    }
}
