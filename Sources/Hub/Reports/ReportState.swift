import PostgresNIO

/// The rules a report's kept state was worked out by (`hub_report_state`, one row per report): the
/// state is read only when they are the programme's, and worked out again from the records when not.
enum ReportState {
    static func isKept(_ database: HubDatabase, name: String, rules: String) async throws -> Bool {
        let rows = try await database.rows("SELECT rules FROM hub_report_state WHERE name = \(name)")
        return try rows.first?.decode(String.self) == rules
    }

    /// Runs `rebuild` and records `rules` unless the state was kept by them. One transaction, under
    /// an advisory lock (`lock`) a second hub starting at once waits on.
    static func prepare(_ database: HubDatabase, name: String, rules: String, lock: Int,
                        rebuild: (PostgresConnection) async throws -> Void) async throws {
        try await database.transaction { connection in
            let logger = database.logger
            try await connection.run("SELECT pg_advisory_xact_lock(\(lock))", logger)
            let kept = try await connection.query("SELECT rules FROM hub_report_state WHERE name = \(name)", logger: logger)
                .collect().first?.decode(String.self)
            guard kept != rules else { return }
            try await rebuild(connection)
            try await connection.run("""
                INSERT INTO hub_report_state (name, rules, built_at) VALUES (\(name), \(rules), now())
                ON CONFLICT (name) DO UPDATE SET rules = EXCLUDED.rules, built_at = EXCLUDED.built_at
                """, logger)
        }
    }
}
