/// How a computed date that does not exist (31 Aug + 6 months) is settled.
public enum MonthEndRule: String, Codable, Sendable {
    /// CDC CDSi CALCDT-5: move forward to the first day of the next month (2024-02-31 → 2024-03-01).
    case rollForward = "roll_forward"
    /// Clamp to the last day of the month (2024-02-31 → 2024-02-29), as Java and Foundation do.
    case clamp
}

/// A signed span of years, months, weeks and days, written as data: `6 months`, `5 months - 4 days`.
///
/// Added to a date the CDSi way (CALCDT-1…6): years first, then months, settling a date that does
/// not exist by the month-end rule, then weeks and days as a count of days.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public var years: Int
    public var months: Int
    public var days: Int

    /// Weeks are counted as days; a count beyond `Int`'s range stops at its end instead of trapping.
    public init(years: Int = 0, months: Int = 0, weeks: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = weeks.saturatingMultiplied(by: 7).saturatingAdding(days)
    }

    public static let zero = Period()

    /// Parses `9 years - 4 days`, `13 years + 4 weeks`, `6 months`, `0 days`.
    public init?(_ text: String) {
        var result = Period()
        var sign = 1
        var expectNumber = true
        var pendingNumber: Int?
        var signed = false
        let tokens = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !tokens.isEmpty else { return nil }
        for token in tokens {
            if expectNumber {
                if token == "+" || token == "-" {
                    guard !signed else { return nil }
                    sign = token == "-" ? -1 : 1
                    signed = true
                    continue
                }
                var digits = Substring(token)
                if !signed, let first = digits.first, first == "-" || first == "+" {
                    sign = first == "-" ? -1 : 1
                    digits = digits.dropFirst()
                }
                guard let n = Int(digits), n >= 0, digits.allSatisfy(\.isNumber) else { return nil }
                pendingNumber = sign * n  // n >= 0, so -n never overflows
                expectNumber = false
            } else {
                guard let n = pendingNumber else { return nil }
                // A period too long for `Int` is not a period a programme can mean.
                func add(_ total: inout Int, _ value: Int) -> Bool {
                    let (sum, overflow) = total.addingReportingOverflow(value)
                    total = sum
                    return !overflow
                }
                switch token {
                case "year", "years": guard add(&result.years, n) else { return nil }
                case "month", "months": guard add(&result.months, n) else { return nil }
                case "week", "weeks":
                    let (w, overflow) = n.multipliedReportingOverflow(by: 7)
                    guard !overflow, add(&result.days, w) else { return nil }
                case "day", "days": guard add(&result.days, n) else { return nil }
                default: return nil
                }
                pendingNumber = nil
                expectNumber = true
                sign = 1
                signed = false
            }
        }
        guard expectNumber, pendingNumber == nil, !signed else { return nil }
        self = result
    }

    public var description: String {
        var parts: [String] = []
        func add(_ n: Int, _ unit: String) {
            guard n != 0 else { return }
            let magnitude = n.magnitude  // UInt: Int.min has no positive Int
            let word = magnitude == 1 ? unit : unit + "s"
            if parts.isEmpty { parts.append(n < 0 ? "-\(magnitude) \(word)" : "\(n) \(word)") }
            else { parts.append(n < 0 ? "- \(magnitude) \(word)" : "+ \(n) \(word)") }
        }
        add(years, "year"); add(months, "month"); add(days, "day")
        return parts.isEmpty ? "0 days" : parts.joined(separator: " ")
    }
}

extension Period: TextCodable {
    public init?(jsonText: String) { self.init(jsonText) }
    public var jsonText: String { description }
    public static var expectedText: String { "a period such as \"6 months\" or \"5 months - 4 days\"" }
}

extension CalendarDate {
    /// Adds a period per CDSi CALCDT-6: years, then months (settled by `rule`), then days.
    /// Never traps: a result beyond 0001-01-01 or 9999-12-31 stops at that end.
    public func adding(_ period: Period, rule: MonthEndRule = .rollForward) -> CalendarDate {
        // Months split into whole years first, so that no sum below can overflow.
        let monthSum = month + period.months % 12        // -10 ... 23
        let carry = (monthSum - 1).floorDiv(12)          // -1, 0 or 1
        let m = (monthSum - 1).floorMod(12) + 1
        let y = year.saturatingAdding(period.years).saturatingAdding(period.months / 12).saturatingAdding(carry)
        guard y >= CalendarDate.storableYears.lowerBound else { return .earliest }
        guard y <= CalendarDate.storableYears.upperBound else { return .latest }
        var settled: CalendarDate
        let last = CalendarDate.daysIn(month: m, year: y)
        if day <= last {
            settled = CalendarDate(unchecked: y, m, day)
        } else {
            switch rule {
            case .rollForward:
                settled = m == 12 ? (y == CalendarDate.storableYears.upperBound ? .latest : CalendarDate(unchecked: y + 1, 1, 1))
                    : CalendarDate(unchecked: y, m + 1, 1)
            case .clamp:
                settled = CalendarDate(unchecked: y, m, last)
            }
        }
        if period.days != 0 { settled = settled.addingDays(period.days) }
        return settled
    }

    /// The same, or nil when the result falls outside `supportedYears`.
    public func checkedAdding(_ period: Period, rule: MonthEndRule = .rollForward) -> CalendarDate? {
        let date = adding(period, rule: rule)
        return date.isSupported ? date : nil
    }

    /// Completed years of age on `date` for someone born on `self`: the birthday of a year counts
    /// from the date `self + N years` (so a 29 February birthday falls on 1 March under roll-forward).
    public func age(on date: CalendarDate, rule: MonthEndRule = .rollForward) -> Int {
        var years = date.year - year
        if years < 0 { return -1 }
        while years > 0 && adding(Period(years: years), rule: rule) > date { years -= 1 }
        return years
    }
}

extension Int {
    func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
    func floorMod(_ d: Int) -> Int { self - floorDiv(d) * d }

    /// `self + other`, stopping at `Int.min` / `Int.max`.
    public func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self * other`, stopping at `Int.min` / `Int.max`.
    public func saturatingMultiplied(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }
}
