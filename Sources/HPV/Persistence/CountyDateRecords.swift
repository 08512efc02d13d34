import GRDB
import ScreenVaxCore
import Store

/// A county's own first-dose dates as stored (`hpv_county_dates`), one row per county and
/// programme; each change is a new version sent to the platform.
public struct CountyDateRecord: Sendable, Hashable {
    public let uuid: String
    public let version: Int
    public let countyCode: String
    public let dates: FirstDoseDates
    public let setBy: String
    public let setAt: String
}

public enum CountyDateRecords {
    /// Every county's own dates of a programme, by county code. Rows the table's checks let in
    /// but that are not dates are skipped: the province's dates then apply.
    public static func all(_ db: Database, programme: String) throws -> [String: FirstDoseDates] {
        var out: [String: FirstDoseDates] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM hpv_county_dates WHERE programme = ?", arguments: [programme]) {
            if let r = record(row) { out[r.countyCode] = r.dates }
        }
        return out
    }

    public static func find(_ db: Database, programme: String, countyCode: String) throws -> CountyDateRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM hpv_county_dates WHERE programme = ? AND county_code = ?",
                         arguments: [programme, countyCode]).flatMap(record)
    }

    /// Stores the county's dates (a new version when they change), audits and queues them for the
    /// platform. Unchanged dates write nothing.
    static func set(_ db: Database, programme: HPVProgramme, countyCode: String, cityCode: String, dates: FirstDoseDates,
                    audit: AuditLog) throws -> CountyDateRecord {
        let existing = try find(db, programme: programme.id, countyCode: countyCode)
        if let existing, existing.dates == dates { return existing }
        let uuid = existing?.uuid ?? RecordID.make()
        let version = (existing?.version ?? 0) + 1
        try db.execute(sql: """
            INSERT INTO hpv_county_dates (uuid, version, programme, county_code, campaign_start, first_dose_deadline, set_by, set_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (programme, county_code) DO UPDATE SET version = excluded.version,
              campaign_start = excluded.campaign_start, first_dose_deadline = excluded.first_dose_deadline,
              set_by = excluded.set_by, set_at = excluded.set_at
            """, arguments: [uuid, version, programme.id, countyCode, dates.campaignStart.iso, dates.deadline.iso,
                             audit.operatorName, audit.timestamp])
        var w = JSONWriter()
        w.string("uuid", uuid)
        w.int("version", version)
        w.string("programme", programme.id)
        w.string("county_code", countyCode)
        w.string("city_code", cityCode)
        w.string("campaign_start", dates.campaignStart.iso)
        w.string("first_dose_deadline", dates.deadline.iso)
        w.string("set_at", audit.timestamp)
        try Outbox.enqueue(db, type: "county_dates", uuid: uuid, version: version, payload: w.finished(), at: audit.timestamp)
        try audit.record(db, action: "county_dates", entity: "hpv_county_dates", uuid: uuid,
                         detail: "county \(countyCode) campaign_start \(dates.campaignStart.iso) first_dose_deadline \(dates.deadline.iso)")
        guard let stored = try find(db, programme: programme.id, countyCode: countyCode) else {
            throw HPVError.badValue(field: "county", value: countyCode, expected: "a county whose dates could be stored")
        }
        return stored
    }

    private static func record(_ row: Row) -> CountyDateRecord? {
        let startText: String = row["campaign_start"], deadlineText: String = row["first_dose_deadline"]
        guard let start = CalendarDate(iso: startText), let deadline = CalendarDate(iso: deadlineText) else {
            return nil
        }
        return CountyDateRecord(uuid: row["uuid"], version: row["version"], countyCode: row["county_code"],
                                dates: FirstDoseDates(campaignStart: start, deadline: deadline), setBy: row["set_by"], setAt: row["set_at"])
    }
}
