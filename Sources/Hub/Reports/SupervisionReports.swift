import PostgresNIO
import ScreenVaxCore

/// `hub report assist`: each clinic's use of the assist services per county and day, from the
/// counties' `assist_usage` records (counts only).
public struct HubAssistReport: Codable, Sendable {
    public struct Line: Codable, Sendable, Equatable {
        public var countyCode: String
        public var county: String
        public var clinic: String
        public var day: String
        public var hookCalls = 0
        public var cardsShown = 0
        public var aiCalls = 0
        public var aiFailures = 0

        enum CodingKeys: String, CodingKey {
            case county, clinic, day
            case countyCode = "county_code"
            case hookCalls = "hook_calls"
            case cardsShown = "cards_shown"
            case aiCalls = "ai_calls"
            case aiFailures = "ai_failures"
        }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var hookCalls = 0
        public var cardsShown = 0
        public var aiCalls = 0
        public var aiFailures = 0

        enum CodingKeys: String, CodingKey {
            case hookCalls = "hook_calls"
            case cardsShown = "cards_shown"
            case aiCalls = "ai_calls"
            case aiFailures = "ai_failures"
        }
    }

    public let from: String
    public let to: String
    public let lines: [Line]
    public let totals: Totals

    public static func run(_ database: HubDatabase, divisions: Divisions, from: CalendarDate, to: CalendarDate,
                           area: String? = nil) async throws -> HubAssistReport {
        var q = SQLParameters()
        let sql = """
            SELECT county_code, clinic, to_char(day, 'YYYY-MM-DD'), sum(hook_calls)::bigint, sum(cards_shown)::bigint,
                   sum(ai_calls)::bigint, sum(ai_failures)::bigint
            FROM hub_assist_usage WHERE day BETWEEN \(q.date(from)) AND \(q.date(to)) \(areaFilter(&q, area))
            GROUP BY 1, 2, 3 ORDER BY 3, 1, 2
            """
        var lines: [Line] = []
        var totals = Totals()
        for row in try await database.rows(q.query(sql)) {
            let (code, clinic, day, calls, cards, ai, failures) = try row.decode((String, String, String, Int, Int, Int, Int).self)
            lines.append(Line(countyCode: code, county: divisions.county(code: code)?.name ?? code, clinic: clinic, day: day,
                              hookCalls: calls, cardsShown: cards, aiCalls: ai, aiFailures: failures))
            totals.hookCalls += calls; totals.cardsShown += cards; totals.aiCalls += ai; totals.aiFailures += failures
        }
        return HubAssistReport(from: from.iso, to: to.iso, lines: lines, totals: totals)
    }
}

/// `hub report calls`: follow-up call attempts and their outcomes per county and day, from the
/// counties' `call_outcome` records.
public struct HubCallsReport: Codable, Sendable {
    public struct Line: Codable, Sendable, Equatable {
        public var countyCode: String
        public var county: String
        public var day: String
        public var attempts = 0
        public var reached = 0
        public var escalated = 0
        public var outcomes: [String: Int] = [:]

        enum CodingKeys: String, CodingKey {
            case county, day, attempts, reached, escalated, outcomes
            case countyCode = "county_code"
        }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var attempts = 0
        public var reached = 0
        public var escalated = 0
        public var outcomes: [String: Int] = [:]
    }

    public let from: String
    public let to: String
    public let lines: [Line]
    public let totals: Totals

    /// Outcomes that reached the family (the county's `reached_rate` counts the same two).
    static let reachedOutcomes = ["reached", "reached_declined"]

    public static func run(_ database: HubDatabase, divisions: Divisions, from: CalendarDate, to: CalendarDate,
                           area: String? = nil) async throws -> HubCallsReport {
        var q = SQLParameters()
        let sql = """
            SELECT county_code, to_char(day, 'YYYY-MM-DD'), coalesce(outcome, 'unknown'), count(*)::bigint,
                   coalesce(sum(escalated), 0)::bigint
            FROM hub_call_outcomes WHERE day BETWEEN \(q.date(from)) AND \(q.date(to)) \(areaFilter(&q, area))
            GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
            """
        var byKey: [String: Line] = [:]
        var totals = Totals()
        for row in try await database.rows(q.query(sql)) {
            let (code, day, outcome, n, escalated) = try row.decode((String, String, String, Int, Int).self)
            var line = byKey[day + code] ?? Line(countyCode: code, county: divisions.county(code: code)?.name ?? code, day: day)
            line.attempts += n
            line.escalated += escalated
            line.outcomes[outcome, default: 0] += n
            if reachedOutcomes.contains(outcome) { line.reached += n }
            byKey[day + code] = line
            totals.attempts += n
            totals.escalated += escalated
            totals.outcomes[outcome, default: 0] += n
            if reachedOutcomes.contains(outcome) { totals.reached += n }
        }
        let lines = byKey.values.sorted { ($0.day, $0.countyCode) < ($1.day, $1.countyCode) }
        return HubCallsReport(from: from.iso, to: to.iso, lines: lines, totals: totals)
    }
}

/// `AND county_code …` for an area: a county (its code), a city (its counties) or the province.
func areaFilter(_ q: inout SQLParameters, _ area: String?) -> String {
    guard let area, area != "360000" else { return "" }
    if area.hasSuffix("00") { return "AND left(county_code, 4) = \(q.p(String(area.prefix(4))))" }
    return "AND county_code = \(q.p(area))"
}
