import ScreenVaxCore

/// Forecasts the next target dose of one evaluated series (CDSi chapter 7, FORECASTDT rules).
struct SeriesForecaster {
    let evaluator: SeriesEvaluator
    let asOf: CalendarDate

    struct Result {
        var status: SeriesStatus
        var next: NextDoseForecast?
        /// For `aged_out`: the dates the target dose had (CDSi forecasts nothing then).
        var agedOutDates: NextDoseForecast? = nil
    }

    /// The target dose to forecast after 7.1 conditional skips (forecast context, reference date =
    /// assessment date, CONDSKIP-2); nil when every target dose is satisfied or skipped.
    func nextTarget(_ outcome: SeriesEvaluator.Outcome, knownDoses: ArraySlice<AdministeredDose>) -> Int? {
        let targets = evaluator.series.doses
        var index = outcome.nextTarget
        while index < targets.count,
              evaluator.canSkip(targets[index], context: .forecast, reference: asOf,
                                priorDoses: knownDoses, outcome: outcome) {
            index += 1
        }
        return index < targets.count ? index : nil
    }

    /// Forecasts target dose `index` (from `nextTarget`; nil = complete).
    func forecast(_ outcome: SeriesEvaluator.Outcome, target index: Int?) -> Result {
        // Table 7-10: no target dose left: complete if one was satisfied, else not recommended
        // ("not recommended at this time due to past immunization history").
        guard let index else { return Result(status: outcome.validCount > 0 ? .complete : .notRecommended, next: nil) }
        let birth = evaluator.birthDate
        let targets = evaluator.series.doses
        let target = targets[index]
        // Table 7-10: past the seasonal recommendation end date, not recommended.
        if let end = target.seasonalRecommendation?.endDate, asOf > end { return Result(status: .notRecommended, next: nil) }
        let age = target.age(on: asOf)
        func fromBirth(_ p: Period?) -> CalendarDate? { p.map { evaluator.date($0, from: birth) } }

        // FORECASTDTCAN-1: minimum age (never the absolute minimum: no grace), minimum intervals,
        // inadvertent doses, the most recent dose.
        var earliest = fromBirth(age?.minimumAge) ?? birth
        var earliestRecommendedByInterval: CalendarDate?
        var latestRecommendedByInterval: CalendarDate?
        var maximumByInterval: CalendarDate?
        for interval in target.intervals(on: asOf) {
            guard let reference = evaluator.referenceDate(interval, outcome: outcome) else { continue }
            if let p = interval.minimumInterval ?? interval.absoluteMinimumInterval {
                earliest = max(earliest, evaluator.date(p, from: reference))
            }
            if let p = interval.earliestRecommendedInterval {
                let d = evaluator.date(p, from: reference)
                earliestRecommendedByInterval = max(earliestRecommendedByInterval ?? d, d)
            }
            if let p = interval.latestRecommendedInterval {
                let d = evaluator.date(p, from: reference)
                latestRecommendedByInterval = max(latestRecommendedByInterval ?? d, d)
            }
            if let p = interval.maximumInterval {
                let d = evaluator.date(p, from: reference)
                maximumByInterval = min(maximumByInterval ?? d, d)
            }
        }
        if let d = target.seasonalRecommendation?.startDate { earliest = max(earliest, d) }
        if let d = outcome.latestInadvertent { earliest = max(earliest, d) }
        if let d = outcome.latestDose { earliest = max(earliest, d) }

        // FORECASTDT-2…6. The past due date may also be a calendar date (ScreenVax `past_due_date`):
        // the earlier of the two applies.
        let maximumAgeDate = fromBirth(age?.maximumAge)
        func dates() -> NextDoseForecast {
            let unadjustedRecommended = fromBirth(age?.earliestRecommendedAge) ?? earliestRecommendedByInterval ?? earliest
            var unadjustedPastDue = (fromBirth(age?.latestRecommendedAge) ?? latestRecommendedByInterval)?.addingDays(-1)
            if let d = target.pastDueDate { unadjustedPastDue = min(unadjustedPastDue ?? d, d) }
            var latest = maximumAgeDate?.addingDays(-1)
            if let m = maximumByInterval { latest = min(latest ?? m.addingDays(-1), m.addingDays(-1)) }
            return NextDoseForecast(
                dose: outcome.validCount + 1, targetDose: target.dose, earliest: earliest,
                recommended: max(unadjustedRecommended, earliest),
                pastDue: unadjustedPastDue.map { max($0, earliest) },
                latest: latest, unadjustedPastDue: unadjustedPastDue)
        }
        // Table 7-10: aged out when the assessment date or the earliest date reaches the maximum age.
        if let maximumAgeDate, asOf >= maximumAgeDate || earliest >= maximumAgeDate {
            return Result(status: .agedOut, next: nil, agedOutDates: dates())
        }
        let next = dates()
        return Result(status: .notComplete, next: next)
    }
}
