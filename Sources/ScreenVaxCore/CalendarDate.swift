/// A clinical calendar date (year, month, day) with no time of day and no zone.
///
/// Ages, intervals and windows are computed on calendar dates only, never on `Date`,
/// so that a server's time zone can never move a birthday or a due date by a day.
///
/// A date a person types is accepted only inside `supportedYears`; a date already stored reads
/// back whatever its year (0001…9999), and arithmetic never traps: it stops at the ends of that range.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a date typed or sent by a user may have: anything else is a typing mistake
    /// (`10000-06`, `0209-05-01`), and refusing it keeps every computed date far from the ends.
    public static let supportedYears = 1900...2100

    /// Every date this type can hold, for sentinels such as the CDSi's 2999-12-31.
    static let storableYears = 1...9999
    public static let earliest = CalendarDate(unchecked: 1, 1, 1)
    public static let latest = CalendarDate(unchecked: 9999, 12, 31)

    /// Creates a date that is known to exist; returns nil for 2023-02-29 and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard CalendarDate.storableYears.contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly (the wire and file format), any year from 0001 to 9999, so
    /// that what was stored always reads back. Input from users goes through `FormDate` or
    /// `init(supportedISO:)`, which keep to `supportedYears`.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = CalendarDate.digits(bytes[0..<4]), let m = CalendarDate.digits(bytes[5..<7]),
              let d = CalendarDate.digits(bytes[8..<10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD` with a year in `supportedYears`.
    public init?(supportedISO text: some StringProtocol) {
        guard let date = CalendarDate(iso: text), date.isSupported else { return nil }
        self = date
    }

    /// Whether the year is one a user may type (`supportedYears`).
    public var isSupported: Bool { CalendarDate.supportedYears.contains(year) }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic and differences.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date of a day number; numbers beyond 0001-01-01 or 9999-12-31 give that end.
    public init(dayNumber z0: Int) {
        guard z0 > CalendarDate.earliestDayNumber else { self = .earliest; return }
        guard z0 < CalendarDate.latestDayNumber else { self = .latest; return }
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static let earliestDayNumber = CalendarDate.earliest.dayNumber
    static let latestDayNumber = CalendarDate.latest.dayNumber

    /// `days` later (earlier when negative); stops at 0001-01-01 and 9999-12-31 instead of trapping.
    public func addingDays(_ days: Int) -> CalendarDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return CalendarDate(dayNumber: sum)
    }

    /// `days` later, or nil when the result falls outside `supportedYears` (a window or a
    /// `within` a user asked for that no clinic date can reach).
    public func checkedAddingDays(_ days: Int) -> CalendarDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow, sum > CalendarDate.earliestDayNumber, sum < CalendarDate.latestDayNumber else { return nil }
        let date = CalendarDate(dayNumber: sum)
        return date.isSupported ? date : nil
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }
}

extension CalendarDate: TextCodable {
    /// Dates in JSON (programme files, request bodies) are input: only `supportedYears`.
    public init?(jsonText: String) { self.init(supportedISO: jsonText) }
    public var jsonText: String { iso }
    public static var expectedText: String { "a date YYYY-MM-DD between 1900 and 2100" }
}
