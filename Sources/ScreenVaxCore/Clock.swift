import Foundation

/// "Today" and "now" in China Standard Time, whatever the server's zone.
///
/// Rule functions never read the clock: commands read it once and pass the as-of date down.
/// `SCREENVAX_TODAY=YYYY-MM-DD` pins today for training databases and tests.
public struct Clock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public static let system = Clock()

    public static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        return c
    }()

    public func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> CalendarDate {
        if let pinned = environment["SCREENVAX_TODAY"], let date = CalendarDate(supportedISO: pinned) { return date }
        return Clock.day(Clock.calendar.dateComponents([.year, .month, .day], from: now()))
    }

    /// `2026-11-29T08:05:03+08:00`.
    public func timestamp() -> String { Clock.timestamp(now()) }

    public static func timestamp(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day(c).iso)T\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0))+08:00"
    }

    /// The components' date; a `Date` beyond the years 0001…9999 gives that end.
    static func day(_ c: DateComponents) -> CalendarDate {
        guard let year = c.year else { return .earliest }
        return CalendarDate(year: year, month: c.month ?? 1, day: c.day ?? 1) ?? (year < 1 ? .earliest : .latest)
    }
}
