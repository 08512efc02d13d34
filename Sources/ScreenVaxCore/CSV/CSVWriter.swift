/// The one way ScreenVax writes CSV: the CLI's `--format csv`, exports, errors files, the web's
/// downloads. RFC 4180 quoting (a cell with a comma, quote or line break is quoted, quotes doubled),
/// and formula cells neutralised: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a CR as a formula (`=HYPERLINK(…)` in a name), so such a cell gets a leading `'`,
/// which Excel and WPS show as text and do not print.
///
/// A plain number (`-3`, `+8613800000000`, `0.25`) or a sign alone (`-` for none) is never a
/// formula and is left as it is. A
/// column the caller knows to hold numbers (phones a dialler reads) can be written verbatim.
public struct CSVWriter: Sendable {
    public enum LineEnd: String, Sendable {
        /// What Excel writes; for files people open.
        case crlf = "\r\n"
        /// What a terminal prints; for `--format csv` on standard output.
        case lf = "\n"
    }

    public private(set) var text: String
    public let lineEnd: LineEnd

    /// - Parameter byteOrderMark: start with U+FEFF, so that Excel on Chinese Windows reads UTF-8.
    public init(byteOrderMark: Bool = false, lineEnd: LineEnd = .crlf) {
        text = byteOrderMark ? "\u{FEFF}" : ""
        self.lineEnd = lineEnd
    }

    /// Appends one record. `verbatim` holds the indexes of cells written without neutralising.
    public mutating func row(_ cells: [String], verbatim: Set<Int> = []) {
        text += CSVWriter.line(cells, verbatim: verbatim)
        text += lineEnd.rawValue
    }

    /// One record without its line end.
    public static func line(_ cells: [String], verbatim: Set<Int> = []) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { out += "," }
            out += field(cell, neutralise: !verbatim.contains(i))
        }
        return out
    }

    /// One cell, quoted when it must be and neutralised unless `neutralise` is false.
    public static func field(_ cell: String, neutralise: Bool = true) -> String {
        let text = neutralise && isFormula(cell) ? "'" + cell : cell
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet would read the cell as a formula.
    public static func isFormula(_ cell: String) -> Bool {
        guard let first = cell.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        // A sign alone ("-" for "none") carries nothing to run; a sign before a plain number is a number.
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return cell.utf8.count > 1 && !isPlainNumber(cell.utf8.dropFirst())
        default: return false
        }
    }

    /// Digits with at most one decimal point inside: what follows a sign in a number.
    static func isPlainNumber(_ bytes: String.UTF8View.SubSequence) -> Bool {
        var digits = 0
        var point = false
        var last: UInt8 = 0
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { digits += 1 }
            else if b == UInt8(ascii: "."), !point, digits > 0 { point = true }
            else { return false }
            last = b
        }
        return digits > 0 && last != UInt8(ascii: ".")
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation (Core's writer stays linear and small).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
