/// A migration file cut into its statements: postgres-nio speaks PostgreSQL's extended protocol,
/// which takes one statement at a time.
///
/// A `;` ends a statement unless it is inside a quoted string or identifier, a dollar-quoted
/// body (`$$ … $$`, `$tag$ … $tag$`) or a comment.
enum SQLScript {
    static func statements(_ text: String) -> [String] {
        let chars = Array(text.unicodeScalars)
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        func flush() {
            let s = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !s.isEmpty && !isOnlyComments(s) { out.append(s) }
            current = String.UnicodeScalarView()
        }
        while i < chars.count {
            let c = chars[i]
            if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { current.append(chars[i]); i += 1 }
                continue
            }
            if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                current.append(c); current.append(chars[i + 1]); i += 2
                while i < chars.count, !(chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/") { current.append(chars[i]); i += 1 }
                if i < chars.count { current.append(chars[i]); current.append(chars[i + 1]); i += 2 }
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c); i += 1
                while i < chars.count {
                    current.append(chars[i])
                    if chars[i] == c {
                        // A doubled quote is a quote inside the string.
                        if i + 1 < chars.count, chars[i + 1] == c { current.append(chars[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if c == "$", let tag = dollarTag(chars, at: i) {
                for s in tag { current.append(s) }
                i += tag.count
                while i < chars.count {
                    if chars[i] == "$", Array(chars[i..<min(chars.count, i + tag.count)]) == tag {
                        for s in tag { current.append(s) }
                        i += tag.count
                        break
                    }
                    current.append(chars[i]); i += 1
                }
                continue
            }
            if c == ";" { flush(); i += 1; continue }
            current.append(c); i += 1
        }
        flush()
        return out
    }

    /// `$$` or `$name$` starting at `i`, else nil (a `$1` parameter is not a tag).
    private static func dollarTag(_ chars: [Unicode.Scalar], at i: Int) -> [Unicode.Scalar]? {
        var j = i + 1
        while j < chars.count, chars[j] == "_" || chars[j].properties.isAlphabetic || (j > i + 1 && ("0"..."9").contains(chars[j])) {
            j += 1
        }
        guard j < chars.count, chars[j] == "$" else { return nil }
        return Array(chars[i...j])
    }

    private static func isOnlyComments(_ s: String) -> Bool {
        s.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") || $0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
