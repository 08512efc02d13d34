/// Pure clean-ups of a cell's text that the importers share, for what spreadsheets and the people typing
/// into them leave behind.
public enum CellText {
    /// Trims the ends, drops one leading apostrophe, and turns full-width digits and Latin letters into
    /// ASCII: `" '３６０１０２２０１１０５１０００２Ｘ "` → `"36010220110510002X"`.
    public static func cleaned(_ text: String) -> String {
        trimmed(withoutLeadingApostrophe(trimmed(asciiDigitsAndLetters(text))))
    }

    /// Full-width digits and Latin letters (a Chinese input method in full-width mode types `３６０１`,
    /// `Ｘ`) as ASCII; other full-width characters (，（）：) are left as they are.
    public static func asciiDigitsAndLetters(_ text: String) -> String {
        // Every full-width letter and digit is encoded EF BC xx or EF BD xx: a byte scan rules most cells out.
        guard text.utf8.contains(0xEF), text.unicodeScalars.contains(where: { isFullWidthAlphanumeric($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isFullWidthAlphanumeric(s), let ascii = Unicode.Scalar(s.value - 0xFEE0) {
                scalars.append(ascii)
            } else {
                scalars.append(s)
            }
        }
        return String(scalars)
    }

    private static func isFullWidthAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        (0xFF10...0xFF19).contains(s.value) || (0xFF21...0xFF3A).contains(s.value) || (0xFF41...0xFF5A).contains(s.value)
    }

    /// The text without one leading apostrophe (`'` or full-width `＇`), which Excel uses to mark a
    /// number typed as text and which some exporters write into the file.
    public static func withoutLeadingApostrophe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, first == "'" || first == "\u{FF07}" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }

    /// The text without white space at either end: spaces, tabs, line breaks, no-break spaces (U+00A0,
    /// pasted from web pages), the ideographic space (U+3000), zero-width spaces and byte-order marks.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        // Asked of every cell: most have nothing to trim, which their first and last scalars tell.
        if let first = scalars.first, let last = scalars.last, !isBlank(first), !isBlank(last) { return text }
        guard let start = scalars.firstIndex(where: { !isBlank($0) }),
              let end = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(scalars[start...end])
    }

    /// Whether the text is empty once trimmed; asked of every cell of every row, so it makes no string.
    public static func isBlank(_ text: String) -> Bool {
        !text.unicodeScalars.contains { !isBlank($0) }
    }

    private static func isBlank(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Whether text reads like a number Excel wrote in scientific notation (`3.60102E+17`): what an
    /// 18-digit ID becomes in a General cell saved as CSV, its last digits lost.
    public static func isScientificNumber(_ text: String) -> Bool {
        // Asked of every ID cell: one without an E is answered without copying it.
        guard text.utf8.contains(where: { $0 == 0x45 || $0 == 0x65 }) else { return false }
        let bytes = Array(trimmed(text).utf8)
        guard let e = bytes.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }), e > 0, e + 1 < bytes.count else { return false }
        let mantissa = bytes[..<e], exponent = bytes[(e + 1)...]
        var sawDigit = false, sawPoint = false
        for (i, b) in mantissa.enumerated() {
            if b >= 48 && b <= 57 { sawDigit = true } else if b == 0x2E && !sawPoint { sawPoint = true } else if i == 0 && b == 0x2D {} else { return false }
        }
        let digits = exponent.first == 0x2B || exponent.first == 0x2D ? exponent.dropFirst() : exponent[...]
        return sawDigit && !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
