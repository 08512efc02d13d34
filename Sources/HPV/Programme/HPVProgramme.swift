import Foundation
import ScreenVaxCore

/// The HPV programme's policy, as read from `Schemas/programs/hpv-<year>.json`.
///
/// Every age, interval, date, price and split lives in the file; this type only gives it names.
public struct HPVProgramme: Codable, Sendable {
    public struct AgeRule: Codable, Sendable {
        public enum Reading: String, Codable, Sendable {
            /// 不超过N周岁: completed years on the cut-off date ≤ N.
            case completedYearsAtMost = "completed_years_at_most"
            /// 未满N周岁: completed years on the cut-off date < N.
            case completedYearsUnder = "completed_years_under"
        }
        public enum BirthdayCounts: String, Codable, Sendable {
            case onTheDay = "on_the_day"
            case fromNextDay = "from_next_day"
        }
        public let reading: Reading
        public let years: Int
        public let birthdayCounts: BirthdayCounts
        public let note: String?

        enum CodingKeys: String, CodingKey {
            case reading, years, note
            case birthdayCounts = "birthday_counts"
        }
    }

    public struct Cohort: Codable, Sendable {
        public let year: Int
        public let ageCutoffDate: CalendarDate
        public let ageRule: AgeRule
        public let sex: ResidentID.Sex
        public let requiresNoPriorHPVVaccination: Bool
        public let requiresConsent: Bool

        enum CodingKeys: String, CodingKey {
            case year, sex
            case ageCutoffDate = "age_cutoff_date"
            case ageRule = "age_rule"
            case requiresNoPriorHPVVaccination = "requires_no_prior_hpv_vaccination"
            case requiresConsent = "requires_consent"
        }
    }

    public struct DateRule: Codable, Sendable {
        public let monthEnd: MonthEndRule
        enum CodingKeys: String, CodingKey { case monthEnd = "month_end" }
    }

    /// One target dose, in CDSi's vocabulary; absent values do not constrain.
    public struct TargetDose: Codable, Sendable {
        public let dose: Int
        public let absoluteMinimumAge: Period?
        public let minimumAge: Period?
        public let maximumAge: Period?
        public let absoluteMinimumInterval: Period?
        public let minimumInterval: Period?
        public let latestRecommendedInterval: Period?

        enum CodingKeys: String, CodingKey {
            case dose
            case absoluteMinimumAge = "absolute_minimum_age"
            case minimumAge = "minimum_age"
            case maximumAge = "maximum_age"
            case absoluteMinimumInterval = "absolute_minimum_interval"
            case minimumInterval = "minimum_interval"
            case latestRecommendedInterval = "latest_recommended_interval"
        }
    }

    public struct Series: Codable, Sendable {
        public let doses: [TargetDose]
        public let seriesAgeLimit: Period

        enum CodingKeys: String, CodingKey {
            case doses
            case seriesAgeLimit = "series_age_limit"
        }
    }

    public struct Product: Codable, Sendable {
        public let code: String
        public let nameZh: String
        public let manufacturer: String
        public let valency: Int
        public let price: Double

        enum CodingKeys: String, CodingKey {
            case code, manufacturer, valency, price
            case nameZh = "name_zh"
        }
    }

    /// An HPV vaccine the register recognises but the programme does not fund.
    public struct OtherProduct: Codable, Sendable {
        public let code: String
        public let nameZh: String
        public let manufacturer: String
        public let valency: Int

        enum CodingKeys: String, CodingKey {
            case code, manufacturer, valency
            case nameZh = "name_zh"
        }
    }

    public struct Split: Codable, Sendable {
        public let province: Int
        public let local: Int
    }

    public struct Funding: Codable, Sendable {
        public let `default`: Split
        public let westernExtension: Split

        enum CodingKeys: String, CodingKey {
            case `default`
            case westernExtension = "western_extension"
        }
    }

    public struct Symptom: Codable, Sendable {
        public let code: String
        public let nameZh: String
        public let alwaysSerious: Bool?

        enum CodingKeys: String, CodingKey {
            case code
            case nameZh = "name_zh"
            case alwaysSerious = "always_serious"
        }
    }

    public let id: String
    public let nameZh: String
    public let cohort: Cohort
    public let dateRule: DateRule
    public let series: Series
    public let campaignStart: CalendarDate
    public let firstDoseDeadline: CalendarDate
    public let firstDoseDeadlineRule: DeadlineRule
    public let windowClosingDays: Int
    public let products: [Product]
    public let otherProducts: [OtherProduct]
    public let priceCap: Double
    public let serviceFee: Double
    public let funding: Funding
    public let westernExtensionCounties: [String]
    public let aefiSymptoms: [Symptom]
    public let plan: String
    /// The programme's dose schedule in the CDSi engine's form, derived from this file when it is
    /// read (`ProgrammeSchedule.derive`): the forecast and the dose evaluation run on it.
    public let schedule: Schedule
    /// The schedules of counties with dates of their own (`schedule(for:)`).
    let countySchedules = CountySchedules()

    enum CodingKeys: String, CodingKey {
        case id, cohort, series, products, funding, plan
        case nameZh = "name_zh"
        case dateRule = "date_rule"
        case otherProducts = "other_products"
        case campaignStart = "campaign_start"
        case firstDoseDeadline = "first_dose_deadline"
        case firstDoseDeadlineRule = "first_dose_deadline_rule"
        case windowClosingDays = "window_closing_days"
        case priceCap = "price_cap"
        case serviceFee = "service_fee"
        case westernExtensionCounties = "western_extension_counties"
        case aefiSymptoms = "aefi_symptoms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        nameZh = try c.decode(String.self, forKey: .nameZh)
        cohort = try c.decode(Cohort.self, forKey: .cohort)
        dateRule = try c.decode(DateRule.self, forKey: .dateRule)
        series = try c.decode(Series.self, forKey: .series)
        campaignStart = try c.decode(CalendarDate.self, forKey: .campaignStart)
        firstDoseDeadline = try c.decode(CalendarDate.self, forKey: .firstDoseDeadline)
        firstDoseDeadlineRule = try c.decode(DeadlineRule.self, forKey: .firstDoseDeadlineRule)
        windowClosingDays = try c.decode(Int.self, forKey: .windowClosingDays)
        products = try c.decode([Product].self, forKey: .products)
        otherProducts = try c.decode([OtherProduct].self, forKey: .otherProducts)
        priceCap = try c.decode(Double.self, forKey: .priceCap)
        serviceFee = try c.decode(Double.self, forKey: .serviceFee)
        funding = try c.decode(Funding.self, forKey: .funding)
        westernExtensionCounties = try c.decode([String].self, forKey: .westernExtensionCounties)
        aefiSymptoms = try c.decode([Symptom].self, forKey: .aefiSymptoms)
        plan = try c.decode(String.self, forKey: .plan)
        schedule = ProgrammeSchedule.derive(id: id, name: nameZh, sex: cohort.sex, monthEnd: dateRule.monthEnd,
                                            series: series, campaignStart: campaignStart,
                                            firstDoseDeadline: firstDoseDeadline, products: products,
                                            otherProducts: otherProducts)
    }

    public var rule: MonthEndRule { dateRule.monthEnd }

    /// The province's first-dose dates, as the file sets them.
    public var firstDoseDates: FirstDoseDates { FirstDoseDates(campaignStart: campaignStart, deadline: firstDoseDeadline) }

    /// The schedule a girl's forecast runs on: the file's, or the same with her county's own
    /// first-dose dates in place of the province's.
    public func schedule(for dates: FirstDoseDates?) -> Schedule {
        guard let dates, dates != firstDoseDates else { return schedule }
        return countySchedules.schedule(dates) { d in
            ProgrammeSchedule.derive(id: id, name: nameZh, sex: cohort.sex, monthEnd: dateRule.monthEnd, series: series,
                                     campaignStart: d.campaignStart, firstDoseDeadline: d.deadline, products: products,
                                     otherProducts: otherProducts)
        }
    }

    public func product(_ code: String) -> Product? { products.first { $0.code == code } }

    /// Every product code a dose may be recorded with: the programme's and the other recognised ones.
    public var knownProductCodes: [String] { products.map(\.code) + otherProducts.map(\.code) }

    public func targetDose(_ number: Int) -> TargetDose? { series.doses.first { $0.dose == number } }

    public var doseCount: Int { series.doses.count }

    public func split(county: String) -> Split {
        westernExtensionCounties.contains(county) ? funding.westernExtension : funding.default
    }
}
