import Foundation
import ScreenVaxCore

/// Who a service is for.
public enum Subject: String, Codable, Sendable, CaseIterable {
    case pregnancy, newborn
}

/// The screening programme as written in `Schemas/programs/screening-2023.json`: every window,
/// cutoff, price, deadline and target is here, none in code.
public struct ScreeningProgramme: Decodable, Sendable {
    public let id: String
    public let nameZh: String
    public let nameEn: String
    public let programmeYears: [Int]
    /// 1 January of the first programme year: where a report's period starts unless it is given one.
    public var firstDay: CalendarDate {
        programmeYears.min().flatMap { CalendarDate(year: $0, month: 1, day: 1) } ?? CalendarDate(dayNumber: 0)
    }
    public let dateRule: DateRule
    public let samePregnancyToleranceDays: Int
    public let windowClosingDays: Int
    public let windowLookaheadDays: Int
    public let services: [Service]
    public let subsidyPerCase: [CaseSubsidy]
    public let recall: RecallPolicy
    public let funding: Funding
    public let westernExtensionCounties: [String]
    public let planFile: String
    /// Services are claimed only for results inside it (2023-04-01 to 2023-12-31).
    public let implementationPhase: ImplementationPhase
    public let institutionsFile: String
    public let specimens: SpecimenPolicy
    public let report: ReportPolicy
    /// The designated institutions (`institutions_file`), read by `load`; `screening institution
    /// add` keeps further ones in the registry.
    public internal(set) var institutions = InstitutionsFile.empty

    public struct DateRule: Decodable, Sendable {
        public let monthEnd: MonthEndRule
        public let pregnancyLengthDays: Int
        enum CodingKeys: String, CodingKey { case monthEnd = "month_end", pregnancyLengthDays = "pregnancy_length_days" }
    }

    public struct CaseSubsidy: Decodable, Sendable {
        public let year: Int
        public let pregnancy: Double
        public let newborn: Double
    }

    public struct Split: Decodable, Sendable, Hashable {
        public let province: Double
        public let local: Double
        public var provinceShare: Double { province / (province + local) }
    }

    public struct Funding: Decodable, Sendable {
        public let `default`: Split
        public let westernExtension: Split
        enum CodingKeys: String, CodingKey { case `default`, westernExtension = "western_extension" }
    }

    enum CodingKeys: String, CodingKey {
        case id, services, recall, funding
        case nameZh = "name_zh", nameEn = "name_en", programmeYears = "programme_years", dateRule = "date_rule"
        case samePregnancyToleranceDays = "same_pregnancy_tolerance_days"
        case windowClosingDays = "window_closing_days", windowLookaheadDays = "window_lookahead_days"
        case subsidyPerCase = "subsidy_per_case_yuan"
        case westernExtensionCounties = "western_extension_counties", planFile = "plan_file"
        case implementationPhase = "implementation_phase", institutionsFile = "institutions_file", specimens, report
    }

    public func service(_ code: String) -> Service? { services.first { $0.code == code } }

    public func services(for subject: Subject) -> [Service] { services.filter { $0.subject == subject } }

    public func split(county: String) -> Split {
        westernExtensionCounties.contains(county) ? funding.westernExtension : funding.default
    }
}

/// One of the eight free services.
public struct Service: Decodable, Sendable {
    public let code: String
    public let nameZh: String
    public let nameEn: String
    public let subject: Subject
    /// How many are free per pregnancy or newborn (the anomaly ultrasound: 2, at separate windows).
    public let freeCount: Int
    /// The windows in force (for serum: the chosen mode's).
    public let windows: [Window]
    /// Every window a result may fall in without being flagged (serum: both modes).
    public let acceptedWindows: [Window]
    public let mode: String?
    public let repeatWithinDays: Int
    public let fields: [Field]
    public let rule: Rule
    public let recallOverrides: [String: Int]
    public let subsidy: [YearAmount]
    public let targetRate: Double
    public let planColumn: String
    /// What a lab file's 检测项目 may call the service besides its code and name.
    public let labNames: [String]
    /// Fields a positive result must give (anomaly_us: which of the target anomalies).
    public let positiveRequires: [String]

    public struct YearAmount: Decodable, Sendable {
        public let year: Int
        public let amount: Double
    }

    enum CodingKeys: String, CodingKey {
        case code, subject, windows, mode, modes, fields, rule
        case nameZh = "name_zh", nameEn = "name_en", freeCount = "free_count"
        case repeatWithinDays = "repeat_within_days", recallOverrides = "recall_overrides"
        case subsidy = "subsidy_yuan", targetRate = "target_rate", planColumn = "plan_column"
        case labNames = "lab_names", positiveRequires = "positive_requires"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        nameZh = try c.decode(String.self, forKey: .nameZh)
        nameEn = try c.decode(String.self, forKey: .nameEn)
        subject = try c.decode(Subject.self, forKey: .subject)
        freeCount = try c.decode(Int.self, forKey: .freeCount)
        if let modes = try c.decodeIfPresent([String: [Window]].self, forKey: .modes) {
            let mode = try c.decode(String.self, forKey: .mode)
            guard let chosen = modes[mode] else {
                throw DecodingError.dataCorruptedError(forKey: .mode, in: c,
                    debugDescription: "mode \"\(mode)\" is not one of the modes listed (\(modes.keys.sorted().joined(separator: ", ")))")
            }
            self.mode = mode
            windows = chosen
            acceptedWindows = modes.keys.sorted().flatMap { modes[$0]! }
        } else {
            mode = nil
            windows = try c.decode([Window].self, forKey: .windows)
            acceptedWindows = windows
        }
        repeatWithinDays = try c.decode(Int.self, forKey: .repeatWithinDays)
        fields = try c.decode([Field].self, forKey: .fields)
        rule = try c.decode(Rule.self, forKey: .rule)
        recallOverrides = try c.decodeIfPresent([String: Int].self, forKey: .recallOverrides) ?? [:]
        subsidy = try c.decode([YearAmount].self, forKey: .subsidy)
        targetRate = try c.decode(Double.self, forKey: .targetRate)
        planColumn = try c.decode(String.self, forKey: .planColumn)
        labNames = try c.decodeIfPresent([String].self, forKey: .labNames) ?? []
        positiveRequires = try c.decodeIfPresent([String].self, forKey: .positiveRequires) ?? []
    }

    public func field(_ key: String) -> Field? { fields.first { $0.key == key } }

    /// The subsidy for a service given in `year`, nil when the programme has no price for that year.
    public func subsidy(year: Int) -> Double? { subsidy.first { $0.year == year }?.amount }
}

/// A window: gestational weeks+days for a pregnancy, hours after birth for a newborn. Bounds inclusive.
public struct Window: Decodable, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case gestation(from: GestationalAge, to: GestationalAge)
        /// `catchUp`: the latest hour a late service is still useful (metabolic: 20 days).
        case hours(from: Int, to: Int, catchUp: Int?)
    }
    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    enum CodingKeys: String, CodingKey {
        case gestationFrom = "gestation_from", gestationTo = "gestation_to"
        case hoursFrom = "hours_from", hoursTo = "hours_to", catchUp = "catch_up_hours"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let from = try c.decodeIfPresent(GestationalAge.self, forKey: .gestationFrom) {
            let to = try c.decode(GestationalAge.self, forKey: .gestationTo)
            guard from <= to else {
                throw DecodingError.dataCorruptedError(forKey: .gestationTo, in: c, debugDescription: "ends before it starts (\(from) to \(to))")
            }
            kind = .gestation(from: from, to: to)
        } else {
            let from = try c.decode(Int.self, forKey: .hoursFrom)
            let to = try c.decode(Int.self, forKey: .hoursTo)
            guard from <= to else {
                throw DecodingError.dataCorruptedError(forKey: .hoursTo, in: c, debugDescription: "ends before it starts (\(from) h to \(to) h)")
            }
            kind = .hours(from: from, to: to, catchUp: try c.decodeIfPresent(Int.self, forKey: .catchUp))
        }
    }
}

/// A threshold as written in the file: a number, a ratio such as "1/270", a word, or a list of words.
public enum Threshold: Decodable, Sendable, Hashable {
    case number(Double)
    case ratio(Int)
    case word(String)
    case words([String])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let list = try? c.decode([String].self) { self = .words(list); return }
        let text = try c.decode(String.self)
        if let n = RatioValue.denominator(text) { self = .ratio(n) } else { self = .word(text) }
    }
}

public enum Comparator: String, Decodable, Sendable {
    case ge = ">=", gt = ">", le = "<=", lt = "<", eq = "==", ne = "!=", `in`, notIn = "not_in"
}

/// One condition of a positivity rule.
public struct Criterion: Decodable, Sendable {
    public let field: String?
    public let fields: [String]?
    public let combine: String?
    public let op: Comparator
    public let value: Threshold
    public let strata: [Stratum]?
    public let flag: String?
    public let source: String

    /// A threshold that replaces `value` for some newborns (17-OHP for preterm or low birth weight).
    public struct Stratum: Decodable, Sendable {
        public struct When: Decodable, Sendable {
            public let newborn: String
            public let op: Comparator
            public let value: Double
        }
        public let when: When
        public let value: Double
    }

    /// The field keys the criterion reads.
    public var keys: [String] { fields ?? (field.map { [$0] } ?? []) }
}

/// The positivity rule of a service. Its version is stored with every result it classified.
public struct Rule: Decodable, Sendable {
    public let version: String
    public let any: [Criterion]
    public let notAssessableWhen: [Criterion]
    public let advisories: [Criterion]
    /// A positive finding before this attempt asks for a rescreen instead (hearing: 2).
    public let positiveFromAttempt: Int

    enum CodingKeys: String, CodingKey {
        case version, any, advisories
        case notAssessableWhen = "not_assessable_when", positiveFromAttempt = "positive_from_attempt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        any = try c.decode([Criterion].self, forKey: .any)
        notAssessableWhen = try c.decodeIfPresent([Criterion].self, forKey: .notAssessableWhen) ?? []
        advisories = try c.decodeIfPresent([Criterion].self, forKey: .advisories) ?? []
        positiveFromAttempt = try c.decodeIfPresent(Int.self, forKey: .positiveFromAttempt) ?? 1
    }
}

/// Recall steps, their deadlines and the loss-to-follow-up policy.
public struct RecallPolicy: Decodable, Sendable {
    public let maxContactAttempts: Int
    public let deadlinesDays: [String: Int]
    public let lostReasons: [String]
    public let contactChannels: [String]

    enum CodingKeys: String, CodingKey {
        case maxContactAttempts = "max_contact_attempts", deadlinesDays = "deadlines_days"
        case lostReasons = "lost_reasons", contactChannels = "contact_channels"
    }

    /// Days allowed for `step` of a case of `service`.
    public func days(for step: RecallStep, service: Service) -> Int {
        service.recallOverrides[step.rawValue] ?? deadlinesDays[step.rawValue] ?? 0
    }
}
