import ScreenVaxCore
import ScreenVaxMacros

/// A vaccination schedule as data, in the vocabulary of CDC CDSi supporting data: series of target
/// doses, each with its ages, intervals, vaccines and conditional skips.
///
/// The same shape holds the CDSi HPV supporting data (`hpv-cdsi.json`), a product label
/// (`hpv-label-cecolin.json`, ...) and the free programme (derived from `hpv-2023.json`, see `ProgrammeSchedule`). No age or interval lives in code.
@PublicInit
public struct Schedule: Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case cdsi, label, programme }
    /// What the dose codes of this schedule are: CVX codes (CDSi) or our product codes (labels).
    public enum CodeSystem: String, Codable, Sendable { case cvx, product }

    public let id: String
    public let name: String
    public let kind: Kind
    public let codeSystem: CodeSystem
    /// For a label schedule: the product whose label it is (the girl's first product picks it).
    public let labelProduct: String?
    /// Every code a dose may carry under this schedule; anything else is a user error.
    public let vaccines: [Vaccine]
    public let series: [Series]
    public let monthEnd: MonthEndRule

    @PublicInit
    public struct Vaccine: Codable, Sendable, Hashable {
        public let code: String
        public let name: String
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, vaccines, series
        case codeSystem = "code_system"
        case labelProduct = "label_product"
        case monthEnd = "month_end"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(Kind.self, forKey: .kind)
        codeSystem = try c.decode(CodeSystem.self, forKey: .codeSystem)
        labelProduct = try c.decodeIfPresent(String.self, forKey: .labelProduct)
        vaccines = try c.decode([Vaccine].self, forKey: .vaccines)
        series = try c.decode([Series].self, forKey: .series)
        monthEnd = try c.decodeIfPresent(MonthEndRule.self, forKey: .monthEnd) ?? .rollForward
    }

    public func knows(code: String) -> Bool { vaccines.contains { $0.code == code } }
}

/// One antigen series (CDSi "series"). Schedule parts are immutable classes: the engine runs for
/// every girl of a province, and sharing them costs a retain where a struct copy cost a memcpy.
///: who it is for, when it may be started, and its target doses.
@PublicInit
public final class Series: Codable, Sendable {
    public let name: String
    /// Sexes the series applies to (CDSi requiredGender).
    public let sexes: [ResidentID.Sex]
    /// The series chosen when no series has a valid dose (CDSi defaultSeries).
    public let defaultSeries: Bool
    /// Lower wins a tie between equally good series (CDSi seriesPreference).
    public let preference: Int
    public let minimumAgeToStart: Period?
    /// A series whose first valid dose falls on or after this age is not scored (CDSi maxAgeToStart).
    public let maximumAgeToStart: Period?
    public let doses: [TargetDose]

    enum CodingKeys: String, CodingKey {
        case name, sexes, preference, doses
        case defaultSeries = "default_series"
        case minimumAgeToStart = "minimum_age_to_start"
        case maximumAgeToStart = "maximum_age_to_start"
    }
}

/// A target dose: the five ages, the intervals, the vaccines and the conditional skips.
public final class TargetDose: Codable, Sendable {
    public let dose: Int
    /// Age rows; when several, each has effective/cessation dates (CDSi selects by date).
    public let ages: [AgeRule]
    public let intervals: [IntervalRule]
    public let preferableVaccines: [VaccineUse]
    public let allowableVaccines: [VaccineUse]
    /// Codes that are a mistake for this target dose (CDSi inadvertent vaccine): never valid.
    public let inadvertentVaccines: [String]
    public let conditionalSkips: [ConditionalSkip]
    /// CDSi seasonal recommendation: no dose is forecast before its start date (FORECASTDTCAN-1).
    /// A programme's campaign start is written here.
    public let seasonalRecommendation: SeasonalRecommendation?
    /// ScreenVax extension to CDSi (not in the CDSi supporting data): a calendar date, the last day
    /// on which this target dose is on time, e.g. a programme's first-dose deadline. The forecast's
    /// unadjusted past due date (FORECASTDT-3) is the earlier of this date and the one CDSi derives
    /// from the latest recommended age or interval; absent, CDSi's rule alone applies.
    public let pastDueDate: CalendarDate?

    @PublicInit
    public struct SeasonalRecommendation: Codable, Sendable {
        public let startDate: CalendarDate?
        public let endDate: CalendarDate?
        enum CodingKeys: String, CodingKey {
            case startDate = "start_date"
            case endDate = "end_date"
        }
    }

    enum CodingKeys: String, CodingKey {
        case dose, ages, intervals
        case seasonalRecommendation = "seasonal_recommendation"
        case pastDueDate = "past_due_date"
        case preferableVaccines = "preferable_vaccines"
        case allowableVaccines = "allowable_vaccines"
        case inadvertentVaccines = "inadvertent_vaccines"
        case conditionalSkips = "conditional_skips"
    }

    public required init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dose = try c.decode(Int.self, forKey: .dose)
        ages = try c.decodeIfPresent([AgeRule].self, forKey: .ages) ?? []
        intervals = try c.decodeIfPresent([IntervalRule].self, forKey: .intervals) ?? []
        preferableVaccines = try c.decodeIfPresent([VaccineUse].self, forKey: .preferableVaccines) ?? []
        allowableVaccines = try c.decodeIfPresent([VaccineUse].self, forKey: .allowableVaccines) ?? []
        inadvertentVaccines = try c.decodeIfPresent([String].self, forKey: .inadvertentVaccines) ?? []
        conditionalSkips = try c.decodeIfPresent([ConditionalSkip].self, forKey: .conditionalSkips) ?? []
        seasonalRecommendation = try c.decodeIfPresent(SeasonalRecommendation.self, forKey: .seasonalRecommendation)
        pastDueDate = try c.decodeIfPresent(CalendarDate.self, forKey: .pastDueDate)
    }

    public init(dose: Int, ages: [AgeRule] = [], intervals: [IntervalRule] = [], preferableVaccines: [VaccineUse] = [],
                allowableVaccines: [VaccineUse] = [], inadvertentVaccines: [String] = [], conditionalSkips: [ConditionalSkip] = [],
                seasonalRecommendation: SeasonalRecommendation? = nil, pastDueDate: CalendarDate? = nil) {
        self.dose = dose
        self.ages = ages
        self.intervals = intervals
        self.preferableVaccines = preferableVaccines
        self.allowableVaccines = allowableVaccines
        self.inadvertentVaccines = inadvertentVaccines
        self.conditionalSkips = conditionalSkips
        self.seasonalRecommendation = seasonalRecommendation
        self.pastDueDate = pastDueDate
    }

    /// The age row in force on `date` (CDSi: by date administered in evaluation, assessment date in forecast).
    func age(on date: CalendarDate) -> AgeRule? { ages.first { $0.inForce(on: date) } }

    func intervals(on date: CalendarDate) -> LazyFilterSequence<[IntervalRule]> { intervals.lazy.filter { $0.inForce(on: date) } }
}

/// The five ages of a target dose. Absent ages do not constrain (CDSi's assumed values).
@PublicInit
public final class AgeRule: Codable, Sendable, EffectiveDated {
    public let absoluteMinimumAge: Period?
    public let minimumAge: Period?
    public let earliestRecommendedAge: Period?
    public let latestRecommendedAge: Period?
    public let maximumAge: Period?
    public let effective: CalendarDate?
    public let cessation: CalendarDate?

    enum CodingKeys: String, CodingKey {
        case effective, cessation
        case absoluteMinimumAge = "absolute_minimum_age"
        case minimumAge = "minimum_age"
        case earliestRecommendedAge = "earliest_recommended_age"
        case latestRecommendedAge = "latest_recommended_age"
        case maximumAge = "maximum_age"
    }
}

/// An interval from an earlier dose: the previous dose administered, or the dose that satisfied a
/// given target dose. CDSi has four intervals; `maximum_interval` is a label's upper bound (e.g.
/// "second dose 5-13 months after the first"): it closes the forecast window, it never invalidates.
public final class IntervalRule: Codable, Sendable, EffectiveDated {
    public let fromPrevious: Bool
    public let fromTargetDose: Int?
    public let absoluteMinimumInterval: Period?
    public let minimumInterval: Period?
    public let earliestRecommendedInterval: Period?
    public let latestRecommendedInterval: Period?
    public let maximumInterval: Period?
    public let effective: CalendarDate?
    public let cessation: CalendarDate?

    enum CodingKeys: String, CodingKey {
        case effective, cessation
        case fromPrevious = "from_previous"
        case fromTargetDose = "from_target_dose"
        case absoluteMinimumInterval = "absolute_minimum_interval"
        case minimumInterval = "minimum_interval"
        case earliestRecommendedInterval = "earliest_recommended_interval"
        case latestRecommendedInterval = "latest_recommended_interval"
        case maximumInterval = "maximum_interval"
    }

    public required init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fromTargetDose = try c.decodeIfPresent(Int.self, forKey: .fromTargetDose)
        fromPrevious = try c.decodeIfPresent(Bool.self, forKey: .fromPrevious) ?? (fromTargetDose == nil)
        absoluteMinimumInterval = try c.decodeIfPresent(Period.self, forKey: .absoluteMinimumInterval)
        minimumInterval = try c.decodeIfPresent(Period.self, forKey: .minimumInterval)
        earliestRecommendedInterval = try c.decodeIfPresent(Period.self, forKey: .earliestRecommendedInterval)
        latestRecommendedInterval = try c.decodeIfPresent(Period.self, forKey: .latestRecommendedInterval)
        maximumInterval = try c.decodeIfPresent(Period.self, forKey: .maximumInterval)
        effective = try c.decodeIfPresent(CalendarDate.self, forKey: .effective)
        cessation = try c.decodeIfPresent(CalendarDate.self, forKey: .cessation)
    }

    public init(fromPrevious: Bool = true, fromTargetDose: Int? = nil, absoluteMinimumInterval: Period? = nil,
                minimumInterval: Period? = nil, earliestRecommendedInterval: Period? = nil,
                latestRecommendedInterval: Period? = nil, maximumInterval: Period? = nil,
                effective: CalendarDate? = nil, cessation: CalendarDate? = nil) {
        self.fromPrevious = fromPrevious
        self.fromTargetDose = fromTargetDose
        self.absoluteMinimumInterval = absoluteMinimumInterval
        self.minimumInterval = minimumInterval
        self.earliestRecommendedInterval = earliestRecommendedInterval
        self.latestRecommendedInterval = latestRecommendedInterval
        self.maximumInterval = maximumInterval
        self.effective = effective
        self.cessation = cessation
    }
}

/// A vaccine that may satisfy a target dose, optionally only between two ages.
@PublicInit
public final class VaccineUse: Codable, Sendable {
    public let code: String
    public let beginAge: Period?
    public let endAge: Period?

    enum CodingKeys: String, CodingKey {
        case code
        case beginAge = "begin_age"
        case endAge = "end_age"
    }
}

/// CDSi conditional skip: sets of conditions under which a target dose is not needed.
public final class ConditionalSkip: Codable, Sendable {
    public enum Context: String, Codable, Sendable { case evaluation, forecast, both }
    public enum Logic: String, Codable, Sendable { case and, or }

    public let context: Context
    public let setLogic: Logic
    public let sets: [SkipSet]

    enum CodingKeys: String, CodingKey {
        case context, sets
        case setLogic = "set_logic"
    }

    public required init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        context = try c.decode(Context.self, forKey: .context)
        setLogic = try c.decodeIfPresent(Logic.self, forKey: .setLogic) ?? .or
        sets = try c.decode([SkipSet].self, forKey: .sets)
    }

    public final class SkipSet: Codable, Sendable {
        public let description: String?
        public let conditionLogic: Logic
        public let conditions: [Condition]

        enum CodingKeys: String, CodingKey {
            case description, conditions
            case conditionLogic = "condition_logic"
        }
    }

    public final class Condition: Codable, Sendable {
        public enum Kind: String, Codable, Sendable {
            case age
            case interval
            case vaccineCountByAge = "vaccine_count_by_age"
        }
        public enum DoseType: String, Codable, Sendable { case total, valid }
        public enum CountLogic: String, Codable, Sendable {
            case greaterThan = "greater_than"
            case equal
            case lessThan = "less_than"
        }

        public let type: Kind
        public let beginAge: Period?
        public let endAge: Period?
        public let interval: Period?
        public let doseCount: Int?
        public let doseType: DoseType?
        public let countLogic: CountLogic?
        public let vaccines: [String]?

        enum CodingKeys: String, CodingKey {
            case type, interval, vaccines
            case beginAge = "begin_age"
            case endAge = "end_age"
            case doseCount = "dose_count"
            case doseType = "dose_type"
            case countLogic = "count_logic"
        }
    }
}

/// A CDSi rule that holds between two dates (either open); outside them it does not apply.
protocol EffectiveDated {
    var effective: CalendarDate? { get }
    var cessation: CalendarDate? { get }
}

extension EffectiveDated {
    func inForce(on date: CalendarDate) -> Bool {
        (effective.map { date >= $0 } ?? true) && (cessation.map { date <= $0 } ?? true)
    }
}
