/// Reads the dates people write on forms: `2009-05-01`, `2009/5/1`, `2009.5.1`, `20090501`,
/// `2009年5月1日`. Returns nil for anything else, a date that does not exist, or a year outside
/// `CalendarDate.supportedYears` (1900…2100).
public enum FormDate {
    public static func parse(_ raw: String) -> CalendarDate? {
        let date = parseAnyYear(raw)
        return date?.isSupported == true ? date : nil
    }

    /// A lot's expiry as written on the box: a date, or a month (`2025-06`, `2025/6`), which means
    /// the month's last day (CDSi CALCDTLOTEXP-1). Years as for `parse`.
    public static func expiry(_ raw: String) -> CalendarDate? {
        let text = raw.trimmingSpaces()
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let slashed = text.split(separator: "/", omittingEmptySubsequences: false)
        let month = parts.count == 2 ? parts : slashed.count == 2 ? slashed : nil
        if let month {
            guard month[0].utf8.count == 4, (1...2).contains(month[1].utf8.count),
                  let y = CalendarDate.digits(ArraySlice(month[0].utf8)), let m = CalendarDate.digits(ArraySlice(month[1].utf8)),
                  (1...12).contains(m), CalendarDate.supportedYears.contains(y) else { return nil }
            return CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))
        }
        return parse(text)
    }

    static func parseAnyYear(_ raw: String) -> CalendarDate? {
        let text = raw.trimmingSpaces()
        if let iso = CalendarDate(iso: text) { return iso }
        let bytes = Array(text.utf8)
        if bytes.count == 8, let n = CalendarDate.digits(bytes[...]) {
            return CalendarDate(year: n / 10000, month: n / 100 % 100, day: n % 100)
        }
        var numbers: [Int] = []
        var current: Int?
        var separators: [String] = []
        var sep = ""
        for ch in text {
            if let d = ch.wholeNumberValue, ch.isASCII {
                if current == nil { if !numbers.isEmpty || !sep.isEmpty { separators.append(sep) }; sep = "" }
                let value = (current ?? 0) * 10 + d
                if value > 9999 { return nil }
                current = value
            } else {
                if let c = current { numbers.append(c); current = nil }
                if numbers.count > 3 { return nil }
                // Nothing this long is a date; stops a pasted paragraph from being walked whole.
                if sep.utf8.count > 8 { return nil }
                sep.append(ch)
            }
        }
        if let c = current { numbers.append(c) }
        let trailing = sep
        guard numbers.count == 3, numbers[0] >= 1000 else { return nil }
        let chinese = separators == ["年", "月"] && (trailing == "日" || trailing == "号" || trailing.isEmpty)
        let plain = separators.count == 2 && separators[0] == separators[1]
            && ["/", "-", "."].contains(separators[0]) && trailing.isEmpty
        guard chinese || plain else { return nil }
        return CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2])
    }
}

/// Reads yes/no answers as forms write them: 是/否, 有/无, Y/N, yes/no, 1/0.
public enum FormAnswer {
    public static func parse(_ raw: String) -> Bool? {
        switch raw {
        case "是", "有": return true
        case "否", "无": return false
        default: break
        }
        return switch raw.trimmingSpaces().lowercased() {
        case "是", "有", "y", "yes", "true", "1", "愿意", "同意", "已接种": true
        case "否", "无", "n", "no", "false", "0", "不愿意", "不同意", "未接种", "没有": false
        default: nil
        }
    }
}
