/// A small, fast writer of one flat JSON object, for wire payloads written hundreds of thousands
/// of times in one import (Foundation's encoder costs too much there). Keys are written in order.
public struct JSONWriter: Sendable {
    private var text = "{"
    private var first = true

    /// Room for a typical record up front: growing the string step by step copied it several times.
    public init(capacity: Int = 512) { text.reserveCapacity(capacity) }

    private mutating func key(_ name: String) {
        text += first ? "\"" : ",\""
        first = false
        text += name
        text += "\":"
    }

    public mutating func string(_ name: String, _ value: String?) {
        key(name)
        guard let value else { text += "null"; return }
        JSONWriter.appendQuoted(value, to: &text)
    }

    public mutating func int(_ name: String, _ value: Int?) {
        key(name)
        text += value.map(String.init) ?? "null"
    }

    public mutating func bool(_ name: String, _ value: Bool?) {
        key(name)
        text += value.map { $0 ? "true" : "false" } ?? "null"
    }

    public mutating func double(_ name: String, _ value: Double?) {
        key(name)
        guard let value, value.isFinite else { text += "null"; return }
        text += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    public mutating func strings(_ name: String, _ values: [String]) {
        key(name)
        text += "["
        for (i, v) in values.enumerated() {
            if i > 0 { text += "," }
            JSONWriter.appendQuoted(v, to: &text)
        }
        text += "]"
    }

    /// Inserts already-encoded JSON as the value.
    public mutating func raw(_ name: String, _ json: String) {
        key(name)
        text += json
    }

    public func finished() -> String { text + "}" }

    public static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        var needsEscape = false
        for b in value.utf8 where b < 0x20 || b == 0x22 || b == 0x5C { needsEscape = true; break }
        if !needsEscape {
            text += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        text.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        text += "\""
    }
}
