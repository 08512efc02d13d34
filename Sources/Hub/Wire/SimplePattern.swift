/// A schema `pattern` of ASCII literals and bracket classes with counts, anchored at both ends
/// (`^[0-9a-f]{8}-…$`, `^36[0-9]{4}$`, `^[a-z][a-z_]*$`), matched on the string's bytes.
///
/// Most fields of a batch have such a pattern (every uuid), and NSRegularExpression bridges each
/// string to an NSString and runs ICU for it: a large share of the hub's CPU per batch. Patterns
/// with anything more (groups, alternation) are left to NSRegularExpression. `$` is the end of
/// the string only, as JSON Schema (ECMA-262) reads it: ICU's would also allow a final newline.
struct SimplePattern: Sendable {
    private struct Item: Sendable {
        /// The bytes this item matches, one flag per ASCII byte.
        var accepts: [Bool]
        var least: Int
        var most: Int
    }

    private let items: [Item]

    /// nil when the pattern is outside the subset.
    init?(_ pattern: String) {
        let p = Array(pattern.utf8)
        guard p.count >= 2, p.first == UInt8(ascii: "^"), p.last == UInt8(ascii: "$"), p.allSatisfy({ $0 < 0x80 }) else { return nil }
        var items: [Item] = []
        var i = 1
        let end = p.count - 1
        while i < end {
            var accepts = [Bool](repeating: false, count: 128)
            switch p[i] {
            case UInt8(ascii: "["):
                i += 1
                guard i < end, p[i] != UInt8(ascii: "^") else { return nil }
                var closed = false
                while i < end {
                    let c = p[i]
                    if c == UInt8(ascii: "]") { closed = true; i += 1; break }
                    guard c != UInt8(ascii: "\\"), c != UInt8(ascii: "[") else { return nil }
                    if i + 2 < end, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                        guard c <= p[i + 2] else { return nil }
                        for b in c...p[i + 2] { accepts[Int(b)] = true }
                        i += 3
                    } else {
                        accepts[Int(c)] = true
                        i += 1
                    }
                }
                guard closed else { return nil }
            case let c:
                // Anything with a meaning of its own in a regular expression is outside the subset.
                guard !Array("\\.()|?+*{}]$^".utf8).contains(c) else { return nil }
                accepts[Int(c)] = true
                i += 1
            }
            var least = 1, most = 1
            if i < end, p[i] == UInt8(ascii: "*") {
                least = 0; most = .max; i += 1
            } else if i < end, p[i] == UInt8(ascii: "{") {
                guard let close = p[i...].firstIndex(of: UInt8(ascii: "}")), close < end else { return nil }
                let bounds = String(decoding: p[(i + 1)..<close], as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
                guard bounds.count == 1 || bounds.count == 2, let low = Int(bounds[0]) else { return nil }
                let high = bounds.count == 1 ? low : Int(bounds[1])
                guard let high, low <= high else { return nil }
                least = low; most = high; i = close + 1
            }
            guard i >= end || !Array("*+?{".utf8).contains(p[i]) else { return nil }
            items.append(Item(accepts: accepts, least: least, most: most))
        }
        self.items = items
    }

    func matches(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { match(0, $0, 0) }
    }

    private func match(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard k < items.count else { return at == bytes.count }
        let item = items[k]
        var n = 0
        while n < item.most, at + n < bytes.count, bytes[at + n] < 0x80, item.accepts[Int(bytes[at + n])] { n += 1 }
        guard n >= item.least else { return false }
        // The longest run first; shorter ones only when what follows needs them.
        while n >= item.least {
            if match(k + 1, bytes, at + n) { return true }
            n -= 1
        }
        return false
    }
}
