import ScreenVaxCore
import ScreenVaxMacros

/// A family's answer on the roster's 是否愿意接种 column, or a later consent record.
public enum Consent: String, Codable, Sendable {
    case given, declined, unknown
}

/// Why an enrolled girl is not in the free programme. Excluded girls stay on the register.
public enum Exclusion: String, Codable, Sendable, CaseIterable {
    case male
    case overAge = "over_age"
    case previouslyVaccinated = "previously_vaccinated"
    case declined
}

/// The facts the eligibility rule judges.
@PublicInit
public struct EnrollmentFacts: Sendable {
    public var birthDate: CalendarDate
    public var sex: ResidentID.Sex
    public var priorVaccination: Bool
    public var consent: Consent
    /// Her county's own first-dose dates, when it set them (`hpv dates set`); nil: the province's.
    public var firstDose: FirstDoseDates?
}

public enum Eligibility {
    /// Age in completed years on the programme's cut-off date, under the programme's birthday rule.
    public static func cohortAge(birthDate: CalendarDate, programme: HPVProgramme) -> Int {
        let rule = programme.cohort.ageRule
        let counted = rule.birthdayCounts == .fromNextDay ? birthDate.addingDays(1) : birthDate
        return counted.age(on: programme.cohort.ageCutoffDate, rule: programme.rule)
    }

    /// Whether the birth date falls inside the cohort's age rule.
    public static func withinCohortAge(birthDate: CalendarDate, programme: HPVProgramme) -> Bool {
        let age = cohortAge(birthDate: birthDate, programme: programme)
        switch programme.cohort.ageRule.reading {
        case .completedYearsAtMost: return age <= programme.cohort.ageRule.years
        case .completedYearsUnder: return age < programme.cohort.ageRule.years
        }
    }

    /// The earliest birth date inside the cohort's age rule: a girl is of the cohort's age exactly
    /// when she was born on or after it. A later birth date never makes a girl older on the
    /// cut-off date (adding years keeps the order of dates, month ends included), so the rule is
    /// one threshold, found here by bisection with the rule itself; a province report compares
    /// dates with it instead of doing the calendar arithmetic once per girl.
    public static func earliestBirthDateInCohortAge(programme: HPVProgramme) -> CalendarDate {
        let cutoff = programme.cohort.ageCutoffDate
        let years = min(max(programme.cohort.ageRule.years, 0), 200)
        // Born after the cut-off date she is not yet of any age (-1): inside any rule.
        var inside = cutoff.dayNumber + 2
        var outside = cutoff.dayNumber - (years + 2) * 366
        while inside - outside > 1 {
            let middle = outside + (inside - outside) / 2
            if withinCohortAge(birthDate: CalendarDate(dayNumber: middle), programme: programme) {
                inside = middle
            } else {
                outside = middle
            }
        }
        return CalendarDate(dayNumber: inside)
    }

    /// The first clause of the programme the girl fails, or nil when she is in the programme.
    public static func exclusion(_ facts: EnrollmentFacts, programme: HPVProgramme) -> Exclusion? {
        if facts.sex != programme.cohort.sex { return .male }
        if !withinCohortAge(birthDate: facts.birthDate, programme: programme) { return .overAge }
        if programme.cohort.requiresNoPriorHPVVaccination && facts.priorVaccination { return .previouslyVaccinated }
        if programme.cohort.requiresConsent && facts.consent == .declined { return .declined }
        return nil
    }
}
