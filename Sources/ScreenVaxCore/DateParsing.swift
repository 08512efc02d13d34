/// Reads the dates people write on forms: `2009-05-01`, `2009/5/1`, `2009.5.1`, `20090501`,
/// `2009年5月1日`. Returns nil for anything else or a date that does not exist.
public enum FormDate {
    public static func parse(_ raw: String) -> CalendarDate? {
        let text = raw.trimmingSpaces()
        if let iso = CalendarDate(iso: text) { return iso }
        let bytes = Array(text.utf8)
        if bytes.count == 8, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let n = Int(text)!
            return CalendarDate(year: n / 10000, month: n / 100 % 100, day: n % 100)
        }
        var numbers: [Int] = []
        var current: Int?
        var separators: [String] = []
        var sep = ""
        for ch in text {
            if let d = ch.wholeNumberValue, ch.isASCII {
                if current == nil { if !numbers.isEmpty || !sep.isEmpty { separators.append(sep) }; sep = "" }
                current = (current ?? 0) * 10 + d
                if current! > 9999 { return nil }
            } else {
                if let c = current { numbers.append(c); current = nil }
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
