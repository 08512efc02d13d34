import ScreenVaxCore

/// Chooses the best patient series (CDSi chapter 8) among standard series of one series group,
/// as the HPV supporting data has them:
/// - 8.1 SELECTSCORE-2: a standard series is scorable when it has a valid dose and its first valid
///   dose is before its maximum age to start.
/// - 8.2 Table 8-3: no scorable series → the default series; one scorable → it; several → the one
///   complete series, else the one in-process series, else the default series.
/// - 8.3-8.5 Tables 8-5, 8-7, 8-9: several complete series are scored on "most valid doses";
///   several in-process series on product path, completable, most valid doses, closest to
///   completion and can finish earliest.
/// - 8.7 SELECTBEST-2: highest score; a tie goes to the better series preference.
/// Not implemented (none of it occurs in the HPV data): risk and evaluation-only series, equivalent
/// series groups (8.8), and the no-valid-doses scoring of 8.6 when there is no default series
/// (the better series preference is taken instead).
enum SeriesSelection {
    struct Candidate {
        let series: Series
        let evaluator: SeriesEvaluator
        let outcome: SeriesEvaluator.Outcome
        /// The target dose to forecast after forecast-context skips; nil when none is left.
        let nextTarget: Int?
        let startLimit: CalendarDate?
        let asOf: CalendarDate

        var scorable: Bool {
            guard let first = outcome.firstValid else { return false }
            return startLimit.map { first < $0 } ?? true
        }

        /// SELECTB-6: the series forecast would be 'Complete'.
        var complete: Bool { nextTarget == nil && outcome.validCount > 0 }

        func forecast() -> SeriesForecaster.Result {
            SeriesForecaster(evaluator: evaluator, asOf: asOf).forecast(outcome, target: nextTarget)
        }
    }

    static func best(_ candidates: [Candidate]) -> Candidate {
        let byPreference: (Candidate, Candidate) -> Bool = { $0.series.preference < $1.series.preference }
        let fallback = candidates.first { $0.series.defaultSeries } ?? candidates.min(by: byPreference)!
        // Fast path (most girls): at most one scorable series, decided without building arrays.
        var onlyScorable: Candidate?
        var scorableCount = 0
        for c in candidates where c.scorable {
            scorableCount += 1
            onlyScorable = c
        }
        if scorableCount == 0 { return fallback }
        if scorableCount == 1, let only = onlyScorable { return only }
        let scorable = candidates.filter(\.scorable)
        let complete = scorable.filter(\.complete)
        if complete.count == 1 { return complete[0] }
        if complete.count >= 2 {
            let scores = complete.map { mostValidDosesPoints($0, among: complete, yes: 1, no: -1) }
            return highest(complete, scores: scores)
        }
        // SELECTB-16: in process = a satisfied target dose and a 'Not Complete' forecast.
        let forecasts = scorable.map { $0.forecast() }
        let inProcess = scorable.indices.filter { scorable[$0].outcome.validCount > 0 && forecasts[$0].status == .notComplete }
        if inProcess.count == 1 { return scorable[inProcess[0]] }
        if inProcess.isEmpty { return candidates.contains { $0.series.defaultSeries } ? fallback : scorable.min(by: byPreference)! }
        let group = inProcess.map { scorable[$0] }
        let finish = inProcess.map { finishDate(scorable[$0], forecasts[$0]) }
        let completable = inProcess.indices.map { i in finish[i].map { $0 < lastMaximumAge(group[i]) } ?? false }
        let notSatisfied = group.map { $0.series.doses.count - ($0.nextTarget ?? $0.series.doses.count) }
        var scores: [Int] = []
        for i in group.indices {
            var points = -2 // product patient series with all valid doses: HPV series have no product path
            points += completable[i] ? 3 : -3
            points += mostValidDosesPoints(group[i], among: group, yes: 2, no: -2)
            let fewest = notSatisfied.min()!
            let closest = notSatisfied[i] == fewest
            points += closest ? (notSatisfied.filter { $0 == fewest }.count > 1 ? 0 : 2) : -2
            let earliestFinish = group.indices.filter { completable[$0] }.compactMap { finish[$0] }.min()
            let finishesEarliest = completable[i] && finish[i] == earliestFinish
            let earliestCount = group.indices.filter { completable[$0] && finish[$0] == earliestFinish }.count
            points += finishesEarliest ? (earliestCount > 1 ? 0 : 1) : -1
            scores.append(points)
        }
        return highest(group, scores: scores)
    }

    /// SELECTBEST-2: the highest score; a tie goes to the better (lower) series preference.
    static func highest(_ group: [Candidate], scores: [Int]) -> Candidate {
        let top = scores.max()!
        return group.indices.filter { scores[$0] == top }.map { group[$0] }
            .min { $0.series.preference < $1.series.preference }!
    }

    /// Table 8-7 / 8-9 "has the most valid doses" (SELECTB-19: same as or greater than all others):
    /// true for this series alone → `yes`; true for two or more → 0; false → `no`.
    static func mostValidDosesPoints(_ c: Candidate, among all: [Candidate], yes: Int, no: Int) -> Int {
        let most = all.map(\.outcome.validCount).max()!
        guard c.outcome.validCount == most else { return no }
        return all.filter { $0.outcome.validCount == most }.count > 1 ? 0 : yes
    }

    /// SELECTB-12: the forecast's earliest date plus the latest minimum interval of the remaining
    /// target doses (those after the one forecast).
    static func finishDate(_ c: Candidate, _ forecast: SeriesForecaster.Result) -> CalendarDate? {
        guard let next = forecast.next, let index = c.nextTarget else { return nil }
        var finish = next.earliest
        var latestInterval: CalendarDate?
        for target in c.series.doses.dropFirst(index + 1) {
            for interval in target.intervals(on: c.asOf) {
                guard let p = interval.minimumInterval ?? interval.absoluteMinimumInterval else { continue }
                let d = c.evaluator.date(p, from: next.earliest)
                latestInterval = max(latestInterval ?? d, d)
            }
        }
        if let latestInterval { finish = max(finish, latestInterval) }
        return finish
    }

    /// SELECTB-3: the maximum age date of the last target dose (12/31/2999 when it has none).
    static func lastMaximumAge(_ c: Candidate) -> CalendarDate {
        guard let age = c.series.doses.last?.age(on: c.asOf)?.maximumAge else { return CalendarDate(year: 2999, month: 12, day: 31)! }
        return c.evaluator.date(age, from: c.evaluator.birthDate)
    }
}
