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
public struct HPVForecast: Sendable, Encodable {
    public let status: HPVStatus
    public let doses: [DoseEvaluation]
    /// Null, not absent, when no dose is left to forecast.
    @NullWhenAbsent public private(set) var next: NextDose?
    /// Why she is not on the way to completion (exclusion, or the closed window), in words; null when she is.
    @NullWhenAbsent public private(set) var reason: String?
    /// Whether the next dose's last day falls within the programme's closing window.
    public let windowClosing: Bool
}

/// The programme's forecast: the CDSi engine on the programme's schedule (`HPVProgramme.schedule`,
/// with her county's own first-dose dates when it set them), read in the programme's terms. Programme-only notions live here: eligibility and exclusions,
/// consent (`not_started`), `counts_for_programme`, the closing window and `window_closed`.
public enum Forecaster {
    public static func forecast(facts: EnrollmentFacts, doses: [DoseFact], programme: HPVProgramme,
                                asOf: CalendarDate) -> HPVForecast {
        let exclusion = Eligibility.exclusion(facts, programme: programme)
        // Doses after the assessment date are not yet facts on that day.
        let known = DoseEvaluator.inDateOrder(doses, upTo: asOf)
        // The programme's series whoever she is: an excluded girl's doses are still judged by it.
        let assessment = CDSiEngine.assess(birthDate: facts.birthDate, sex: programme.cohort.sex,
                                           doses: DoseEvaluator.administered(known), schedule: programme.schedule(for: facts.firstDose), asOf: asOf)
        let evaluations = DoseEvaluator.evaluations(assessment, doses: known, birthDate: facts.birthDate,
                                                    inProgramme: exclusion == nil, programme: programme)
        if let exclusion {
            let status: HPVStatus = switch exclusion {
            case .declined: .declined
            case .previouslyVaccinated: .previouslyVaccinated
            case .male, .overAge: .ineligible
            }
            return HPVForecast(status: status, doses: evaluations, next: nil, reason: exclusion.rawValue, windowClosing: false)
        }
        if assessment.status == .complete {
            return HPVForecast(status: .complete, doses: evaluations, next: nil, reason: nil, windowClosing: false)
        }
        guard let dates = assessment.next ?? assessment.agedOutDates else {
            return HPVForecast(status: .windowClosed, doses: evaluations, next: nil,
                               reason: "no dose of the programme can be given", windowClosing: false)
        }
        let next = nextDose(dates)
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

    /// The engine's dates in the programme's terms: due is CDSi's recommended date; latest the
    /// last day the dose can be given; overdue the first day after CDSi's unadjusted past due date
    /// (the first-dose deadline, or dose 1 + the latest recommended interval), not before the due
    /// date, and at the latest on the last day (a dose on its last day is overdue).
    static func nextDose(_ f: NextDoseForecast) -> NextDose {
        let due = f.recommended
        let latest = f.latest ?? CalendarDate(year: 2999, month: 12, day: 30)!
        let overdue = f.unadjustedPastDue?.addingDays(1) ?? latest.addingDays(1)
        return NextDose(dose: f.dose, earliest: f.earliest, due: due,
                        overdue: min(max(overdue, due), max(latest, due)), latest: latest)
    }
}
