import ScreenVaxCore

/// Where a girl stands in the programme on a given day.
public enum HPVStatus: String, Codable, Sendable, CaseIterable {
    /// In the programme, no dose yet, consent not yet recorded.
    case notStarted = "not_started"
    case due
    /// The next dose is not yet due.
    case scheduled
    case overdue
    case complete
    /// The next dose can no longer be given in time (age limit passed).
    case windowClosed = "window_closed"
    case declined
    case previouslyVaccinated = "previously_vaccinated"
    case ineligible
}

/// The dates for the next dose: earliest (no grace), due, overdue from, and the last day it can count.
public struct NextDose: Sendable, Hashable, Codable {
    public let dose: Int
    public let earliest: CalendarDate
    public let due: CalendarDate
    public let overdue: CalendarDate
    public let latest: CalendarDate
}

/// The forecast for one girl on one day: a pure function of her facts, doses, the programme and the date.
public struct HPVForecast: Sendable, Codable {
    public let status: HPVStatus
    public let doses: [DoseEvaluation]
    public let next: NextDose?
    /// Why she is not on the way to completion (exclusion, or the closed window), in words.
    public let reason: String?
    /// Whether the next dose's last day falls within the programme's closing window.
    public let windowClosing: Bool

    enum CodingKeys: String, CodingKey {
        case status, doses, next, reason
        case windowClosing = "window_closing"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(doses, forKey: .doses)
        try c.encode(next, forKey: .next)
        try c.encode(reason, forKey: .reason)
        try c.encode(windowClosing, forKey: .windowClosing)
    }
}

public enum Forecaster {
    public static func forecast(facts: EnrollmentFacts, doses: [DoseFact], programme: HPVProgramme,
                                asOf: CalendarDate) -> HPVForecast {
        let exclusion = Eligibility.exclusion(facts, programme: programme)
        // Doses after the assessment date are not yet facts on that day.
        let known = doses.filter { $0.date <= asOf }
        let evaluations = DoseEvaluator.evaluate(birthDate: facts.birthDate, doses: known,
                                                 inProgramme: exclusion == nil, programme: programme)
        if let exclusion {
            let status: HPVStatus = switch exclusion {
            case .declined: .declined
            case .previouslyVaccinated: .previouslyVaccinated
            case .male, .overAge: .ineligible
            }
            return HPVForecast(status: status, doses: evaluations, next: nil, reason: exclusion.rawValue, windowClosing: false)
        }
        let validCount = evaluations.filter(\.valid).count
        if validCount >= programme.doseCount {
            return HPVForecast(status: .complete, doses: evaluations, next: nil, reason: nil, windowClosing: false)
        }
        let next = nextDose(birthDate: facts.birthDate, target: validCount + 1,
                            previous: evaluations.last?.dose.date, programme: programme)
        if next.earliest > next.latest || asOf > next.latest {
            let limit = next.latest.addingDays(1)
            return HPVForecast(status: .windowClosed, doses: evaluations, next: next,
                               reason: "dose \(next.dose) could not be given before \(limit.iso)", windowClosing: false)
        }
        let closing = asOf.days(to: next.latest) < programme.windowClosingDays && asOf >= next.due
        let status: HPVStatus
        if facts.consent == .unknown && programme.cohort.requiresConsent && evaluations.isEmpty {
            status = .notStarted
        } else if asOf < next.due {
            status = .scheduled
        } else if asOf >= next.overdue {
            status = .overdue
        } else {
            status = .due
        }
        return HPVForecast(status: status, doses: evaluations, next: next,
                           reason: status == .notStarted ? "consent not recorded" : nil, windowClosing: closing)
    }

    /// Dates for target dose `target`, given the date of the most recent dose (valid or not).
    public static func nextDose(birthDate: CalendarDate, target: Int, previous: CalendarDate?,
                                programme: HPVProgramme) -> NextDose {
        let rule = programme.rule
        let td = programme.targetDose(target)!
        var earliest = td.minimumAge.map { birthDate.adding($0, rule: rule) } ?? birthDate
        var overdue: CalendarDate?
        if target == 1 {
            earliest = max(earliest, programme.campaignStart)
            overdue = programme.firstDoseDeadline.addingDays(1)
        }
        if let previous {
            if let i = td.minimumInterval { earliest = max(earliest, previous.adding(i, rule: rule)) }
            if target > 1, let l = td.latestRecommendedInterval { overdue = previous.adding(l, rule: rule) }
        }
        var limit = birthDate.adding(programme.series.seriesAgeLimit, rule: rule)
        if let m = td.maximumAge { limit = min(limit, birthDate.adding(m, rule: rule)) }
        let latest = limit.addingDays(-1)
        let due = earliest
        let overdueFrom = min(max(overdue ?? limit, due), max(latest, due))
        return NextDose(dose: target, earliest: earliest, due: due, overdue: overdueFrom, latest: latest)
    }
}
