/// A strict JSON parser straight to `JSONValue` (RFC 8259): one pass over the bytes. Decoding
/// through JSONDecoder tried each type in turn and threw on every miss, and a batch of 500
/// records is some ten thousand values: that was a large share of the hub's CPU per batch.
///
/// The same values as that decoder: a number is `.int` when it is a whole number that fits
/// (`1.0` and `1e2` too), else `.double`; only `true` and `false` are booleans.
struct JSONParser {
    struct Invalid: Error {}

    /// Deeper than this is refused: recursion on hostile input must not exhaust the stack.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var i = 0

    static func parse(_ bytes: [UInt8]) throws(Invalid) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.i == bytes.count else { throw Invalid() }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Invalid) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { throw Invalid() }
        let start = word.utf8Start
        for k in 0..<count where bytes[i + k] != start[k] { throw Invalid() }
        i += count
        return value
    }

    private mutating func value(depth: Int) throws(Invalid) -> JSONValue {
        guard i < bytes.count, depth < JSONParser.maximumDepth else { throw Invalid() }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var object: [String: JSONValue] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(object) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw Invalid() }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Invalid() }
                i += 1
                skipSpace()
                let member = try value(depth: depth + 1)
                // A key given twice keeps its first value, as JSONDecoder did.
                if object[key] == nil { object[key] = member }
                skipSpace()
                guard i < bytes.count else { throw Invalid() }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "}") else { throw Invalid() }
                i += 1
                return .object(object)
            }
        case UInt8(ascii: "["):
            i += 1
            var array: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(array) }
            while true {
                skipSpace()
                array.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw Invalid() }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "]") else { throw Invalid() }
                i += 1
                return .array(array)
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func number() throws(Invalid) -> JSONValue {
        let start = i
        func digits(_ i: inout Int, _ bytes: [UInt8]) -> Int {
            let from = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - from
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let whole = digits(&i, bytes)
        // No leading zeros (RFC 8259): "01" is not a number.
        guard whole > 0, !(whole > 1 && bytes[intStart] == UInt8(ascii: "0")) else { throw Invalid() }
        var integral = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            integral = false
            guard digits(&i, bytes) > 0 else { throw Invalid() }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            integral = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&i, bytes) > 0 else { throw Invalid() }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if integral, let n = Int(text) { return .int(n) }
        guard let d = Double(text), d.isFinite else { throw Invalid() }
        if let n = Int(exactly: d) { return .int(n) }
        return .double(d)
    }

    private mutating func hex4() throws(Invalid) -> UInt32 {
        guard i + 4 <= bytes.count else { throw Invalid() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw Invalid()
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    /// A string from its opening quote; the bytes must be UTF-8, control characters escaped.
    private mutating func string() throws(Invalid) -> String {
        i += 1
        let start = i
        // The common case: no escapes, the text is the bytes as they are.
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
            guard bytes[i] >= 0x20 else { throw Invalid() }
            i += 1
        }
        guard i < bytes.count else { throw Invalid() }
        var scalars = [UInt8](bytes[start..<i])
        while bytes[i] != UInt8(ascii: "\"") {
            // An escape.
            i += 1
            guard i < bytes.count else { throw Invalid() }
            let c = bytes[i]
            i += 1
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(c)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw Invalid() }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw Invalid() }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw Invalid()
                }
                guard let scalar = Unicode.Scalar(code) else { throw Invalid() }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw Invalid()
            }
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                guard bytes[i] >= 0x20 else { throw Invalid() }
                scalars.append(bytes[i])
                i += 1
            }
            guard i < bytes.count else { throw Invalid() }
        }
        i += 1
        // Bytes that are not UTF-8 make the body invalid, as they did for JSONDecoder.
        guard let text = String(validating: scalars, as: UTF8.self) else { throw Invalid() }
        return text
    }
}
