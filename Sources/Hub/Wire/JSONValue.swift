import Foundation
import ScreenVaxCore

/// A parsed JSON document, typed strictly: `true` is never the number 1.
public enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONParser.parse(bytes)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var int: Int? { if case .int(let i) = self { return i }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }

    /// The JSON Schema type name, for messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Compact JSON with sorted keys: the same value always gives the same text.
    public var text: String {
        var out = ""
        write(to: &out, sorted: true)
        return out
    }

    /// Compact JSON with keys in no particular order, for a `jsonb` parameter: PostgreSQL orders
    /// an object's keys itself, and sorting them for every record was a share of a batch's CPU.
    var jsonbText: String {
        var out = ""
        write(to: &out, sorted: false)
        return out
    }

    private func write(to out: inout String, sorted: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out, sorted: sorted)
            }
            out += "]"
        case .object(let o):
            out += "{"
            let members = sorted ? o.sorted { $0.key < $1.key } : Array(o)
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.quote(member.key, into: &out)
                out += ":"
                member.value.write(to: &out, sorted: sorted)
            }
            out += "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        JSONWriter.appendQuoted(s, to: &out)
    }
}
