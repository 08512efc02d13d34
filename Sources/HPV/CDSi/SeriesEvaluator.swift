import ScreenVaxCore

/// Evaluates a person's doses against one series (CDSi chapter 6), in date order.
struct SeriesEvaluator {
    let series: Series
    let birthDate: CalendarDate
    let rule: MonthEndRule

    struct Outcome {
        /// Evaluations indexed like the (date-sorted) doses given.
        var results: [EvaluatedDose]
        /// Index of the next target dose not yet satisfied or skipped.
        var nextTarget: Int
        var validCount: Int
        /// Date of the first valid dose, for series selection.
        var firstValid: CalendarDate?
        /// Most recent dose that starts intervals (valid or not valid, not inadvertent): CALCDTINT-1.
        var previous: CalendarDate?
        var latestInadvertent: CalendarDate?
        var latestDose: CalendarDate?
    }

    func date(_ p: Period, from d: CalendarDate) -> CalendarDate { d.adding(p, rule: rule) }

    func evaluate(_ doses: [AdministeredDose]) -> Outcome {
        let targets = series.doses
        var out = Outcome(results: [], nextTarget: 0, validCount: 0, firstValid: nil, previous: nil,
                          latestInadvertent: nil, latestDose: nil)
        out.results.reserveCapacity(doses.count)
        for (index, dose) in doses.enumerated() {
            out.latestDose = dose.date
            // 6.1 Dose administered condition: an expired lot is not valid but still starts intervals.
            if let expiry = dose.lotExpiry, dose.date > expiry {
                out.results.append(.init(dose: dose, status: .notValid, reason: .expiredLot,
                                         targetDose: out.nextTarget < targets.count ? targets[out.nextTarget].dose : nil))
                out.previous = dose.date
                continue
            }
            // 6.2 Conditional skip (evaluation context; reference date = date administered).
            while out.nextTarget < targets.count,
                  canSkip(targets[out.nextTarget], context: .evaluation, reference: dose.date,
                          priorDoses: doses[..<index], outcome: out) {
                out.nextTarget += 1
            }
            guard out.nextTarget < targets.count else {
                out.results.append(.init(dose: dose, status: .extraneous, reason: nil, targetDose: nil))
                continue
            }
            let target = targets[out.nextTarget]
            // 6.3 Inadvertent vaccine: not valid and starts no interval.
            if target.inadvertentVaccines.contains(dose.code) {
                out.results.append(.init(dose: dose, status: .notValid, reason: .inadvertent, targetDose: target.dose))
                out.latestInadvertent = dose.date
                continue
            }
            var status = EvaluationStatus.valid
            var reason: EvaluationReason?
            // 6.4 Age (Table 6-15): below the absolute minimum is too young; between it and the minimum
            // is valid by grace; on or after the maximum is extraneous, too old. CDC 2013-0452 shows grace
            // applies even right after a too-young dose.
            if let age = target.age(on: dose.date) {
                let absMin = (age.absoluteMinimumAge ?? age.minimumAge).map { date($0, from: birthDate) }
                let min = age.minimumAge.map { date($0, from: birthDate) }
                if let absMin, dose.date < absMin {
                    status = .notValid; reason = .tooYoung
                } else if let min, dose.date < min {
                    reason = .gracePeriod
                }
                if status == .valid, let max = age.maximumAge.map({ date($0, from: birthDate) }), dose.date >= max {
                    status = .extraneous; reason = .tooOld
                }
            }
            // 6.5/6.6 Intervals, each from its own reference dose.
            if status == .valid {
                for interval in target.intervals(on: dose.date) {
                    guard let reference = referenceDate(interval, outcome: out) else { continue }
                    let absMin = (interval.absoluteMinimumInterval ?? interval.minimumInterval).map { date($0, from: reference) }
                    let min = interval.minimumInterval.map { date($0, from: reference) }
                    if let absMin, dose.date < absMin {
                        status = .notValid; reason = .tooSoon; break
                    } else if let min, dose.date < min {
                        reason = .gracePeriod
                    }
                }
            }
            // 6.8/6.9 Preferable or allowable vaccine at this age.
            if status == .valid, !isAllowed(dose, target) {
                status = .notValid; reason = .notAllowable
            }
            out.results.append(.init(dose: dose, status: status, reason: reason, targetDose: target.dose))
            switch status {
            case .valid:
                out.nextTarget += 1
                out.validCount += 1
                if out.firstValid == nil { out.firstValid = dose.date }
                out.previous = dose.date
            case .notValid:
                out.previous = dose.date
            case .extraneous, .ignored:
                break
            }
        }
        return out
    }

    func referenceDate(_ interval: IntervalRule, outcome: Outcome) -> CalendarDate? {
        if let n = interval.fromTargetDose {
            // The dose that satisfied target dose n.
            for result in outcome.results where result.status == .valid && result.targetDose == n { return result.dose.date }
            return nil
        }
        return outcome.previous
    }

    func isAllowed(_ dose: AdministeredDose, _ target: TargetDose) -> Bool {
        func allows(_ uses: [VaccineUse]) -> Bool {
            for use in uses where use.code == dose.code {
                if let begin = use.beginAge, dose.date < date(begin, from: birthDate) { continue }
                if let end = use.endAge, dose.date >= date(end, from: birthDate) { continue }
                return true
            }
            return false
        }
        return allows(target.preferableVaccines) || allows(target.allowableVaccines)
    }

    /// CDSi 6.2 / 7.1: can the target dose be skipped on `reference`? Evaluation counts the doses
    /// given before the dose being evaluated; the forecast counts the doses known on the assessment date.
    func canSkip(_ target: TargetDose, context: ConditionalSkip.Context, reference: CalendarDate,
                 priorDoses: ArraySlice<AdministeredDose>, outcome: Outcome) -> Bool {
        for skip in target.conditionalSkips where skip.context == context || skip.context == .both {
            var setsMet = 0
            for set in skip.sets {
                var conditionsMet = 0
                for c in set.conditions where condition(met: c, reference: reference, priorDoses: priorDoses, outcome: outcome) {
                    conditionsMet += 1
                    if set.conditionLogic == .or { break }
                }
                let met = set.conditionLogic == .and ? conditionsMet == set.conditions.count : conditionsMet > 0
                if met { setsMet += 1 }
            }
            if skip.setLogic == .and ? setsMet == skip.sets.count : setsMet > 0 { return true }
        }
        return false
    }

    func condition(met c: ConditionalSkip.Condition, reference: CalendarDate,
                   priorDoses: ArraySlice<AdministeredDose>, outcome: Outcome) -> Bool {
        let beginAge = c.beginAge.map { date($0, from: birthDate) }
        let endAge = c.endAge.map { date($0, from: birthDate) }
        switch c.type {
        case .age:
            return (beginAge.map { reference >= $0 } ?? true) && (endAge.map { reference < $0 } ?? true)
        case .interval:
            // CALCDTSKIP-5: from the immediate previous dose administered (any status).
            guard let previous = priorDoses.last?.date, let interval = c.interval else { return false }
            return reference >= date(interval, from: previous)
        case .vaccineCountByAge:
            var count = 0
            for (offset, dose) in priorDoses.enumerated() {
                if let codes = c.vaccines, !codes.contains(dose.code) { continue }
                if let beginAge, dose.date < beginAge { continue }
                if let endAge, dose.date >= endAge { continue }
                if c.doseType == .valid {
                    let i = priorDoses.startIndex + offset
                    guard i < outcome.results.count, outcome.results[i].status == .valid else { continue }
                }
                count += 1
            }
            let target = c.doseCount ?? 0
            switch c.countLogic ?? .greaterThan {
            case .greaterThan: return count > target
            case .equal: return count == target
            case .lessThan: return count < target
            }
        }
    }
}
