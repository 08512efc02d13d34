import Foundation

/// How a stored number reads in its format, as Excel shows it: never more than 15 significant digits
/// (Excel keeps no more), General as in a standard-width column, dates as `YYYY-MM-DD`.
///
/// Grouping separators, currency symbols, fractions and colours are not reproduced: an importer wants
/// the digits. Formats other than dates, percentages, scientific and fixed decimals read as General.
enum NumberText {
    /// A number or date cell from a stored value and its format.
    static func cell(raw: String, value: Double, format: NumberFormat, system: ExcelDateSystem) -> Cell {
        if case .date(let hasDate, let hasTime, let seconds) = format.shape {
            let date = ExcelDate.calendarDate(serial: value, system: system)
            if let text = dateText(value, date: date, hasDate: hasDate, hasTime: hasTime, seconds: seconds) {
                return Cell(kind: .date, text: text, raw: raw, numberFormat: format.code, date: date)
            }
            return Cell(kind: .number, text: general(value), raw: raw, numberFormat: format.code)
        }
        return Cell(kind: .number, text: text(value, format: format), raw: raw, numberFormat: format.code)
    }

    static func text(_ value: Double, format: NumberFormat) -> String {
        switch format.shape {
        case .general, .date: return general(value)
        case .fixed(let decimals, let percent):
            return percent ? fixed(value * 100, decimals: decimals) + "%" : fixed(value, decimals: decimals)
        case .scientific(let decimals):
            return String(format: "%.\(min(decimals, 14))E", value)
        }
    }

    private static func dateText(_ serial: Double, date: CalendarDate?, hasDate: Bool, hasTime: Bool, seconds: Bool) -> String? {
        var parts: [String] = []
        if hasDate || !hasTime {
            guard let date else { return nil }
            parts.append(date.iso)
        }
        if hasTime {
            guard serial.isFinite, serial >= 0 else { return nil }
            let t = ExcelDate.timeOfDay(serial: serial)
            var time = two(t.hour) + ":" + two(t.minute)
            if seconds { time += ":" + two(t.second) }
            parts.append(time)
        }
        return parts.joined(separator: " ")
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Excel's General in a standard-width column: integers up to 11 digits in full, other numbers in
    /// up to 11 characters, and scientific with 6 significant digits beyond (`3.60102E+17`).
    static func general(_ value: Double) -> String {
        guard value.isFinite else { return "#NUM!" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e11, value == value.rounded(.towardZero) { return String(Int64(value)) }
        if magnitude >= 1e11 || magnitude < 1e-9 {
            return trimMantissa(String(format: "%.5E", value))
        }
        let integerDigits = magnitude >= 1 ? Int(log10(magnitude).rounded(.down)) + 1 : 1
        return trimFraction(fixed(value, decimals: max(0, 10 - integerDigits)))
    }

    /// The value rounded to 15 significant digits, then to `decimals` places (half away from zero).
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "#NUM!" }
        let places = min(max(0, decimals), 30)
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            let integer = String(Int64(value))
            return places == 0 ? integer : integer + "." + String(repeating: "0", count: places)
        }
        guard var exact = Decimal(string: String(format: "%.14e", value), locale: Locale(identifier: "en_US_POSIX")) else {
            return String(format: "%.\(places)f", value)
        }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, places, .plain)
        var text = rounded.description
        if text == "-0" { text = "0" }
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: max(0, places - fraction.count))
    }

    private static func trimFraction(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return t == "-0" ? "0" : String(t)
    }

    /// `3.60102E+17` from `3.60102E+17`, `1E+11` from `1.00000E+11`.
    private static func trimMantissa(_ text: String) -> String {
        guard let e = text.firstIndex(of: "E") else { return text }
        return trimFraction(String(text[..<e])) + text[e...]
    }
}
