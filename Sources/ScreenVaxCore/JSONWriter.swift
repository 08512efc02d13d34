/// A small, fast writer of one flat JSON object, for wire payloads written hundreds of thousands
/// of times in one import (Foundation's encoder costs too much there). Keys are written in order.
///
/// It writes UTF-8 bytes into one buffer reserved up front: appending to a `String` piece by piece
/// went through String's general append path for every key and value, and grew it several times.
public struct JSONWriter: Sendable {
    private var bytes: [UInt8]
    private var first = true

    public init(capacity: Int = 512) {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(capacity)
    }

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    private mutating func key(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ name: String, _ value: String?) {
        key(name)
        guard let value else { append("null"); return }
        JSONWriter.appendQuoted(value, to: &bytes)
    }

    public mutating func int(_ name: String, _ value: Int?) {
        key(name)
        append(value.map(String.init) ?? "null")
    }

    public mutating func bool(_ name: String, _ value: Bool?) {
        key(name)
        append(value.map { $0 ? "true" : "false" } ?? "null")
    }

    public mutating func double(_ name: String, _ value: Double?) {
        key(name)
        guard let value, value.isFinite else { append("null"); return }
        append(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
    }

    public mutating func strings(_ name: String, _ values: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendQuoted(v, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Inserts already-encoded JSON as the value.
    public mutating func raw(_ name: String, _ json: String) {
        key(name)
        append(json)
    }

    /// The object's text; consuming, so that the buffer is closed in place rather than copied.
    public consuming func finished() -> String {
        String(decoding: finishedUTF8(), as: UTF8.self)
    }

    /// The object's text as UTF-8, for a caller that stores bytes (an import's outbox entries): valid
    /// by construction, so it need not be checked again as a String would be.
    public consuming func finishedUTF8() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    public static func appendQuoted(_ value: String, to text: inout String) {
        let utf8 = value.utf8
        if !utf8.contains(where: needsEscape) {
            text += "\""
            text += value
            text += "\""
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 8)
        appendQuoted(value, to: &bytes)
        text += String(decoding: bytes, as: UTF8.self)
    }

    /// Quotes, backslash and control characters: the bytes a JSON string escapes.
    private static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// Appends `value` as a JSON string: quotes, backslash and control characters escaped.
    public static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        // Most values need no escape: checked and copied from the string's own buffer in one go.
        let copied = utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard !buffer.contains(where: needsEscape) else { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if copied != true {
            for b in utf8 {
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
