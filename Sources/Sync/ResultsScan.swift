/// The per-record results of a batch answer, read straight off its bytes: each result's uuid,
/// version, status and message, every other member skipped unread.
///
/// A batch of 500 is answered with 500 results; decoding them with JSONDecoder (through
/// Foundation's object tree on Linux) cost each push process more CPU than building and
/// compressing the batch it sent.
struct ResultsScan {
    struct Item: Equatable {
        var uuid: String
        var version: Int
        var status: String
        var message: String?
    }

    struct Invalid: Error {}

    private let bytes: [UInt8]
    private var i = 0

    /// The answer's `results`, or nil when it is not a JSON object with such an array of
    /// results each with a string uuid, an integer version and a string status.
    static func results(_ body: [UInt8]) -> [Item]? {
        var scan = ResultsScan(bytes: body)
        return try? scan.answer()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func answer() throws(Invalid) -> [Item] {
        var results: [Item]?
        try object { (scan: inout ResultsScan, key: String) throws(Invalid) in
            if key == "results", results == nil { results = try scan.items() } else { try scan.skipValue(depth: 0) }
        }
        space()
        guard i == bytes.count, let results else { throw Invalid() }
        return results
    }

    private mutating func items() throws(Invalid) -> [Item] {
        var out: [Item] = []
        space()
        try expect(UInt8(ascii: "["))
        space()
        if peek == UInt8(ascii: "]") { i += 1; return out }
        while true {
            var uuid: String?, version: Int?, status: String?, message: String?
            try object { (scan: inout ResultsScan, key: String) throws(Invalid) in
                scan.space()
                switch key {
                case "uuid" where uuid == nil: uuid = try scan.string()
                case "version" where version == nil: version = try scan.integer()
                case "status" where status == nil: status = try scan.string()
                case "message" where message == nil:
                    if scan.peek == UInt8(ascii: "n") { try scan.skipValue(depth: 0) } else { message = try scan.string() }
                default: try scan.skipValue(depth: 0)
                }
            }
            guard let uuid, let version, let status else { throw Invalid() }
            out.append(Item(uuid: uuid, version: version, status: status, message: message))
            space()
            if peek == UInt8(ascii: ",") { i += 1; space(); continue }
            try expect(UInt8(ascii: "]"))
            return out
        }
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func space() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Invalid) {
        guard peek == byte else { throw Invalid() }
        i += 1
    }

    /// An object, each member's value read (or skipped) by `member`, which is at the value.
    private mutating func object(_ member: (inout ResultsScan, String) throws(Invalid) -> Void) throws(Invalid) {
        space()
        try expect(UInt8(ascii: "{"))
        space()
        if peek == UInt8(ascii: "}") { i += 1; return }
        while true {
            space()
            let key = try string()
            space()
            try expect(UInt8(ascii: ":"))
            space()
            try member(&self, key)
            space()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private mutating func string() throws(Invalid) -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        if peek == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        // Escapes (a message may hold quotes or non-ASCII as \u): the slow path, rare.
        var out = Array(bytes[start..<i])
        while true {
            guard let c = peek, c >= 0x20 else { throw Invalid() }
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard let e = peek else { throw Invalid() }
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var unit = try hex4()
                if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Invalid() }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(unit).map(Character.init) ?? "\u{FFFD}").utf8))
            default: throw Invalid()
            }
        }
    }

    private mutating func hex4() throws(Invalid) -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { throw Invalid() }
        i += 4
        return v
    }

    private mutating func integer() throws(Invalid) -> Int {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { i += 1 }
        guard let v = Int(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw Invalid() }
        // A fraction or exponent is not an integer version.
        if let c = peek, c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { throw Invalid() }
        return v
    }

    /// Any value, unread (checked only as far as finding where it ends).
    private mutating func skipValue(depth: Int) throws(Invalid) {
        guard depth < 64 else { throw Invalid() }
        space()
        switch peek {
        case UInt8(ascii: "\"")?: _ = try string()
        case UInt8(ascii: "{")?: try object { (scan: inout ResultsScan, _) throws(Invalid) in try scan.skipValue(depth: depth + 1) }
        case UInt8(ascii: "[")?:
            i += 1
            space()
            if peek == UInt8(ascii: "]") { i += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                space()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        case _?:
            let start = i
            while let b = peek, b != UInt8(ascii: ","), b != UInt8(ascii: "}"), b != UInt8(ascii: "]"), b > 0x20 { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            guard word == "true" || word == "false" || word == "null" || Double(word) != nil else { throw Invalid() }
        case nil: throw Invalid()
        }
    }
}
