import ScreenVaxCore

/// Evaluates and forecasts one person under one schedule, the CDSi way: every series relevant to
/// her sex is evaluated and forecast, then the best series is chosen (chapter 8).
///
/// A pure function of (birth date, sex, doses, schedule, assessment date); it never reads the clock.
public enum CDSiEngine {
    public static func assess(birthDate: CalendarDate, sex: ResidentID.Sex, doses: [AdministeredDose],
                              schedule: Schedule, asOf: CalendarDate) -> Assessment {
        // Doses after the assessment date are not facts yet on that day: ignored with a warning.
        // Fast path: doses already in date order and none after the assessment date.
        var inOrder = true
        for i in doses.indices where doses[i].date > asOf || (i > 0 && doses[i].date < doses[i - 1].date) {
            inOrder = false
            break
        }
        let order: [Int]
        let known: [AdministeredDose]
        if inOrder {
            order = []  // not needed: results come back in the given order
            known = doses
        } else {
            var sorted = Array(doses.indices.filter { doses[$0].date <= asOf })
            sorted.sort { doses[$0].date < doses[$1].date || (doses[$0].date == doses[$1].date && $0 < $1) }
            order = sorted
            known = sorted.map { doses[$0] }
        }

        // Fast path: a schedule of one series (a label, the programme) needs no selection (chapter 8
        // chooses it whether or not it is scorable).
        let series: Series
        let outcome: SeriesEvaluator.Outcome
        let forecast: SeriesForecaster.Result
        if schedule.series.count == 1, schedule.series[0].sexes.contains(sex) {
            series = schedule.series[0]
            let evaluator = SeriesEvaluator(series: series, birthDate: birthDate, rule: schedule.monthEnd)
            outcome = evaluator.evaluate(known)
            let forecaster = SeriesForecaster(evaluator: evaluator, asOf: asOf)
            forecast = forecaster.forecast(outcome, target: forecaster.nextTarget(outcome, knownDoses: known[...]))
        } else {
            var candidates: [SeriesSelection.Candidate] = []
            candidates.reserveCapacity(schedule.series.count)
            for series in schedule.series where series.sexes.contains(sex) {
                let evaluator = SeriesEvaluator(series: series, birthDate: birthDate, rule: schedule.monthEnd)
                let outcome = evaluator.evaluate(known)
                let next = SeriesForecaster(evaluator: evaluator, asOf: asOf).nextTarget(outcome, knownDoses: known[...])
                candidates.append(.init(series: series, evaluator: evaluator, outcome: outcome, nextTarget: next,
                                        startLimit: series.maximumAgeToStart.map { birthDate.adding($0, rule: schedule.monthEnd) },
                                        asOf: asOf))
            }
            guard !candidates.isEmpty else {
                return Assessment(scheduleID: schedule.id, seriesName: nil, status: .notRecommended, next: nil, agedOutDates: nil,
                                  doses: doses.map { .init(dose: $0, status: $0.date > asOf ? .ignored : .extraneous,
                                                            reason: $0.date > asOf ? .afterAssessmentDate : nil, targetDose: nil) },
                                  asOf: asOf, noSeries: true)
            }
            let best = SeriesSelection.best(candidates)
            series = best.series
            outcome = best.outcome
            forecast = best.forecast()
        }
        let results: [EvaluatedDose]
        if inOrder {
            results = outcome.results
        } else {
            var evaluated = [EvaluatedDose?](repeating: nil, count: doses.count)
            for (position, original) in order.enumerated() { evaluated[original] = outcome.results[position] }
            results = doses.indices.map { i in
                evaluated[i] ?? EvaluatedDose(dose: doses[i], status: .ignored, reason: .afterAssessmentDate, targetDose: nil)
            }
        }
        return Assessment(scheduleID: schedule.id, seriesName: series.name, status: forecast.status,
                          next: forecast.next, agedOutDates: forecast.agedOutDates, doses: results, asOf: asOf, noSeries: false)
    }
}
