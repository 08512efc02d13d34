import Accounts
import FollowUp
import Foundation
import Hummingbird
import ScreenVaxCore

/// 呼叫清单 and 转人工随访 for follow-up staff: the FollowUp room's queue inside the user's area.
struct CallsPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/calls") { r, _ in try self.calls(r) },
            .get("/calls/escalated") { r, _ in try self.escalated(r) },
            .post("/calls/{id}/attempts") { r, p in try await self.callAttempt(r, p.get("id") ?? "") },
            .post("/calls/{id}/phone") { r, p in try await self.revealPhone(r, p.get("id") ?? "") },
        ]
    }

    /// Today's calls; `revealed` is the one call whose full number the user asked for (audited).
    func calls(_ request: Request, revealed: CallListEntry? = nil, error: String? = nil,
               status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .workCalls)
        let today = services.today
        let entries = try services.callList(caller, day: today)
        let csrf = caller.session.csrfToken
        let outcomes: [[String: Any]] = CallOutcome.allCases.map { ["code": $0.rawValue, "label": Labels.outcome($0)] }
        func row(_ e: CallListEntry) -> [String: Any] {
            let shown = revealed?.callID == e.callID ? revealed : nil
            var row: [String: Any] = ["callID": e.callID, "name": e.addressee, "phone": shown?.phone ?? e.phone, "revealed": shown != nil,
                    "priority": Labels.priority(e.priority), "priorityClass": e.priority == "recall" || e.priority == "window_closing" ? "closing" : "due",
                    "notBefore": String(e.notBefore.dropFirst(11).prefix(5)), "reasons": e.reasons.map(Labels.callReason).joined(separator: "、"),
                    "attempts": e.attempts, "status": Labels.callStatus(e.status), "script": e.script, "outcomes": outcomes, "csrf": csrf]
            // Absent, not empty: mustache shows a section for an empty string.
            if let last = e.lastOutcome { row["lastOutcome"] = Labels.outcome(code: last) }
            return row
        }
        // One page over the open calls, then the handled ones.
        let (page, paging) = try Paging.page(request)
        let ordered = entries.filter(\.isOpen) + entries.filter { !$0.isOpen }
        let shown = paging.slice(ordered)
        let pageCount = paging.pageCount(total: ordered.count)
        let open = shown.filter(\.isOpen).map(row)
        let closed = shown.filter { !$0.isOpen }.map(row)
        let values: [String: Any] = ["today": today.iso, "open": open, "closed": closed, "openCount": entries.filter(\.isOpen).count,
                                     "closedCount": entries.count - entries.filter(\.isOpen).count, "page": page, "pages": pageCount,
                                     "prev": page > 1 ? page - 1 : false, "next": page < pageCount ? page + 1 : false]
        return self.page("calls", title: "呼叫清单", values: values, caller: caller, request: request, current: "/calls", error: error, status: status)
    }

    /// The full number of one call, to dial it by hand; the audit log records who saw it.
    func revealPhone(_ request: Request, _ callID: String) async throws -> Response {
        let caller = try session(request, requires: .workCalls)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let entry = try services.calls.revealPhone(callID: callID, operatorName: caller.user.username,
                                                   area: services.callArea(caller.user.area))
        return try calls(request, revealed: entry)
    }

    func callAttempt(_ request: Request, _ callID: String) async throws -> Response {
        let caller = try session(request, requires: .workCalls)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        do {
            let r = try services.recordCallAttempt(caller, callID: callID, outcome: form["outcome"], at: nil, note: form["note"])
            let outcome = Labels.outcome(code: form["outcome"])
            return redirect("/calls", flash: "已记录第\(r.attempt)次呼叫：\(outcome)；呼叫\(Labels.callStatus(r.status.rawValue))"
                            + (r.escalated > 0 ? "，\(r.escalated) 项转人工随访" : "") + "。")
        } catch let e as FollowUpError {
            if case .callNotFound = e { throw e }
            let closed: Bool = if case .callClosed = e { true } else { false }
            return try calls(request, error: closed ? "该呼叫已结束，不能再记录结果。" : e.message,
                             status: closed ? .conflict : .unprocessableContent)
        }
    }

    func escalated(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .workCalls)
        let tasks = try services.calls.tasks(area: services.callArea(caller.user.area)).map(\.masked)
        let rows: [[String: Any]] = tasks.map { t in
            ["kind": Labels.taskKind(t.kind), "due": String(t.dueAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
             "cause": Labels.outcome(code: t.cause), "reason": Labels.callReason(t.reason), "name": t.addressee, "phone": t.phone,
             "attempts": t.attempts, "lastOutcome": Labels.outcome(code: t.lastOutcome)]
        }
        return page("escalated", title: "转人工随访", values: ["today": services.today.iso, "total": rows.count, "tasks": rows],
                    caller: caller, request: request, current: "/calls")
    }
}
