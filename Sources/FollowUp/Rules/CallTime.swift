import Foundation
import ScreenVaxCore

/// A moment in China Standard Time to the minute: what call windows, retry spacing and the plan
/// are judged on. Rule functions take it as an argument; only commands read the clock.
public struct CallTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let day: CalendarDate
    /// Minutes after midnight, 0...1439.
    public let minute: Int

    public init(day: CalendarDate, minute: Int) {
        let total = day.dayNumber * 1440 + minute
        self.day = CalendarDate(dayNumber: Int((Double(total) / 1440).rounded(.down)))
        self.minute = total - self.day.dayNumber * 1440
    }

    public init(day: CalendarDate, hour: Int, minute: Int) { self.init(day: day, minute: hour * 60 + minute) }

    /// Parses `YYYY-MM-DDTHH:MM`, with optional `:SS` and an optional `+08:00` (the only offset taken).
    public init?(_ raw: String) {
        var text = Substring(raw.trimmingSpaces())
        if text.hasSuffix("+08:00") { text = text.dropLast(6) } else if text.hasSuffix("Z") || text.contains("+") { return nil }
        guard let sep = text.firstIndex(where: { $0 == "T" || $0 == " " }),
              let day = CalendarDate(iso: text[..<sep]),
              let minute = LocalTime.minutes(String(text[text.index(after: sep)...]), allowSeconds: true), minute < 1440
        else { return nil }
        self.init(day: day, minute: minute)
    }

    /// Now, from a clock, in China Standard Time.
    public static func now(_ clock: Clock = .system) -> CallTime { CallTime(Clock.timestamp(clock.now()))! }

    public var absoluteMinute: Int { day.dayNumber * 1440 + minute }

    public func adding(minutes: Int) -> CallTime { CallTime(day: day, minute: minute + minutes) }

    public static func < (a: CallTime, b: CallTime) -> Bool { a.absoluteMinute < b.absoluteMinute }

    /// `2024-04-15T09:00:00+08:00`: times on the wire carry their offset.
    public var iso: String { day.iso + "T" + LocalTime.text(minute) + ":00+08:00" }
    public var description: String { iso }
}

/// `HH:MM` on a 24-hour clock.
public enum LocalTime {
    public static func minutes(_ text: String, allowSeconds: Bool = false) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || (allowSeconds && parts.count == 3), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...59).contains(m) else { return nil }
        if parts.count == 3 { guard let s = Int(parts[2]), (0...59).contains(s) else { return nil } }
        if h == 24 && m == 0 && parts.count == 2 { return 1440 }
        guard (0...23).contains(h) else { return nil }
        return h * 60 + m
    }

    public static func text(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }
}
