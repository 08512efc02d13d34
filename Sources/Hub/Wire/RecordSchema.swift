import Foundation

/// A JSON Schema (the subset `Schemas/sync/` uses), compiled once and checked against many records.
///
/// Supported: `type` (one or a list), `required`, `properties`, `additionalProperties` (boolean),
/// `enum`, `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`, `format` (`date`,
/// `date-time`), `items`, `minItems`, `maxItems`, `const`, `allOf`, `if`/`then`/`else` (the
/// screening records say "a newborn result names its newborn" that way). Any other keyword that constrains values is
/// refused when the schema loads, so a schema never silently checks less than it says.
public final class RecordSchema: @unchecked Sendable {
    // Immutable after init; NSRegularExpression is thread-safe for matching.
    private let types: Set<String>?
    private let required: [String]
    private let properties: [String: RecordSchema]
    private let closed: Bool
    private let allowed: [JSONValue]?
    private let pattern: NSRegularExpression?
    /// The pattern matched on bytes when it is simple enough (`SimplePattern`); else `pattern` is used.
    private let simplePattern: SimplePattern?
    private let minLength, maxLength, minItems, maxItems: Int?
    private let minimum, maximum: Double?
    private let format: String?
    private let items: RecordSchema?
    private let constant: JSONValue?
    private let allOf: [RecordSchema]
    private let condition: RecordSchema?
    private let then: RecordSchema?
    private let otherwise: RecordSchema?

    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$comment", "examples", "default"]
    static let keywords: Set<String> = ["type", "required", "properties", "additionalProperties", "enum", "pattern",
                                        "minLength", "maxLength", "minimum", "maximum", "format", "items",
                                        "minItems", "maxItems", "const", "allOf", "if", "then", "else"]

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    public convenience init(file: URL) throws {
        let value = try JSONValue.parse(Array(try Data(contentsOf: file)))
        try self.init(value, at: file.lastPathComponent)
    }

    init(_ node: JSONValue, at path: String) throws {
        guard case .object(let o) = node else { throw LoadError(description: "\(path): a schema is an object") }
        for key in o.keys where !RecordSchema.keywords.contains(key) && !RecordSchema.annotations.contains(key) {
            throw LoadError(description: "\(path): keyword \(key) is not supported by the receiver's validator")
        }
        switch o["type"] {
        case .string(let t): types = [t]
        case .array(let list): types = Set(list.compactMap(\.string))
        default: types = nil
        }
        required = o["required"]?.array?.compactMap(\.string) ?? []
        var props: [String: RecordSchema] = [:]
        if case .object(let p) = o["properties"] {
            for (name, sub) in p { props[name] = try RecordSchema(sub, at: path + "/" + name) }
        }
        properties = props
        if case .bool(let b) = o["additionalProperties"] { closed = !b } else { closed = false }
        allowed = o["enum"]?.array
        pattern = try o["pattern"]?.string.map { try NSRegularExpression(pattern: $0) }
        simplePattern = o["pattern"]?.string.flatMap(SimplePattern.init)
        minLength = o["minLength"]?.int
        maxLength = o["maxLength"]?.int
        minItems = o["minItems"]?.int
        maxItems = o["maxItems"]?.int
        minimum = RecordSchema.number(o["minimum"])
        maximum = RecordSchema.number(o["maximum"])
        format = o["format"]?.string
        items = try o["items"].map { try RecordSchema($0, at: path + "[]") }
        constant = o["const"]
        allOf = try (o["allOf"]?.array ?? []).enumerated().map { try RecordSchema($1, at: path + "/allOf[\($0)]") }
        condition = try o["if"].map { try RecordSchema($0, at: path + "/if") }
        then = try o["then"].map { try RecordSchema($0, at: path + "/then") }
        otherwise = try o["else"].map { try RecordSchema($0, at: path + "/else") }
    }

    private static func number(_ v: JSONValue?) -> Double? {
        switch v {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The first problem found, as "field x: what is wrong"; nil when the value conforms.
    public func problem(with value: JSONValue, field: String = "", checkItems: Bool = true) -> String? {
        // Built only for a message: every value of a batch passes here.
        var name: String { field.isEmpty ? "the record" : "field \(field)" }
        if let types {
            let actual = value.typeName
            let ok = types.contains(actual) || (actual == "integer" && types.contains("number"))
            if !ok { return "\(name): expected \(types.sorted().joined(separator: " or ")), found \(actual)" }
        }
        if let allowed, !allowed.contains(value) {
            return "\(name): must be one of \(allowed.map(\.text).joined(separator: ", "))"
        }
        if let constant, constant != value { return "\(name): must be \(constant.text)" }
        for sub in allOf {
            if let p = sub.problem(with: value, field: field, checkItems: checkItems) { return p }
        }
        if let condition {
            let branch = condition.problem(with: value, field: field) == nil ? then : otherwise
            if let branch, let p = branch.problem(with: value, field: field, checkItems: checkItems) { return p }
        }
        switch value {
        case .string(let s):
            // Counting characters walks the string: only for a field with a length rule.
            if minLength != nil || maxLength != nil {
                let count = s.count
                if let minLength, count < minLength { return "\(name): shorter than \(minLength) characters" }
                if let maxLength, count > maxLength { return "\(name): longer than \(maxLength) characters" }
            }
            if let pattern {
                let matches = simplePattern?.matches(s) ?? (pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
                if !matches { return "\(name): does not match \(pattern.pattern)" }
            }
            if let format, !RecordSchema.conforms(s, format: format) { return "\(name): not a valid \(format)" }
        case .int, .double:
            guard let n = RecordSchema.number(value) else { break }
            if let minimum, n < minimum { return "\(name): below the minimum \(minimum)" }
            if let maximum, n > maximum { return "\(name): above the maximum \(maximum)" }
        case .array(let a):
            if let minItems, a.count < minItems { return "\(name): fewer than \(minItems) items" }
            if let maxItems, a.count > maxItems { return "\(name): more than \(maxItems) items" }
            if let items, checkItems {
                for (i, v) in a.enumerated() {
                    if let p = items.problem(with: v, field: "\(field)[\(i)]") { return p }
                }
            }
        case .object(let o):
            for key in required where o[key] == nil {
                return "\(field.isEmpty ? "" : "field \(field): ")missing required field \(key)"
            }
            for (key, v) in o {
                let path = field.isEmpty ? key : "\(field).\(key)"
                if let sub = properties[key] {
                    if let p = sub.problem(with: v, field: path) { return p }
                } else if closed {
                    return "field \(path): not allowed by the schema"
                }
            }
        case .null, .bool:
            break
        }
        return nil
    }

    /// The schema of one property, e.g. the envelope's `records`.
    public func property(_ name: String) -> RecordSchema? { properties[name] }

    /// The schema every item of an array must match.
    public var itemSchema: RecordSchema? { items }

    /// `date`: a real calendar day YYYY-MM-DD; `date-time`: RFC 3339 with a zone.
    static func conforms(_ s: String, format: String) -> Bool {
        switch format {
        case "date": return isDate(Substring(s))
        case "date-time":
            guard s.count >= 20, let t = s.firstIndex(of: "T") else { return false }
            guard isDate(s[..<t]) else { return false }
            let rest = s[s.index(after: t)...]
            let clock = rest.prefix(8)
            let parts = clock.split(separator: ":")
            guard parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }) else { return false }
            return rest.hasSuffix("Z") || rest.dropFirst(8).contains("+") || rest.dropFirst(8).contains("-")
        default: return true  // unknown formats are annotations in 2020-12
        }
    }

    private static func isDate(_ s: Substring) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}
