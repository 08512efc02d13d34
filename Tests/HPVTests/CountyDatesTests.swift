import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("First-dose dates: the province's deadline as the plan words it, and a county's own")
struct CountyDatesTests {
    @Test("The province's deadline is 2023-10-31: due on it, overdue the day after", arguments: [
        ("2023-08-31", HPVStatus.scheduled), ("2023-09-01", .due), ("2023-10-31", .due), ("2023-11-01", .overdue), ("2023-11-15", .overdue),
    ])
    func provinceDeadline(asOf: String, expected: HPVStatus) throws {
        let p = try programme()
        #expect(p.firstDoseDeadline == date("2023-10-31"))
        #expect(p.firstDoseDeadlineRule.reading == .beforeMonth)
        #expect(Forecaster.forecast(facts: facts("2011-05-10"), doses: [], programme: p, asOf: date(asOf)).status == expected)
    }

    @Test("The reading named in the file gives the date", arguments: [
        (DeadlineRule.Reading.beforeMonth, "2023-11", "2023-10-31"), (.byMonthEnd, "2023-11", "2023-11-30"),
        (.beforeMonth, "2024-03", "2024-02-29"), (.byMonthEnd, "2023-02", "2023-02-28"), (.beforeMonth, "2024-01", "2023-12-31"),
    ])
    func readings(reading: DeadlineRule.Reading, month: String, expected: String) throws {
        let json = #"{"text_zh": "x", "reading": "\#(reading.rawValue)", "month": "\#(month)"}"#
        let rule = try JSONDecoder().decode(DeadlineRule.self, from: Data(json.utf8))
        #expect(rule.lastDay == date(expected))
    }

    @Test("A county's own dates move its girls' status; the province's apply elsewhere", arguments: [
        // (county start, county deadline, as of, 东湖区 girl, 章贡区 girl)
        ("2023-09-15", "2023-10-15", "2023-09-10", HPVStatus.scheduled, HPVStatus.due),
        ("2023-09-15", "2023-10-15", "2023-09-15", .due, .due),
        ("2023-09-15", "2023-10-15", "2023-10-15", .due, .due),
        ("2023-09-15", "2023-10-15", "2023-10-16", .overdue, .due),
        ("2023-09-01", "2023-10-31", "2023-10-31", .due, .due),
        ("2023-09-01", "2023-10-31", "2023-11-01", .overdue, .overdue),
    ])
    func countyDates(start: String, deadline: String, asOf: String, donghu: HPVStatus, zhanggong: HPVStatus) throws {
        let f = try RegistryFixture()
        _ = try CountyDatesSetting.set(f.database, context: f.context(nil), county: "360102", campaignStart: start, firstDoseDeadline: deadline)
        let wang = try GirlLookup.find(f.database, context: f.context(nil), .residentID(RegistryFixture.wang))
        let li = try GirlLookup.find(f.database, context: f.context(nil), .residentID(RegistryFixture.li))
        let p = try programme()
        #expect(Forecaster.forecast(facts: wang.facts, doses: wang.doses, programme: p, asOf: date(asOf)).status == donghu)
        #expect(Forecaster.forecast(facts: li.facts, doses: li.doses, programme: p, asOf: date(asOf)).status == zhanggong)
        let listed = try f.database.read { db in
            var out: [String: FirstDoseDates] = [:]
            try Register.forEachGirl(db, programme: p.id) { out[$0.countyCode] = $0.firstDose }
            return out
        }
        #expect(listed["360102"] == FirstDoseDates(campaignStart: date(start), deadline: date(deadline)))
        #expect(listed["360702"] == nil)
    }

    @Test("Refused: a deadline after the province's, a start after the deadline, a county outside the caller's area", arguments: [
        ("360102", "2023-09-01", "2023-11-01", nil as AreaScope?, "after_province_deadline"),
        ("360102", "2023-10-20", "2023-10-19", nil, "start_after_deadline"),
        ("360102", "2023-09-01", "2023-10-31x", nil, "bad_date"),
        ("南昌市", "2023-09-01", "2023-10-31", nil, "unknown_county"),
        ("360702", "2023-09-01", "2023-10-31", RegistryFixture.donghu, "outside_area"),
    ])
    func refused(county: String, start: String, deadline: String, area: AreaScope?, code: String) throws {
        let f = try RegistryFixture()
        let before = try f.count("outbox")
        do {
            _ = try CountyDatesSetting.set(f.database, context: f.context(area), county: county, campaignStart: start, firstDoseDeadline: deadline)
            Issue.record("accepted \(county) \(start) \(deadline)")
        } catch let error as HPVError {
            #expect(error.code == code)
        }
        #expect(try f.count("hpv_county_dates") == 0)
        #expect(try f.count("outbox") == before)
    }

    @Test("Each change is audited and synced as a new version; the same dates again write nothing")
    func auditedAndSynced() throws {
        let f = try RegistryFixture()
        let before = try f.count("outbox")
        let first = try CountyDatesSetting.set(f.database, context: f.context(nil), county: "南昌市东湖区", campaignStart: "2023-09-10",
                                               firstDoseDeadline: "2023-10-20")
        #expect(first.countyCode == "360102" && first.version == 1)
        _ = try CountyDatesSetting.set(f.database, context: f.context(nil), county: "360102", campaignStart: "2023-09-10", firstDoseDeadline: "2023-10-20")
        let second = try CountyDatesSetting.set(f.database, context: f.context(nil), county: "360102", campaignStart: "2023-09-10",
                                                firstDoseDeadline: "2023-10-25")
        #expect(second.version == 2 && second.firstDoseDeadline == "2023-10-25")
        #expect(try f.count("outbox") == before + 2)
        #expect(try f.audit(action: "county_dates").count == 2)
        let payloads = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM outbox WHERE record_type = 'county_dates' ORDER BY seq")
        }
        #expect(payloads.last?.contains(#""first_dose_deadline":"2023-10-25""#) == true)
        #expect(payloads.last?.contains(#""version":2"#) == true)
    }
}
