import ScreenVaxCore

/// Chooses the best patient series (CDSi chapter 8), for schedules of standard series such as HPV.
///
/// Faithful parts: SELECTSCORE-2 (a standard series is scorable when it has a valid dose and its
/// first valid dose is before its maximum age to start), the default series when none is scorable,
/// and "one scorable series is the best". Simplified part (documented): among several scorable
/// series, a complete one wins; then the most valid doses; then the lower series preference. The
/// full CDSi point scoring (tables 8-5 to 8-7) is not implemented: for the HPV 2- and 3-dose series
/// these three steps settle every case we know of (the 15th-birthday switch, CDC 2016-0015).
enum SeriesSelection {
    struct Candidate {
        let series: Series
        let outcome: SeriesEvaluator.Outcome
        /// The target dose to forecast; nil when every target dose is satisfied or skipped (the
        /// forecast itself is made for the best series only).
        let nextTarget: Int?
        var complete: Bool { nextTarget == nil }
        let startLimit: CalendarDate?

        var scorable: Bool {
            guard let first = outcome.firstValid else { return false }
            return startLimit.map { first < $0 } ?? true
        }
    }

    /// Folds candidates one at a time (no array of candidates is kept: this runs for every girl).
    struct Choice {
        private var scorable: Candidate?
        private var scorableCount = 0
        private var fallback: Candidate?

        mutating func consider(_ c: Candidate) {
            if c.scorable {
                scorableCount += 1
                if let current = scorable {
                    if Choice.better(c, than: current) { scorable = c }
                } else {
                    scorable = c
                }
            } else if let current = fallback {
                let cDefault = c.series.defaultSeries, currentDefault = current.series.defaultSeries
                if (cDefault && !currentDefault) || (cDefault == currentDefault && c.series.preference < current.series.preference) {
                    fallback = c
                }
            } else {
                fallback = c
            }
        }

        /// The best series: the scorable one, else the default series (or the preferred one).
        var best: Candidate? { scorable ?? fallback }

        static func better(_ a: Candidate, than b: Candidate) -> Bool {
            let ac = a.complete, bc = b.complete
            if ac != bc { return ac }
            if a.outcome.validCount != b.outcome.validCount { return a.outcome.validCount > b.outcome.validCount }
            return a.series.preference < b.series.preference
        }
    }
}
