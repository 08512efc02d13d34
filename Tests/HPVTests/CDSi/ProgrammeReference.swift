import ScreenVaxCore
@testable import HPV

/// The foundation's programme rules as they were written before the forecast ran through the CDSi
/// engine (commit 077c94b, `Sources/HPV/Rules/DoseEvaluation.swift` and `Forecast.swift`), kept here
/// as the oracle that proves the engine on the programme's schedule does not change the results.
///
/// Two deliberate changes are made to it, each marked `DELIBERATE`, and nothing else:
/// 1. The next dose's earliest (and so due) date is never before the most recent dose
///    (CDSi FORECASTDTCAN-1). Before, a girl whose dose 1 was not valid (expired lot, a product the
///    programme does not fund) kept the campaign start as earliest/due, a date before the dose the
///    clinic just gave.
/// 2. A dose past an age limit or past the end of the series (CDSi: extraneous) starts no interval
///    (CALCDTINT-1: valid and not-valid doses do). No dose's validity or reason changes (every later
///    dose is past the same limit); it shows only in the dates of a closed window.
enum ProgrammeReference {
    static func evaluate(birthDate: CalendarDate, doses: [DoseFact], inProgramme: Bool,
                         programme: HPVProgramme) -> (evaluations: [DoseEvaluation], intervalFrom: CalendarDate?) {
        let rule = programme.rule
        let seriesLimit = birthDate.adding(programme.series.seriesAgeLimit, rule: rule)
        var target = 1
        var previous: CalendarDate?
        var results: [DoseEvaluation] = []
        for dose in doses.sorted(by: { $0.date < $1.date }) {
            guard let td = programme.targetDose(target) else {
                results.append(.init(dose: dose, number: target, valid: false, reason: .extraDose, countsForProgramme: false))
                // DELIBERATE 2: was `previous = dose.date`.
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
            // DELIBERATE 2: was `previous = dose.date` for every dose.
            let pastAgeLimit = (td.maximumAge.map { dose.date >= birthDate.adding($0, rule: rule) } ?? false) || dose.date >= seriesLimit
            if !pastAgeLimit || dose.date > dose.expiry { previous = dose.date }
        }
        return (results, previous)
    }

    static func forecast(facts: EnrollmentFacts, doses: [DoseFact], programme: HPVProgramme, asOf: CalendarDate) -> HPVForecast {
        let exclusion = Eligibility.exclusion(facts, programme: programme)
        let known = doses.filter { $0.date <= asOf }
        let (evaluations, intervalFrom) = evaluate(birthDate: facts.birthDate, doses: known,
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
        let next = nextDose(birthDate: facts.birthDate, target: validCount + 1, previous: intervalFrom,
                            lastDose: evaluations.last?.dose.date, programme: programme)
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

    static func nextDose(birthDate: CalendarDate, target: Int, previous: CalendarDate?, lastDose: CalendarDate?,
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
        // DELIBERATE 1: not before the most recent dose (FORECASTDTCAN-1).
        if let lastDose { earliest = max(earliest, lastDose) }
        var limit = birthDate.adding(programme.series.seriesAgeLimit, rule: rule)
        if let m = td.maximumAge { limit = min(limit, birthDate.adding(m, rule: rule)) }
        let latest = limit.addingDays(-1)
        let due = earliest
        let overdueFrom = min(max(overdue ?? limit, due), max(latest, due))
        return NextDose(dose: target, earliest: earliest, due: due, overdue: overdueFrom, latest: latest)
    }
}
