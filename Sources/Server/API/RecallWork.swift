import Accounts
import Foundation
import GRDB
import ScreenVaxCore
import Screening
import Store

/// Recall cases of screen-positive women and newborns, inside the caller's area.
extension ClinicServices {
    /// The designated institutions, those doing `service` first (the pickers of the result and referral forms).
    public func institutions(service: String?) throws -> [Institution] {
        let programme = screening
        let all = try database.read { db in try InstitutionRecords.all(db, programme: programme) }
        guard let service else { return all }
        return all.filter { $0.services.contains(service) } + all.filter { !$0.services.contains(service) }
    }

    func screeningContext(_ user: User) throws -> ScreeningContext {
        ScreeningContext(programme: screening, divisions: divisions, today: today, audit: audit(user))
    }

    func contains(_ area: Jurisdiction, county: String) -> Bool {
        area.contains(countyCode: county, cityCode: divisions.county(code: county)?.cityCode ?? "")
    }

    /// Open cases of the area, overdue first then by deadline (`recall list`), IDs and phones masked.
    public func recallCases(area: Jurisdiction, asOf: CalendarDate, overdueOnly: Bool) throws -> [RecallListEntry] {
        let county = area.countyCode
        let entries = try database.read { db in try WorkListQueries.recallList(db, asOf: asOf, overdueOnly: overdueOnly, county: county) }
        return entries.filter { contains(area, county: $0.countyCode) }.map(\.masked)
    }

    /// `recall step` on a case of the caller's area (404 for any other case).
    public func recordRecallStep(_ caller: Caller, caseID: RecallCaseID, step: String, outcome: String?, channel: String?, date: String?,
                                 detail: String, by: String = "", institution: String? = nil) throws -> RecallStepResult {
        guard let county = try database.read({ db in try RecallRecords.find(db, uuid: caseID)?.countyCode }),
              contains(caller.user.area, county: county) else { throw HTTPFailure.notFound }
        guard let stepValue = RecallStep(rawValue: step) else {
            throw HTTPFailure(.unprocessableContent, code: "bad_value",
                              message: "step is one of \(RecallStep.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let context = try screeningContext(caller.user)
        let day = try date.map { try self.date($0, field: "date") } ?? today
        return try database.write { db in
            try RecallStepRecording.record(db, context: context, caseUUID: caseID, step: stepValue, outcome: outcome, channel: channel,
                                           detail: detail, by: by, institution: institution, on: day)
        }
    }
}
