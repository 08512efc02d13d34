import Accounts
import Foundation
import GRDB
import ScreenVaxCore
import Screening
import Store

/// Pregnancies and newborns registered at the clinic, the screening due list and report, always
/// inside the caller's area (by the woman's county). The rules are the Screening room's.
extension ClinicServices {
    /// `screening pregnancy add`, dated by exactly one of LMP or EDD, in a county of the caller's area.
    public func registerPregnancy(_ caller: Caller, id: String, name: String, phone: String, county: String,
                                  lmp: String?, edd: String?) throws -> PregnancyRegistrationResult {
        let lmpText = lmp.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }, eddText = edd.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }
        let dating: DatingInput
        switch (lmpText, eddText) {
        case (let l?, nil): dating = .lmp(try date(l, field: "lmp"))
        case (nil, let e?): dating = .edd(try date(e, field: "edd"))
        default: throw ScreeningError.noDating.at(InputLocation(field: "lmp"))
        }
        let context = try screeningContext(caller.user)
        return try PregnancyRegistration.register(database, context: context, residentID: id, name: name, phone: phone, county: county,
                                                  dating: dating, area: caller.user.area.scope)
    }

    /// A pregnancy of the caller's area with the woman's name and ID; nil (answered 404) for any other.
    public func pregnancy(_ uuid: PregnancyID, for user: User) throws -> PregnancyListEntry? {
        guard let e = try database.read({ db in try PregnancyList.entry(db, uuid: uuid) }),
              user.area.contains(countyCode: e.pregnancy.countyCode, cityCode: e.pregnancy.cityCode) else { return nil }
        return e
    }

    /// `screening pregnancy close` on a pregnancy of the caller's area.
    public func closePregnancy(_ caller: Caller, uuid: PregnancyID, outcome: String, date text: String) throws -> PregnancyRecord {
        guard try pregnancy(uuid, for: caller.user) != nil else { throw HTTPFailure.notFound }
        guard let value = PregnancyOutcome(rawValue: outcome.trimmingSpaces()) else {
            throw ScreeningError.badValue("outcome", outcome, expected: PregnancyOutcome.allCases.map(\.rawValue).joined(separator: ", "))
                .at(InputLocation(field: "outcome"))
        }
        let day = try date(text, field: "date")
        let context = try screeningContext(caller.user)
        let area = caller.user.area
        return try database.write { db in
            // Read again inside the transaction: the area check and the change see the same record.
            guard let p = try PregnancyRecords.find(db, uuid: uuid), area.contains(countyCode: p.countyCode, cityCode: p.cityCode) else {
                throw HTTPFailure.notFound
            }
            return try PregnancyRegistration.close(db, context: context, pregnancyUUID: uuid, outcome: value, on: day)
        }
    }

    /// `screening newborn add` under a pregnancy of the caller's area.
    public func registerNewborn(_ caller: Caller, pregnancy uuid: PregnancyID, born: String, sex: String, order: Int, id: String?,
                                weeks: Int?, weightG: Int?, facility: String = "", name: String? = nil) throws -> NewbornRecord {
        guard try pregnancy(uuid, for: caller.user) != nil else { throw HTTPFailure.notFound }
        let new = try NewbornRecords.New.parse(born: born, sex: sex, order: order, weeks: weeks, weightG: weightG, facility: facility)
        let context = try screeningContext(caller.user)
        let area = caller.user.area
        return try database.write { db in
            guard let p = try PregnancyRecords.find(db, uuid: uuid), area.contains(countyCode: p.countyCode, cityCode: p.cityCode) else {
                throw HTTPFailure.notFound
            }
            return try BirthRegistration.add(db, context: context, pregnancyUUID: uuid, newborn: new,
                                             residentID: id.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }, name: name)
        }
    }

    /// `screening due` for the caller's area, most urgent first, IDs and phones masked.
    public func screeningDue(area: Jurisdiction, asOf: CalendarDate) throws -> [DueListEntry] {
        let programme = screening
        let county = area.countyCode
        let entries = try database.read { db in try WorkListQueries.dueList(db, programme: programme, asOf: asOf, county: county) }
        return entries.filter { contains(area, county: $0.countyCode) }.map(\.masked)
    }

    /// `report screening` for `from`...`to` (defaults as the command's), limited to the caller's area:
    /// a city sees its own line and counties, a county its city's line and itself; the top-level
    /// figures are the area's own (the province's only for a province user).
    public func screeningReport(area: Jurisdiction, from: CalendarDate?, to: CalendarDate?) throws -> ScreeningReport {
        let programme = screening
        let plan = screeningPlan
        let start = from ?? programme.firstDay
        let end = to ?? today
        let divisions = self.divisions
        var report = try database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: plan, divisions: divisions, from: start, to: end)
        }
        func setTotals(_ a: AreaFigures?) {
            let empty = AreaFigures(code: area.code, name: "", services: programme.services.map {
                ServiceFigures(service: $0.code, targetRate: $0.targetRate)
            })
            let own = a ?? empty
            report.services = own.services
            report.subsidyTotal = own.subsidyTotal
            report.subsidyProvince = own.subsidyProvince
            report.subsidyLocal = own.subsidyLocal
        }
        switch area {
        case .province: break
        case .city(let c):
            report.cities = report.cities.filter { $0.code == c }
            report.counties = report.counties.filter { divisions.county(code: $0.code)?.cityCode == c }
            setTotals(report.cities.first)
        case .county(let c):
            let city = divisions.county(code: c)?.cityCode
            report.cities = report.cities.filter { $0.code == city }
            report.counties = report.counties.filter { $0.code == c }
            setTotals(report.counties.first)
        }
        return report
    }
}
