import ScreenVaxCore
import ScreenVaxMacros

/// A dose as recorded: the facts the evaluation judges.
@PublicInit
public struct DoseFact: Sendable, Hashable {
    public var date: CalendarDate
    public var product: String
    public var expiry: CalendarDate
    public var historical: Bool = false
}

/// Why a dose is not valid (or was rescued by grace).
public enum DoseReason: String, Codable, Sendable {
    case tooYoung = "too_young"
    /// Dose 1 on or after the programme's dose-1 age limit (14th birthday).
    case tooOld = "too_old"
    case tooSoon = "too_soon"
    /// On or after the series age limit (15th birthday).
    case seriesAgeLimit = "series_age_limit"
    case expiredLot = "expired_lot"
    case productNotAllowed = "product_not_allowed"
    /// The series was already complete.
    case extraDose = "extra_dose"
    /// Valid, but only thanks to the grace between absolute minimum and minimum.
    case gracePeriod = "grace_period"
}

/// One dose judged against the programme schedule.
public struct DoseEvaluation: Sendable, Hashable, Codable {
    public let dose: DoseFact.Snapshot
    /// The target dose it satisfied (valid) or tried to satisfy.
    public let number: Int
    public let valid: Bool
    public let reason: DoseReason?
    public let countsForProgramme: Bool

    enum CodingKeys: String, CodingKey {
        case number, valid, reason
        case date
        case countsForProgramme = "counts_for_programme"
    }

    public init(dose: DoseFact, number: Int, valid: Bool, reason: DoseReason?, countsForProgramme: Bool) {
        self.dose = .init(dose)
        self.number = number
        self.valid = valid
        self.reason = reason
        self.countsForProgramme = countsForProgramme
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(dose.date, forKey: .date)
        try c.encode(valid, forKey: .valid)
        try c.encode(reason, forKey: .reason)
        try c.encode(countsForProgramme, forKey: .countsForProgramme)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .number)
        dose = .init(DoseFact(date: try c.decode(CalendarDate.self, forKey: .date), product: "", expiry: .init(year: 2999, month: 12, day: 31)!))
        valid = try c.decode(Bool.self, forKey: .valid)
        reason = try c.decodeIfPresent(DoseReason.self, forKey: .reason)
        countsForProgramme = try c.decode(Bool.self, forKey: .countsForProgramme)
    }
}

extension DoseFact {
    public struct Snapshot: Sendable, Hashable {
        public let date: CalendarDate
        public let product: String
        public let historical: Bool
        init(_ fact: DoseFact) { date = fact.date; product = fact.product; historical = fact.historical }
    }
}

/// Judges a girl's doses against the programme's series, in date order.
///
/// The judging is the CDSi engine's, on the programme's schedule (`HPVProgramme.schedule`); this
/// type maps the engine's statuses and reasons to the programme's vocabulary. A dose that is not
/// valid still starts the next interval (CDSi CALCDTINT-1). Validity is clinical-by-programme;
/// `countsForProgramme` says whether the free programme pays for it.
public enum DoseEvaluator {
    public static func evaluate(birthDate: CalendarDate, doses: [DoseFact], inProgramme: Bool,
                                programme: HPVProgramme) -> [DoseEvaluation] {
        let sorted = inDateOrder(doses, upTo: nil)
        guard let last = sorted.last else { return [] }
        let assessment = CDSiEngine.assess(birthDate: birthDate, sex: programme.cohort.sex,
                                           doses: administered(sorted), schedule: programme.schedule, asOf: last.date)
        return evaluations(assessment, doses: sorted, birthDate: birthDate, inProgramme: inProgramme, programme: programme)
    }

    /// The doses dated on or before `upTo` (all when nil), in date order (ties keep their order).
    static func inDateOrder(_ doses: [DoseFact], upTo: CalendarDate?) -> [DoseFact] {
        var ordered = true
        for i in doses.indices where (upTo.map { doses[i].date > $0 } ?? false) || (i > 0 && doses[i].date < doses[i - 1].date) {
            ordered = false
            break
        }
        if ordered { return doses }
        var known = Array(doses.indices.filter { i in upTo.map { doses[i].date <= $0 } ?? true })
        known.sort { doses[$0].date < doses[$1].date || (doses[$0].date == doses[$1].date && $0 < $1) }
        return known.map { doses[$0] }
    }

    static func administered(_ doses: [DoseFact]) -> [AdministeredDose] {
        doses.map { AdministeredDose(date: $0.date, code: $0.product, lotExpiry: $0.expiry) }
    }

    /// The engine's evaluation of `doses` (date order, none after the assessment date) in the
    /// programme's words: `number` is the target dose it satisfied or tried to satisfy.
    static func evaluations(_ assessment: Assessment, doses: [DoseFact], birthDate: CalendarDate, inProgramme: Bool,
                            programme: HPVProgramme) -> [DoseEvaluation] {
        var results: [DoseEvaluation] = []
        results.reserveCapacity(doses.count)
        var validCount = 0
        for (fact, judged) in zip(doses, assessment.doses) {
            let number = validCount + 1
            let valid = judged.status == .valid
            let reason: DoseReason?
            if valid {
                validCount += 1
                reason = judged.reason == .gracePeriod ? .gracePeriod : nil
            } else if judged.targetDose == nil {
                // Past the end of the series (CDSi extraneous; an expired lot is judged before that).
                reason = .extraDose
            } else if programme.product(fact.product) == nil {
                // The programme names the product first, whatever else is wrong with the dose.
                reason = .productNotAllowed
            } else {
                reason = switch judged.reason {
                case .tooYoung: .tooYoung
                case .tooSoon: .tooSoon
                case .expiredLot: .expiredLot
                case .notAllowable, .inadvertent: .productNotAllowed
                case .tooOld: tooOld(fact.date, target: number, birthDate: birthDate, programme: programme)
                case .gracePeriod, .afterAssessmentDate, nil: nil
                }
            }
            results.append(.init(dose: fact, number: number, valid: valid, reason: reason,
                                 countsForProgramme: valid && inProgramme && !fact.historical))
        }
        return results
    }

    /// The engine's maximum age is the earlier of the dose's own maximum age and the series age
    /// limit; the programme tells them apart.
    static func tooOld(_ date: CalendarDate, target: Int, birthDate: CalendarDate, programme: HPVProgramme) -> DoseReason {
        if let m = programme.targetDose(target)?.maximumAge, date >= birthDate.adding(m, rule: programme.rule) { return .tooOld }
        return .seriesAgeLimit
    }
}
