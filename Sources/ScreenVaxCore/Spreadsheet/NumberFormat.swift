import Foundation

/// A cell's number format (styles.xml), reduced to what decides how a number reads: a date or time, a
/// fixed number of decimals, a percentage, scientific, or Excel's General.
struct NumberFormat: Sendable, Equatable {
    enum Shape: Sendable, Equatable {
        case general
        case fixed(decimals: Int, percent: Bool)
        case scientific(decimals: Int)
        /// A date, a time or both; `seconds` when the format shows them.
        case date(hasDate: Bool, hasTime: Bool, seconds: Bool)
    }

    let code: String
    let shape: Shape

    init(code: String) {
        self.code = code
        shape = NumberFormat.shape(of: code)
    }

    static let general = NumberFormat(code: "General")

    var isDate: Bool {
        if case .date = shape { return true }
        return false
    }

    /// Excel's built-in formats (ECMA-376 18.8.30), as Chinese Excel and WPS use them: 14 is the locale's
    /// short date and 27–36, 50–58 are the East Asian date and time formats.
    static func builtIn(_ id: Int) -> NumberFormat {
        let code: String
        switch id {
        case 1: code = "0"
        case 2: code = "0.00"
        case 3: code = "#,##0"
        case 4: code = "#,##0.00"
        case 9: code = "0%"
        case 10: code = "0.00%"
        case 11: code = "0.00E+00"
        case 14: code = "yyyy/m/d"
        case 15: code = "d-mmm-yy"
        case 16: code = "d-mmm"
        case 17: code = "mmm-yy"
        case 18: code = "h:mm AM/PM"
        case 19: code = "h:mm:ss AM/PM"
        case 20: code = "h:mm"
        case 21: code = "h:mm:ss"
        case 22: code = "yyyy/m/d h:mm"
        case 27, 36, 50, 57: code = "yyyy\"年\"m\"月\""
        case 28, 29, 54: code = "m\"月\"d\"日\""
        case 30: code = "m-d-yy"
        case 31, 51, 52, 53, 58: code = "yyyy\"年\"m\"月\"d\"日\""
        case 32, 55: code = "h\"时\"mm\"分\""
        case 33, 56: code = "h\"时\"mm\"分\"ss\"秒\""
        case 34: code = "上午/下午h\"时\"mm\"分\""
        case 35: code = "上午/下午h\"时\"mm\"分\"ss\"秒\""
        case 37, 38: code = "#,##0 ;(#,##0)"
        case 39, 40: code = "#,##0.00;(#,##0.00)"
        case 45: code = "mm:ss"
        case 46: code = "[h]:mm:ss"
        case 47: code = "mmss.0"
        case 48: code = "##0.0E+0"
        case 49: code = "@"
        default: code = "General"
        }
        return NumberFormat(code: code)
    }

    /// The format's first section with quoted text, escaped characters, fills, spacers and bracketed
    /// codes (colours, locales, `[DBNum1]`, conditions) removed; elapsed-time brackets (`[h]`) are kept.
    static func tokens(of code: String) -> [Character] {
        var out: [Character] = []
        var iterator = code.makeIterator()
        while let c = iterator.next() {
            switch c {
            case ";": return out
            case "\"": while let q = iterator.next(), q != "\"" {}
            case "\\", "_", "*": _ = iterator.next()
            case "[":
                var inside = ""
                while let b = iterator.next(), b != "]" { inside.append(b) }
                let lower = inside.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { out.append(contentsOf: lower) }
            default: out.append(c)
            }
        }
        return out
    }

    static func shape(of code: String) -> Shape {
        if code.isEmpty || code.lowercased() == "general" { return .general }
        let tokens = tokens(of: code).map { Character($0.lowercased()) }
        let hasYearOrDay = tokens.contains("y") || tokens.contains("d")
        let hasHourOrSecond = tokens.contains("h") || tokens.contains("s")
        // "AM/PM" has an m that is not a minute; other letters of a number format are literal text.
        let withoutMeridiem = String(tokens).replacingOccurrences(of: "am/pm", with: "").replacingOccurrences(of: "a/p", with: "")
        let hasMonthOrMinute = withoutMeridiem.contains("m")
        if hasYearOrDay || hasHourOrSecond || hasMonthOrMinute {
            return .date(hasDate: hasYearOrDay || (hasMonthOrMinute && !hasHourOrSecond),
                         hasTime: hasHourOrSecond, seconds: tokens.contains("s"))
        }
        guard tokens.contains(where: { $0 == "0" || $0 == "#" || $0 == "?" }) else { return .general }
        var decimals = 0
        if let point = tokens.firstIndex(of: ".") {
            decimals = tokens[(point + 1)...].prefix(while: { $0 == "0" || $0 == "#" || $0 == "?" }).count
        }
        if tokens.contains("e") { return .scientific(decimals: decimals) }
        if tokens.contains("/") { return .general }
        return .fixed(decimals: decimals, percent: tokens.contains("%"))
    }
}
