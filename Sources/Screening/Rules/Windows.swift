import ScreenVaxCore

/// Gestational dating and window arithmetic: pure functions of dates and the programme.
public enum Dating {
    /// The LMP an EDD implies (EDD - pregnancy length).
    public static func lmp(edd: CalendarDate, programme: ScreeningProgramme) -> CalendarDate {
        edd.addingDays(-programme.dateRule.pregnancyLengthDays)
    }

    /// The LMP a dated ultrasound implies: the scan date minus the gestational age it measured.
    public static func lmp(scanDate: CalendarDate, age: GestationalAge) -> CalendarDate {
        scanDate.addingDays(-age.totalDays)
    }

    public static func edd(lmp: CalendarDate, programme: ScreeningProgramme) -> CalendarDate {
        lmp.addingDays(programme.dateRule.pregnancyLengthDays)
    }

    public static func gestationalAge(lmp: CalendarDate, on date: CalendarDate) -> GestationalAge {
        GestationalAge(days: lmp.days(to: date))
    }
}

/// A window resolved to calendar dates for one subject.
public struct DatedWindow: Sendable, Hashable {
    public let opens: CalendarDate
    public let closes: CalendarDate
    /// The last day a late service is still useful (metabolic: 20 days), when the programme gives one.
    public let catchUpUntil: CalendarDate?
}

extension Window {
    /// Whether a result at `time` falls in this window for a pregnancy dated by `lmp`.
    public func contains(_ time: ClinicalTime, lmp: CalendarDate) -> Bool {
        guard case .gestation(let from, let to) = kind else { return false }
        let ga = lmp.days(to: time.date)
        return ga >= from.totalDays && ga <= to.totalDays
    }

    /// Whether a result at `time` falls in this window for a baby born at `born`, in completed hours
    /// of age (71 h 59 min is 71 h). A result with only a date is in the window when any moment of
    /// that day could be (the day overlaps the window); a birth with only a date counts from 00:00.
    public func contains(_ time: ClinicalTime, born: ClinicalTime) -> Bool {
        guard case .hours(let from, let to, _) = kind else { return false }
        let bornMinute = born.earliestMinute
        let earliest = (time.earliestMinute - bornMinute).floorDivided(by: 60)
        let latest = (time.latestMinute - bornMinute).floorDivided(by: 60)
        return latest >= from && earliest <= to
    }

    public func dated(lmp: CalendarDate) -> DatedWindow? {
        guard case .gestation(let from, let to) = kind else { return nil }
        return DatedWindow(opens: lmp.addingDays(from.totalDays), closes: lmp.addingDays(to.totalDays), catchUpUntil: nil)
    }

    /// A newborn window in dates: it opens on the day hour `from` is reached and closes on the day
    /// hour `to` ends.
    public func dated(born: ClinicalTime) -> DatedWindow? {
        guard case .hours(let from, let to, let catchUp) = kind else { return nil }
        return DatedWindow(opens: born.date(afterHours: from), closes: born.date(afterHours: to),
                           catchUpUntil: catchUp.map { born.date(afterHours: $0) })
    }
}

extension Service {
    /// Whether a result at `time` lies in any accepted window (serum: either trimester mode).
    public func inWindow(_ time: ClinicalTime, lmp: CalendarDate) -> Bool {
        acceptedWindows.contains { $0.contains(time, lmp: lmp) }
    }

    public func inWindow(_ time: ClinicalTime, born: ClinicalTime) -> Bool {
        acceptedWindows.contains { $0.contains(time, born: born) }
    }
}
