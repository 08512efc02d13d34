import ScreenVaxCore
import ScreenVaxMacros

/// A clinical moment: a calendar date, with the time of day when known (China Standard Time).
/// `2023-05-01` or `2023-05-01T08:30`.
@PublicInit
public struct ClinicalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CalendarDate
    /// Minutes after midnight, nil when only the date is known.
    public let minute: Int?

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM` (the date part in any form
    /// `FormDate` reads when there is no time).
    public init?(_ raw: String) {
        let text = raw.trimmingSpaces()
        if let sep = text.firstIndex(where: { $0 == "T" || $0 == " " }) {
            guard let date = FormDate.parse(String(text[..<sep])) else { return nil }
            let clock = text[text.index(after: sep)...].split(separator: ":")
            guard (2...3).contains(clock.count), let h = Int(clock[0]), let m = Int(clock[1]),
                  (0...23).contains(h), (0...59).contains(m), clock[0].count <= 2, clock[1].count == 2 else { return nil }
            self.init(date: date, minute: h * 60 + m)
        } else {
            guard let date = FormDate.parse(text) else { return nil }
            self.init(date: date)
        }
    }

    public var description: String {
        guard let minute else { return date.iso }
        let h = minute / 60, m = minute % 60
        return date.iso + "T" + (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// Minutes since 1970-01-01 00:00 (the earliest minute of the day when no time is known).
    public var earliestMinute: Int { date.dayNumber * 1440 + (minute ?? 0) }
    /// The latest minute this moment can be (23:59 when no time is known).
    public var latestMinute: Int { date.dayNumber * 1440 + (minute ?? 1439) }

    public static func < (a: ClinicalTime, b: ClinicalTime) -> Bool {
        (a.date, a.minute ?? -1) < (b.date, b.minute ?? -1)
    }

    /// The date `hours` after this moment (by the exact minute when known).
    public func date(afterHours hours: Int) -> CalendarDate {
        CalendarDate(dayNumber: (earliestMinute + hours * 60).floorDivided(by: 1440))
    }
}

extension Int {
    func floorDivided(by d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
}
