import ScreenVaxCore

/// One specimen past its stage's turnaround limit (`screening specimen overdue`).
public struct OverdueSpecimen: Sendable, Hashable {
    public let specimenNo: String
    public let service: String
    public let institution: String
    public let lab: String?
    public let stage: SpecimenStage
    public let since: CalendarDate
    public let limitDays: Int
    public let daysWaiting: Int
    public let countyCode: String

    public var json: String {
        var w = JSONWriter()
        w.string("specimen_no", specimenNo); w.string("service", service); w.string("institution", institution); w.string("lab", lab)
        w.string("stage", stage.rawValue); w.string("since", since.iso); w.int("limit_days", limitDays); w.int("days_waiting", daysWaiting)
        w.string("county_code", countyCode)
        return w.finished()
    }
}

/// The turnaround rule: pure in (stage, the day it was reached, the programme's limit, as-of date).
public enum SpecimenLimits {
    /// A specimen is overdue when the as-of date is later than the day it reached its stage plus
    /// the stage's limit: on the last allowed day it is not yet overdue.
    public static func isOverdue(stage: SpecimenStage, since: CalendarDate, policy: SpecimenPolicy, asOf: CalendarDate) -> Bool {
        guard let limit = policy.limit(stage) else { return false }
        return asOf > since.addingDays(limit)
    }

    /// The overdue ones among waiting specimens, by institution (collecting site), then oldest first.
    public static func overdue(_ specimens: [SpecimenRecord], policy: SpecimenPolicy, asOf: CalendarDate) -> [OverdueSpecimen] {
        specimens.compactMap { s -> OverdueSpecimen? in
            guard isOverdue(stage: s.stage, since: s.stageDay, policy: policy, asOf: asOf), let limit = policy.limit(s.stage) else { return nil }
            return OverdueSpecimen(specimenNo: s.specimenNo, service: s.service, institution: s.institution, lab: s.lab, stage: s.stage,
                                   since: s.stageDay, limitDays: limit, daysWaiting: s.stageDay.days(to: asOf), countyCode: s.countyCode)
        }.sorted { ($0.institution, $0.since, $0.specimenNo, $0.service) < ($1.institution, $1.since, $1.specimenNo, $1.service) }
    }
}
