import GRDB
import ScreenVaxCore
import Store

/// What `hpv dates set` answers: the county's first-dose dates now in force.
public struct CountyDatesOutput: Encodable, Sendable {
    public let countyCode: String
    public let county: String
    public let campaignStart: String
    public let firstDoseDeadline: String
    public let provinceDeadline: String
    public let version: Int

    // The province's deadline is named in full beside the county's own.
    enum CodingKeys: String, CodingKey {
        case countyCode, county, campaignStart, firstDoseDeadline, version
        case provinceDeadline = "province_first_dose_deadline"
    }
}

/// `hpv dates set`: a county officer sets the county's own campaign start and first-dose deadline
/// (确定具体接种时间、各阶段工作时间节点). The deadline may be earlier than the province's, never
/// later; forecasts and work lists of the county's girls use them from then on.
public enum CountyDatesSetting {
    public static func set(_ database: RegistryDatabase, context: HPVContext, county raw: String, campaignStart: String,
                           firstDoseDeadline: String) throws -> CountyDatesOutput {
        let programme = context.programme
        guard let county = context.divisions.resolve(try FieldInput.text(raw, field: "county")) else {
            throw HPVError.field(code: "unknown_county",
                                 message: "county \"\(HPVError.clip(raw))\" is not a Jiangxi county; give its 6-digit code (360102) or name (南昌市东湖区)",
                                 field: "county")
        }
        if !context.covers(countyCode: county.code, cityCode: county.cityCode) {
            throw HPVError.field(code: "outside_area",
                                 message: "\(context.countyName(county.code)) is outside your area; set the dates of a county of your own area",
                                 field: "county")
        }
        let start = try FieldInput.date(campaignStart, field: "campaign_start")
        let deadline = try FieldInput.date(firstDoseDeadline, field: "first_dose_deadline")
        if deadline > programme.firstDoseDeadline {
            throw HPVError.field(code: "after_province_deadline",
                                 message: "first_dose_deadline \(deadline.iso) is after the province's \(programme.firstDoseDeadline.iso); "
                                     + "a county may set an earlier deadline, never a later one",
                                 field: "first_dose_deadline")
        }
        if start > deadline {
            throw HPVError.field(code: "start_after_deadline",
                                 message: "campaign_start \(start.iso) is after first_dose_deadline \(deadline.iso); give a start on or before the deadline",
                                 field: "campaign_start")
        }
        let dates = FirstDoseDates(campaignStart: start, deadline: deadline)
        let record = try database.write { db in
            try CountyDateRecords.set(db, programme: programme, countyCode: county.code, cityCode: county.cityCode, dates: dates,
                                      audit: context.audit)
        }
        return CountyDatesOutput(countyCode: county.code, county: context.countyName(county.code),
                                 campaignStart: record.dates.campaignStart.iso, firstDoseDeadline: record.dates.deadline.iso,
                                 provinceDeadline: programme.firstDoseDeadline.iso, version: record.version)
    }
}

/// One county's first-dose dates as the officer's page and `GET /api/v1/hpv/county-dates` show
/// them: its own, or the province's.
public struct CountyDatesLine: Sendable, Encodable {
    public let countyCode: String
    public let county: String
    public let dates: FirstDoseDates
    /// Set by the county (with who and when), or the province's dates.
    public let own: CountyDateRecord?

    // The dates and who set them written flat, beside the county.
    enum CodingKeys: CodingKey {
        case countyCode, county, campaignStart, firstDoseDeadline, own, setBy, setAt
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(countyCode, forKey: .countyCode)
        try c.encode(county, forKey: .county)
        try c.encode(dates.campaignStart.iso, forKey: .campaignStart)
        try c.encode(dates.deadline.iso, forKey: .firstDoseDeadline)
        try c.encode(own != nil, forKey: .own)
        try c.encode(own?.setBy, forKey: .setBy)
        try c.encode(own?.setAt, forKey: .setAt)
    }
}

extension CountyDatesSetting {
    /// The dates in force for every county of the caller's area, by code.
    public static func lines(_ database: RegistryDatabase, context: HPVContext) throws -> [CountyDatesLine] {
        let programme = context.programme
        let province = FirstDoseDates(campaignStart: programme.campaignStart, deadline: programme.firstDoseDeadline)
        let counties = context.divisions.counties.filter { context.covers(countyCode: $0.code, cityCode: $0.cityCode) }
        return try database.read { db in
            try counties.map { county in
                let own = try CountyDateRecords.find(db, programme: programme.id, countyCode: county.code)
                return CountyDatesLine(countyCode: county.code, county: context.countyName(county.code), dates: own?.dates ?? province, own: own)
            }
        }
    }
}
