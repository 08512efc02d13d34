import ScreenVaxCore

/// Evaluates and forecasts one person under one schedule, the CDSi way: every series relevant to
/// her sex is evaluated and forecast, then the best series is chosen (chapter 8).
///
/// A pure function of (birth date, sex, doses, schedule, assessment date); it never reads the clock.
public enum CDSiEngine {
    public static func assess(birthDate: CalendarDate, sex: ResidentID.Sex, doses: [AdministeredDose],
                              schedule: Schedule, asOf: CalendarDate) -> Assessment {
        // Doses after the assessment date are not facts yet on that day: ignored with a warning.
        var warnings: [String] = []
        var order = Array(doses.indices.filter { doses[$0].date <= asOf })
        order.sort { doses[$0].date < doses[$1].date || (doses[$0].date == doses[$1].date && $0 < $1) }
        let known = order.map { doses[$0] }
        for d in doses where d.date > asOf {
            warnings.append("dose on \(d.date.iso) is after the assessment date \(asOf.iso) and was not evaluated")
        }

        let relevant = schedule.series.filter { $0.sexes.contains(sex) }
        guard !relevant.isEmpty else {
            return Assessment(scheduleID: schedule.id, seriesName: nil, status: .notRecommended, next: nil,
                              doses: doses.map { .init(dose: $0, status: $0.date > asOf ? .ignored : .extraneous,
                                                        reason: $0.date > asOf ? .afterAssessmentDate : nil, targetDose: nil) },
                              warnings: warnings + ["schedule \(schedule.id) has no series for sex \(sex.rawValue)"])
        }
        var candidates: [SeriesSelection.Candidate] = []
        candidates.reserveCapacity(relevant.count)
        for series in relevant {
            let evaluator = SeriesEvaluator(series: series, birthDate: birthDate, rule: schedule.monthEnd)
            let outcome = evaluator.evaluate(known)
            let forecast = SeriesForecaster(evaluator: evaluator, asOf: asOf).forecast(outcome, knownDoses: known[...])
            candidates.append(.init(series: series, outcome: outcome, forecast: forecast,
                                    startLimit: series.maximumAgeToStart.map { birthDate.adding($0, rule: schedule.monthEnd) }))
        }
        let best = SeriesSelection.best(candidates)

        var evaluated = [EvaluatedDose?](repeating: nil, count: doses.count)
        for (position, original) in order.enumerated() { evaluated[original] = best.outcome.results[position] }
        let results = doses.indices.map { i in
            evaluated[i] ?? EvaluatedDose(dose: doses[i], status: .ignored, reason: .afterAssessmentDate, targetDose: nil)
        }
        return Assessment(scheduleID: schedule.id, seriesName: best.series.name, status: best.forecast.status,
                          next: best.forecast.next, doses: results, warnings: warnings)
    }
}
