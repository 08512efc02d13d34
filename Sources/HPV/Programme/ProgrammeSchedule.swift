import ScreenVaxCore

/// The programme's dose schedule in the CDSi engine's form, derived from the programme file.
///
/// One source: `programs/hpv-2023.json` holds the programme's ages, intervals, campaign start,
/// first-dose deadline and products, as the programme officer edits them; the engine's schedule is
/// read off it here whenever the file is read, so the two cannot drift. `programs/hpv-2023-schedule.json`
/// names this derivation (`"programme": "hpv-2023"`) so that the schedule can be chosen by name
/// (`hpv forecast --schedule hpv-2023-schedule`).
///
/// The mapping, target dose by target dose:
/// - the five ages: `absolute_minimum_age`, `minimum_age` as written; the programme's `series_age_limit`
///   is every target dose's `maximum_age`, or the dose's own `maximum_age` when that comes first
///   (dose 1: 14 years before the 15-year series limit);
/// - intervals from the previous dose: `absolute_minimum_interval`, `minimum_interval`,
///   `latest_recommended_interval` as written (the first target dose has none);
/// - the programme reads an absent absolute minimum as "no floor" and an absent minimum as "no
///   earliest date", where CDSi assumes one equals the other: the absent one is written `0 days`;
/// - dose 1: `campaign_start` is the CDSi seasonal recommendation start date, `first_dose_deadline`
///   is the `past_due_date` (ScreenVax extension to CDSi: the last day the dose is on time);
/// - the funded `products` are the allowable vaccines; `other_products` are known codes that never
///   satisfy a target dose;
/// - the series is for the cohort's sex.
///
/// Programme-only notions stay in the programme layer (`Eligibility`, `Forecaster`): eligibility and
/// exclusions, consent, `counts_for_programme`, the closing window and the registry's statuses.
public enum ProgrammeSchedule {
    /// The schedule name under which the programme `id` is chosen (`hpv-2023` → `hpv-2023-schedule`).
    public static func name(programme id: String) -> String { "\(id)-schedule" }

    static func derive(id: String, name: String, sex: ResidentID.Sex, monthEnd: MonthEndRule,
                       series: HPVProgramme.Series, campaignStart: CalendarDate, firstDoseDeadline: CalendarDate,
                       products: [HPVProgramme.Product], otherProducts: [HPVProgramme.OtherProduct]) -> Schedule {
        let allowable = products.map { VaccineUse(code: $0.code) }
        let doses = series.doses.map { td -> TargetDose in
            let first = td.dose == 1
            let age = AgeRule(absoluteMinimumAge: td.absoluteMinimumAge ?? td.minimumAge.map { _ in .zero },
                              minimumAge: td.minimumAge ?? td.absoluteMinimumAge.map { _ in .zero },
                              maximumAge: earlier(td.maximumAge, series.seriesAgeLimit, rule: monthEnd))
            var intervals: [IntervalRule] = []
            if !first, td.absoluteMinimumInterval != nil || td.minimumInterval != nil || td.latestRecommendedInterval != nil {
                intervals.append(IntervalRule(
                    fromPrevious: true,
                    absoluteMinimumInterval: td.absoluteMinimumInterval ?? td.minimumInterval.map { _ in .zero },
                    minimumInterval: td.minimumInterval ?? td.absoluteMinimumInterval.map { _ in .zero },
                    latestRecommendedInterval: td.latestRecommendedInterval))
            }
            return TargetDose(dose: td.dose, ages: [age], intervals: intervals, allowableVaccines: allowable,
                              seasonalRecommendation: first ? .init(startDate: campaignStart, endDate: nil) : nil,
                              pastDueDate: first ? firstDoseDeadline : nil)
        }
        return Schedule(
            id: Self.name(programme: id), name: name, kind: .programme, codeSystem: .product,
            vaccines: products.map { .init(code: $0.code, name: $0.nameZh) } + otherProducts.map { .init(code: $0.code, name: $0.nameZh) },
            series: [Series(name: "\(id) series", sexes: [sex], defaultSeries: true, preference: 1, doses: doses)],
            monthEnd: monthEnd)
    }

    /// The earlier of a dose's own maximum age and the series age limit, compared from a reference
    /// birth date (exact for the whole-year ages programmes write).
    static func earlier(_ own: Period?, _ limit: Period, rule: MonthEndRule) -> Period {
        guard let own else { return limit }
        let birth = CalendarDate(year: 2000, month: 1, day: 1)!
        return birth.adding(own, rule: rule) < birth.adding(limit, rule: rule) ? own : limit
    }
}
