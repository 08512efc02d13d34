import Foundation
import ScreenVaxCore

/// The first dose's campaign dates: when the campaign starts (dose 1 is due from then) and the
/// last day dose 1 is on time (overdue from the day after). The province sets them in the
/// programme file; a county may set its own within them (`CountyDates`).
public struct FirstDoseDates: Sendable, Hashable, Codable {
    public let campaignStart: CalendarDate
    public let deadline: CalendarDate

    enum CodingKeys: String, CodingKey {
        case campaignStart = "campaign_start"
        case deadline = "first_dose_deadline"
    }
}

/// How the plan's words give the first-dose deadline, named in the programme file as the cohort's
/// age rule is, so that the reading is a data choice and the loader can check the date against it.
public struct DeadlineRule: Codable, Sendable {
    public enum Reading: String, Codable, Sendable {
        /// X月前 (before month X): the last day of the month before.
        case beforeMonth = "before_month"
        /// X月底前 (by the end of month X): the month's last day.
        case byMonthEnd = "by_month_end"
    }

    public let textZh: String
    public let reading: Reading
    /// The month the text names, `YYYY-MM`.
    public let month: String

    enum CodingKeys: String, CodingKey {
        case reading, month
        case textZh = "text_zh"
    }

    /// The last day the reading gives, or nil when `month` is not a month.
    public var lastDay: CalendarDate? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), let first = CalendarDate(year: y, month: m, day: 1) else {
            return nil
        }
        switch reading {
        case .beforeMonth: return first.addingDays(-1)
        case .byMonthEnd: return CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))
        }
    }
}

/// Schedules derived for other first-dose dates than the file's (a county's own), made once per
/// pair of dates and shared by every forecast that needs them.
final class CountySchedules: @unchecked Sendable {
    private let lock = NSLock()
    private var schedules: [FirstDoseDates: Schedule] = [:]

    func schedule(_ dates: FirstDoseDates, derive: (FirstDoseDates) -> Schedule) -> Schedule {
        lock.lock()
        defer { lock.unlock() }
        if let known = schedules[dates] { return known }
        let made = derive(dates)
        schedules[dates] = made
        return made
    }
}
