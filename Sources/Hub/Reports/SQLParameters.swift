import PostgresNIO
import ScreenVaxCore

/// Values bound to a query as it is written: `p(x)` appends x and returns its `$n`, so a report's
/// SQL takes the programme's data as parameters, never as text pasted into it.
struct SQLParameters {
    private(set) var binds = PostgresBindings()

    mutating func p<T: PostgresDynamicTypeEncodable>(_ value: T) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    mutating func date(_ day: CalendarDate) -> String { p(day.iso) + "::date" }

    /// `hub_add_period(<date expression>, years, months, days, roll_forward)`: CDSi date arithmetic.
    mutating func adding(_ period: Period, to date: String, rule: MonthEndRule) -> String {
        "hub_add_period(\(date), \(p(period.years))::integer, \(p(period.months))::integer, \(p(period.days))::integer, \(p(rule == .rollForward)))"
    }

    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
