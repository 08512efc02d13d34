import ScreenVaxCore

/// A dose as recorded: the facts the evaluation judges.
public struct DoseFact: Sendable, Hashable {
    public var date: CalendarDate
    public var product: String
    public var expiry: CalendarDate
    public var historical: Bool

    public init(date: CalendarDate, product: String, expiry: CalendarDate, historical: Bool = false) {
        self.date = date
        self.product = product
        self.expiry = expiry
        self.historical = historical
    }
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
/// A dose that is not valid still starts the next interval (CDSi CALCDTINT-1). Validity is
/// clinical-by-programme; `countsForProgramme` says whether the free programme pays for it.
public enum DoseEvaluator {
    public static func evaluate(birthDate: CalendarDate, doses: [DoseFact], inProgramme: Bool,
                                programme: HPVProgramme) -> [DoseEvaluation] {
        let rule = programme.rule
        let seriesLimit = birthDate.adding(programme.series.seriesAgeLimit, rule: rule)
        var target = 1
        var previous: CalendarDate?
        var results: [DoseEvaluation] = []
        results.reserveCapacity(doses.count)
        for dose in doses.sorted(by: { $0.date < $1.date }) {
            guard let td = programme.targetDose(target) else {
                results.append(.init(dose: dose, number: target, valid: false, reason: .extraDose, countsForProgramme: false))
                previous = dose.date
                continue
            }
            var reason: DoseReason?
            var valid = true
            func fail(_ r: DoseReason) { if valid { valid = false; reason = r } }
            if programme.product(dose.product) == nil { fail(.productNotAllowed) }
            if dose.date > dose.expiry { fail(.expiredLot) }
            if let a = td.absoluteMinimumAge, dose.date < birthDate.adding(a, rule: rule) { fail(.tooYoung) }
            if let m = td.maximumAge, dose.date >= birthDate.adding(m, rule: rule) { fail(.tooOld) }
            if dose.date >= seriesLimit { fail(.seriesAgeLimit) }
            if let previous, let a = td.absoluteMinimumInterval, dose.date < previous.adding(a, rule: rule) { fail(.tooSoon) }
            if valid {
                let graceAge = td.minimumAge.map { dose.date < birthDate.adding($0, rule: rule) } ?? false
                let graceInterval = previous.flatMap { p in td.minimumInterval.map { dose.date < p.adding($0, rule: rule) } } ?? false
                if graceAge || graceInterval { reason = .gracePeriod }
            }
            results.append(.init(dose: dose, number: target, valid: valid, reason: reason,
                                 countsForProgramme: valid && inProgramme && !dose.historical))
            if valid { target += 1 }
            previous = dose.date
        }
        return results
    }
}
