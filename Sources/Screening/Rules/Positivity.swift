import ScreenVaxMacros

/// What a result says once judged.
public enum ResultOutcome: String, Sendable, Codable {
    case positive, negative
    /// Neither negative nor positive (an ultrasound that could not see): a repeat is due.
    case notAssessable = "not_assessable"
    /// A positive finding on an attempt before the rule's `positive_from_attempt` (hearing's first
    /// screen): not yet screen-positive; a rescreen is due.
    case rescreen

    /// true / false / nil as the `positive` key of `screening result` prints it.
    public var positive: Bool? {
        switch self {
        case .positive: true
        case .negative: false
        case .notAssessable, .rescreen: nil
        }
    }

    /// Whether the result uses up one of the free services (a not-assessable scan does not).
    public var isAssessable: Bool { self == .positive || self == .negative }
}

/// The lab's or sonographer's own conclusion, recorded beside the rule's.
public enum LabConclusion: String, Sendable, Codable, CaseIterable {
    case positive, negative
    case notAssessable = "not_assessable"
}

/// Facts about a newborn that stratified cutoffs read (17-OHP by gestation and birth weight).
@PublicInit
public struct NewbornFacts: Sendable, Hashable {
    public var gestationalWeeks: Int?
    public var birthWeightG: Int?
}

/// How one result was judged, and by which rule version.
public struct Classification: Sendable, Hashable {
    public var outcome: ResultOutcome
    public var ruleVersion: String
    /// The criteria that matched, in words (`t21_risk 1/250 >= 1/270`).
    public var reasons: [String]
    /// Advisory flags (`intermediate_risk`) and `conclusion_disagrees`.
    public var flags: [String]
}

/// The positivity rules: pure functions of (service, values, conclusion, attempt, newborn facts).
public enum Positivity {
    public static func classify(service: Service, values: ResultValues, conclusion: LabConclusion?,
                                attempt: Int, newborn: NewbornFacts? = nil) throws(ScreeningError) -> Classification {
        let rule = service.rule
        var result = Classification(outcome: .negative, ruleVersion: rule.version, reasons: [], flags: [])
        if conclusion == .notAssessable {
            result.outcome = .notAssessable
            result.reasons = ["conclusion not_assessable"]
            return result
        }
        if let c = rule.notAssessableWhen.first(where: { matches($0, values: values, newborn: newborn) == true }) {
            result.outcome = .notAssessable
            result.reasons = [describe(c, values: values)]
            return result
        }
        let ruleKeys = Set(rule.any.flatMap(\.keys))
        let hasRuleValues = ruleKeys.contains { values[$0] != nil }
        var positive: Bool
        if hasRuleValues {
            let matched = rule.any.filter { matches($0, values: values, newborn: newborn) == true }
            positive = !matched.isEmpty
            result.reasons = matched.map { describe($0, values: values, newborn: newborn) }
            if let conclusion {
                let labPositive = conclusion == .positive
                if labPositive != positive {
                    result.flags.append("conclusion_disagrees")
                    // A lab that calls a result positive is recalled even when the stored rule does
                    // not fire: a missed recall costs more than a needless call.
                    if labPositive { positive = true; result.reasons.append("conclusion positive") }
                }
            }
        } else {
            guard let conclusion else {
                throw .undetermined(service: service.code, keys: service.fields.map(\.key))
            }
            positive = conclusion == .positive
            result.reasons = ["conclusion \(conclusion.rawValue)"]
        }
        for a in rule.advisories where matches(a, values: values, newborn: newborn) == true {
            if let flag = a.flag, !positive { result.flags.append(flag) }
        }
        if positive {
            result.outcome = attempt < rule.positiveFromAttempt ? .rescreen : .positive
        }
        return result
    }

    /// nil when a value the criterion reads is missing.
    static func matches(_ c: Criterion, values: ResultValues, newborn: NewbornFacts?) -> Bool? {
        if let fields = c.fields, c.combine == "abs_difference" {
            guard fields.count == 2, case .number(let a)? = values[fields[0]], case .number(let b)? = values[fields[1]] else { return nil }
            return compare(.number(abs(a - b)), c.op, threshold(c, newborn: newborn))
        }
        guard let key = c.field, let v = values[key] else { return nil }
        return compare(v, c.op, threshold(c, newborn: newborn))
    }

    /// The criterion's threshold for this newborn: the first stratum that applies, else the default.
    static func threshold(_ c: Criterion, newborn: NewbornFacts?) -> Threshold {
        guard let strata = c.strata, let newborn else { return c.value }
        for s in strata {
            let fact: Int? = s.when.newborn == "gestational_weeks" ? newborn.gestationalWeeks : newborn.birthWeightG
            if let fact, compareNumbers(Double(fact), s.when.op, s.when.value) { return .number(s.value) }
        }
        return c.value
    }

    static func compare(_ v: FieldValue, _ op: Comparator, _ t: Threshold) -> Bool {
        switch (v, t) {
        case (.number(let x), .number(let y)):
            return compareNumbers(x, op, y)
        case (.ratio(let n), .ratio(let m)):
            // Compare probabilities 1/n and 1/m exactly: 1/n >= 1/m exactly when n <= m.
            return compareNumbers(-Double(n), op, -Double(m))
        case (.word(let w), .word(let x)):
            switch op {
            case .eq, .in: return w == x
            case .ne, .notIn: return w != x
            default: return false
            }
        case (.word(let w), .words(let list)):
            switch op {
            case .in, .eq: return list.contains(w)
            case .notIn, .ne: return !list.contains(w)
            default: return false
            }
        default:
            return false
        }
    }

    static func compareNumbers(_ x: Double, _ op: Comparator, _ y: Double) -> Bool {
        switch op {
        case .ge: x >= y
        case .gt: x > y
        case .le: x <= y
        case .lt: x < y
        case .eq, .in: x == y
        case .ne, .notIn: x != y
        }
    }

    static func describe(_ c: Criterion, values: ResultValues, newborn: NewbornFacts? = nil) -> String {
        let t: String
        switch threshold(c, newborn: newborn) {
        case .number(let d): t = FieldValue.number(d).text
        case .ratio(let n): t = "1/\(n)"
        case .word(let w): t = w
        case .words(let list): t = "[" + list.joined(separator: ", ") + "]"
        }
        if let fields = c.fields { return "|\(fields.joined(separator: " - "))| \(c.op.rawValue) \(t)" }
        let key = c.field ?? ""
        return "\(key) \(values[key]?.text ?? "?") \(c.op.rawValue) \(t)"
    }
}
