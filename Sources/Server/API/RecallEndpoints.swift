import Accounts
import Foundation
import Hummingbird
import ScreenVaxCore
import Screening

/// /api/v1/recall/*: the open cases and their steps.
struct RecallEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .get, path: "/api/v1/recall/cases", handler: authed { c, r, _ in try self.recallCases(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/recall/cases/{id}/steps", handler: authed { c, r, p in try await self.recallStep(c, r, p) }),
        ]
    }

    /// `recall list --format json` for the caller's area; `overdue=true` keeps only cases past their deadline;
    /// `limit` (default 50) and `offset`.
    func recallCases(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.readRecall)
        let paging = try Paging.api(request)
        let entries = try services.recallCases(area: caller.user.area, asOf: asOf(request), overdueOnly: request.query("overdue") == "true")
        return Reply.page(json: RecallListEntry.jsonArray(paging.slice(entries)), total: entries.count)
    }

    struct StepBody: Decodable {
        let step: String
        var outcome: String?
        var channel: String?
        var date: String?
        var detail: String?
        var by: String?
        var institution: String?
    }

    /// `recall step --format json`: 201 with the case's new stage, next step and deadline.
    func recallStep(_ caller: Caller, _ request: Request, _ parameters: Parameters) async throws -> Response {
        try caller.require(.recordRecallStep)
        let b = try await request.decodeJSON(StepBody.self)
        let result = try services.recordRecallStep(caller, caseID: RecallCaseID(parameters.get("id") ?? ""), step: b.step, outcome: b.outcome,
                                                   channel: b.channel, date: b.date, detail: b.detail ?? "", by: b.by ?? "",
                                                   institution: b.institution)
        return try Reply.json(result, status: .created)
    }
}
