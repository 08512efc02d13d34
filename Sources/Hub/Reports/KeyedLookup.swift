/// The joins of a statement that works out the state of a few people (the deriver's keyed
/// refreshes) or of everyone (a full report or rebuild).
enum KeyedLookup {
    /// A join to `table` on `condition`. `keyed`: the rows of a few people, each looked up by
    /// index on its own (a LATERAL subquery that OFFSET 0 keeps apart). PostgreSQL's estimates
    /// of such a scope are off by orders of magnitude either way, and a plan built on them
    /// scans or hashes whole tables, or loops over thousands of rows per row.
    static func join(_ table: String, _ alias: String, on condition: String, keyed: Bool, left: Bool = false) -> String {
        guard keyed else { return "\(left ? "LEFT JOIN" : "JOIN") \(table) \(alias) ON \(condition)" }
        let lateral = "LATERAL (SELECT * FROM \(table) \(alias) WHERE \(condition) OFFSET 0) \(alias)"
        return left ? "LEFT JOIN \(lateral) ON true" : "CROSS JOIN \(lateral)"
    }
}
