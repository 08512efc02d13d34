import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// 跨县区转入: the open transfers of the user's area with their buttons, and the request form.
struct TransferPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/transfers") { r, _ in try self.transfers(r) },
            .post("/transfers") { r, _ in try await self.requestTransfer(r) },
            .post("/transfers/{id}/confirm") { r, p in try await self.decideTransfer(r, p.get("id") ?? "", confirm: true) },
            .post("/transfers/{id}/decline") { r, p in try await self.decideTransfer(r, p.get("id") ?? "", confirm: false) },
        ]
    }

    func transfers(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok, retryAfter: Int? = nil) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let context = services.hpvContext(caller.user)
        let list = try Transfers.list(services.database, context: context)
        let area = caller.user.area.scope
        let mayWrite = caller.user.may(.uploadRoster)
        func line(_ t: TransferLine, decide: Bool) -> [String: Any] {
            // The buttons show where the decision is the user's: the county holding her, or an area over both.
            let fromCounty = services.divisions.county(code: t.fromCountyCode), toCounty = services.divisions.county(code: t.toCountyCode)
            let overBoth = fromCounty.map { area.contains($0) } == true
                && (area.countyCode == t.fromCountyCode || toCounty.map { area.contains($0) } == true)
            return ["id": t.transferID, "name": t.name, "idMasked": t.idMasked, "from": t.fromCounty, "to": t.toCounty,
                    "school": t.school ?? "", "className": t.className ?? "", "requestedBy": t.requestedBy, "requestedAt": t.requestedAt,
                    "mayDecide": decide && mayWrite && overBoth, "csrf": caller.session.csrfToken]
        }
        let counties = services.divisions.counties.filter { area.contains($0) }
            .map { ["code": $0.code, "name": $0.cityName + $0.name] as [String: Any] }
        let values: [String: Any] = [
            "incoming": list.incoming.map { line($0, decide: true) }, "outgoing": list.outgoing.map { line($0, decide: false) },
            "mayRequest": mayWrite, "counties": counties, "csrf": caller.session.csrfToken,
        ]
        var r = page("transfers", title: "跨县区转入", values: values, caller: caller, request: request, current: "/transfers",
                     error: error, status: status)
        if let retryAfter { r.headers[.retryAfter] = String(retryAfter) }
        return r
    }

    func requestTransfer(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .uploadRoster)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        func optional(_ name: String) -> String? { form[name].isEmpty ? nil : form[name] }
        do {
            let t = try Transfers.request(services.database, context: services.hpvContext(caller.user), input: TransferInput(
                residentID: form["resident_id"], name: form["name"], toCounty: form["to_county"], school: optional("school"),
                className: optional("class"), guardianName: optional("guardian_name"), guardianPhone: optional("guardian_phone")))
            return redirect("/transfers", flash: "已向\(t.fromCounty)提出 \(t.name) 的转入申请，等待对方确认。")
        } catch let e as TooManyConflicts {
            return try transfers(request, error: Labels.hpvError(e), status: .tooManyRequests, retryAfter: e.retryAfter)
        } catch let e as any UserError {
            return try transfers(request, error: Labels.hpvError(e), status: HTTPFailure.from(e).status)
        }
    }

    func decideTransfer(_ request: Request, _ id: String, confirm: Bool) async throws -> Response {
        let caller = try session(request, requires: .uploadRoster)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let context = services.hpvContext(caller.user)
        do {
            let t = confirm ? try Transfers.confirm(services.database, context: context, transferID: id)
                : try Transfers.decline(services.database, context: context, transferID: id, reason: form["reason"])
            return redirect("/transfers", flash: confirm ? "已同意：\(t.name) 转入\(t.toCounty)。" : "已拒绝 \(t.name) 的转入申请。")
        } catch let e as any UserError {
            return try transfers(request, error: Labels.hpvError(e), status: HTTPFailure.from(e).status)
        }
    }
}
