import Accounts
import Foundation
import Hummingbird
import ScreenVaxCore
import Screening

/// 召回工作台: open recall cases, overdue first, with a step form for follow-up staff.
struct RecallPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/recall") { r, _ in try self.recall(r) },
            .post("/recall/steps") { r, _ in try await self.recallStep(r) },
        ]
    }

    func recall(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .readRecall)
        let today = services.today
        let programme = services.screening
        let cases = try services.recallCases(area: caller.user.area, asOf: today, overdueOnly: false)
        // Overdue first, then by deadline (the list comes by deadline).
        let ordered = cases.filter(\.overdue) + cases.filter { !$0.overdue }
        let canStep = caller.user.may(.recordRecallStep)
        let (page, paging) = try Paging.page(request)
        let pageCount = paging.pageCount(total: ordered.count)
        // A referral names a designated institution; left empty, the one designated for the county.
        let institutions = canStep ? try services.institutions(service: nil).map { ["code": $0.code, "name": $0.name] } : []
        let rows: [[String: Any]] = paging.slice(ordered).map { e in
            ["caseID": e.caseID.raw, "subject": e.subject == "newborn" ? "新生儿" + (e.birthOrder.map { "#\($0)" } ?? "") : "孕妇",
             "service": programme.service(e.service)?.nameZh ?? e.service, "opened": e.opened, "stage": ScreeningWords.stage(e.stage),
             "nextStep": e.nextStep.map(ScreeningWords.step) ?? "", "deadline": e.deadline ?? "",
             "overdue": e.overdue, "attempts": e.attempts, "name": e.name, "id": e.residentID ?? "（暂无）", "phone": e.phone,
             "canStep": canStep, "csrf": caller.session.csrfToken, "management": e.highRiskManagement, "institutions": institutions]
        }
        let values: [String: Any] = ["today": today.iso, "total": cases.count, "overdue": cases.filter(\.overdue).count, "cases": rows,
                                     "canStep": canStep, "page": page, "pages": pageCount,
                                     "prev": page > 1 ? page - 1 : false, "next": page < pageCount ? page + 1 : false]
        return self.page("recall", title: "召回工作台", values: values, caller: caller, request: request, current: "/recall", error: error, status: status)
    }

    func recallStep(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .recordRecallStep)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let step = form["step"]
        // Only the steps that take an outcome or a channel get them.
        let outcome: String? = ["contact", "diagnosed", "lost"].contains(step) ? form["outcome"] : nil
        do {
            let result = try services.recordRecallStep(caller, caseID: RecallCaseID(form["case"]), step: step, outcome: outcome,
                                                       channel: step == "contact" ? form["channel"] : nil, date: nil, detail: form["detail"],
                                                       by: step == "counselled" ? caller.user.username : "",
                                                       institution: step == "referred" ? form["institution"] : nil)
            return redirect("/recall", flash: "已记录：阶段 \(ScreeningWords.stage(result.stage))"
                            + (result.nextStep.map { "，下一步 \(ScreeningWords.step($0))，期限 \(result.deadline ?? "—")" } ?? ""))
        } catch let e as any UserError {
            return try recall(request, error: e.message, status: .unprocessableContent)
        }
    }
}
