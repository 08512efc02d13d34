import ScreenVaxCore
import ScreenVaxMacros

/// A dose as given: the date, the code (CVX for CDSi, a product code for a label), and the lot's
/// expiry when known. Evaluation judges it; it is never refused.
@PublicInit
public struct AdministeredDose: Sendable, Hashable {
    public var date: CalendarDate
    public var code: String
    public var lotExpiry: CalendarDate?
}

/// CDSi evaluation status of one dose, plus `ignored` for a dose dated after the assessment date.
public enum EvaluationStatus: String, Sendable, Codable {
    case valid
    case notValid = "not_valid"
    case extraneous
    /// Dated after the assessment date: not a fact yet on that day (a warning says so).
    case ignored
}

/// Why a dose is not valid, extraneous, or valid only thanks to grace.
public enum EvaluationReason: String, Sendable, Codable {
    case tooYoung = "too_young"
    case tooSoon = "too_soon"
    case gracePeriod = "grace_period"
    case tooOld = "too_old"
    case inadvertent
    case expiredLot = "expired_lot"
    /// Neither preferable nor allowable for the target dose (CDSi "not a preferable or allowable
    /// vaccine"), e.g. another product given under a product's label schedule.
    case notAllowable = "not_allowable"
    case afterAssessmentDate = "after_assessment_date"
}

public struct EvaluatedDose: Sendable, Hashable {
    public let dose: AdministeredDose
    public let status: EvaluationStatus
    public let reason: EvaluationReason?
    /// The target dose it satisfied (valid) or was measured against.
    public let targetDose: Int?
}

/// CDSi patient series status (the two CDSi statuses for immunity and contraindication are not
/// produced: the engine takes no observations).
public enum SeriesStatus: String, Sendable, Codable {
    case notComplete = "not_complete"
    case complete
    case agedOut = "aged_out"
    case notRecommended = "not_recommended"
}

/// The forecast for the next dose (CDSi FORECASTDT). `recommended` and `pastDue` are the adjusted
/// dates; nil where CDSi leaves a date blank.
public struct NextDoseForecast: Sendable, Hashable {
    /// The dose she needs next, counted as valid doses + 1 (a skipped target dose is not counted).
    public let dose: Int
    public let targetDose: Int
    public let earliest: CalendarDate
    public let recommended: CalendarDate
    public let pastDue: CalendarDate?
    public let latest: CalendarDate?
    /// FORECASTDT-3's unadjusted past due date (before FORECASTDT-6 moves it to the earliest date).
    public let unadjustedPastDue: CalendarDate?
}

/// The outcome for one person on one assessment date under one schedule.
public struct Assessment: Sendable {
    public let scheduleID: String
    public let seriesName: String?
    public let status: SeriesStatus
    public let next: NextDoseForecast?
    /// For `aged_out`: the dates the next target dose had, its `latest` the last day it could have
    /// been given. CDSi forecasts nothing for an aged-out series (`next` is nil); a programme shows
    /// them with its closed window.
    public let agedOutDates: NextDoseForecast?
    /// In the order the doses were given to the engine.
    public let doses: [EvaluatedDose]
    public let asOf: CalendarDate
    let noSeries: Bool

    /// Doses after the assessment date (ignored), and a schedule with no series for her sex.
    public var warnings: [String] {
        var out = doses.filter { $0.status == .ignored }.map {
            "dose on \($0.dose.date.iso) is after the assessment date \(asOf.iso) and was not evaluated"
        }
        if noSeries { out.append("schedule \(scheduleID) has no series for this sex") }
        return out
    }
}
