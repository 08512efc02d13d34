import ScreenVaxCore

/// A risk written as `1/N` (or `1:N`), stored as the integer N.
public enum RatioValue {
    public static func denominator(_ text: String) -> Int? {
        let t = text.trimmingSpaces()
        guard let sep = t.firstIndex(where: { $0 == "/" || $0 == ":" || $0 == "：" }) else { return nil }
        guard String(t[..<sep]).trimmingSpaces() == "1", let n = Int(String(t[t.index(after: sep)...]).trimmingSpaces()), n >= 1 else { return nil }
        return n
    }
}

/// One validated result value.
public enum FieldValue: Sendable, Hashable {
    case number(Double)
    /// A risk 1/N, kept as N.
    case ratio(Int)
    case word(String)

    public var text: String {
        switch self {
        case .number(let d): d == d.rounded() && abs(d) < 1e12 ? String(Int(d)) : String(d)
        case .ratio(let n): "1/\(n)"
        case .word(let w): w
        }
    }
}

/// A result's values by field key, validated against the service's fields (type, unit, range).
public struct ResultValues: Sendable, Hashable {
    public private(set) var values: [String: FieldValue] = [:]
    /// Keys in the order given, for stable output.
    public private(set) var order: [String] = []

    public init() {}

    public subscript(key: String) -> FieldValue? { values[key] }
    public var isEmpty: Bool { values.isEmpty }

    mutating func set(_ key: String, _ value: FieldValue) {
        if values[key] == nil { order.append(key) }
        values[key] = value
    }

    /// Parses `KEY=VALUE` pairs as typed (empty values are skipped: an empty cell is no value).
    /// Every problem is returned, each naming the key and what to write instead.
    public static func parse(_ pairs: [(key: String, value: String)], service: Service) -> (ResultValues, [ScreeningError]) {
        var result = ResultValues()
        var errors: [ScreeningError] = []
        for (rawKey, rawValue) in pairs {
            let key = rawKey.trimmingSpaces().lowercased()
            let text = rawValue.trimmingSpaces()
            if text.isEmpty { continue }
            guard let field = service.field(key) else {
                errors.append(.unknownField(key, service: service.code, known: service.fields.map(\.key)))
                continue
            }
            switch field.type {
            case .number:
                guard let d = Double(text), d.isFinite else { errors.append(.badValue(key, text, expected: "a number" + (field.unit.map { " in \($0)" } ?? ""))); continue }
                if let lo = field.min, let hi = field.max, d < lo || d > hi {
                    errors.append(.outOfRange(key, text, min: lo, max: hi, unit: field.unit)); continue
                }
                result.set(key, .number(d))
            case .ratio:
                guard let n = RatioValue.denominator(text) else { errors.append(.badValue(key, text, expected: "a risk written 1/N, e.g. 1/270")); continue }
                if let lo = field.min, let hi = field.max, Double(n) < lo || Double(n) > hi {
                    errors.append(.outOfRange(key, text, min: lo, max: hi, unit: "1/N")); continue
                }
                result.set(key, .ratio(n))
            case .choice:
                guard let choice = field.choice(text) else {
                    errors.append(.badValue(key, String(text.prefix(60)), expected: "one of " + (field.choices ?? []).joined(separator: ", "))); continue
                }
                result.set(key, .word(choice))
            case .choiceSet:
                // Several words joined as a form or a lab writes them: 无脑儿、单腔心 or anencephaly;single_ventricle.
                let words = text.split(whereSeparator: { ";；,，、/".contains($0) }).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
                let chosen = words.compactMap(field.choice)
                guard !words.isEmpty, chosen.count == words.count, words.count <= (field.choices?.count ?? 0) else {
                    errors.append(.badValue(key, String(text.prefix(60)), expected: "one or more of " + (field.choices ?? []).joined(separator: ", ") + ", joined by ;")); continue
                }
                // Stored in the programme's order, each once, so the same finding is the same text.
                result.set(key, .word((field.choices ?? []).filter(chosen.contains).joined(separator: ",")))
            case .text:
                guard text.count <= 200 else { errors.append(.tooLong(field: key, max: 200)); continue }
                result.set(key, .word(text))
            }
        }
        return (result, errors)
    }

    /// The values as a flat JSON object in the order given (numbers as numbers, the rest as text).
    public var json: String {
        var w = JSONWriter()
        for key in order {
            switch values[key] {
            case .number(let d)?: w.double(key, d)
            case let v?: w.string(key, v.text)
            case nil: break
            }
        }
        return w.finished()
    }
}
