import Accounts
import Assist
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// 今日工作, the record-dose form, a girl's page.
struct WorkPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/work") { r, _ in try self.work(r) },
            .post("/doses") { r, _ in try await self.recordDose(r) },
            .get("/girls/{person}") { r, p in try self.girl(r, p.get("person") ?? "") },
        ]
    }

    func work(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let (page, paging) = try Paging.page(request)
        let today = services.today
        let list = try services.dueList(area: caller.user.area, asOf: today, offset: paging.offset, limit: paging.limit)
        let pageCount = paging.pageCount(total: list.total)
        let s = caller.session
        let lastProduct = s.lastProduct ?? services.programme.products.first?.code ?? ""
        let products = services.programme.products.map { ["code": $0.code, "name": $0.nameZh, "selected": $0.code == lastProduct] as [String: Any] }
        let lines: [[String: Any]] = list.items.map { item in
            let g = item.girl
            return [
                "person": g.personUUID, "name": g.name, "idMasked": Masking.residentID(g.residentID),
                "statusLabel": item.forecast.windowClosing ? Labels.status(item.forecast.status) + "（窗口即将关闭）" : Labels.status(item.forecast.status),
                "urgencyClass": item.urgency == 0 ? "closing" : item.urgency == 1 ? "overdue" : "due",
                "dose": item.next.dose, "due": item.next.due.iso, "latest": item.next.latest.iso, "daysLeft": today.days(to: item.next.latest),
                "school": g.school, "className": g.className, "phoneMasked": Masking.phone(g.guardianPhone),
            ]
        }
        let values: [String: Any] = [
            "today": today.iso, "total": list.total, "page": page, "pages": pageCount, "lines": lines, "csrf": s.csrfToken,
            "products": products, "lot": s.lastLot ?? "", "expiry": s.lastExpiry ?? "",
            "prev": page > 1 ? page - 1 : false, "next": page < pageCount ? page + 1 : false,
        ]
        return self.page("work", title: "今日工作", values: values, caller: caller, request: request, current: "/work", error: error, status: status)
    }

    func recordDose(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .recordDose)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let page = try Paging.page(form["page"]).number
        guard let girl = try services.girl(personUUID: PersonUUID(form["person"]), for: caller.user) else { throw HTTPFailure.notFound }
        do {
            let result = try services.recordDose(caller, DoseInput(girl: .person(girl.personUUID), date: form["date"], product: form["product"],
                                                                   lot: form["lot"], expiry: form["expiry"],
                                                                   consentBy: form["consent_by"].isEmpty ? nil : form["consent_by"]))
            let verdict = result.valid == true ? "有效" : "无效（\(Labels.reason(result.reason))）"
            let flash = "已记录 \(girl.name) 第\(result.number ?? 0)剂（\(result.date.iso)），评估：\(verdict)。"
            return redirect("/work?page=\(page)", flash: flash)
        } catch let e as HTTPFailure where e.status == .unprocessableContent {
            return try work(request, error: "\(girl.name)：\(e.message)", status: .unprocessableContent)
        } catch let e as any UserError {
            return try work(request, error: "\(girl.name)：\(Labels.hpvError(e))", status: .unprocessableContent)
        }
    }

    func girl(_ request: Request, _ person: String) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let detail = try GirlDetail.read(services.database, context: services.hpvContext(caller.user), personUUID: PersonUUID(person))
        let girl = detail.girl
        let today = services.today
        let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: services.programme, asOf: today)
        // The vaccinator checks the ID card and calls the family: she sees the full values on this one page.
        let full = caller.user.may(.recordDose)
        let (records, aefi, history) = (detail.doses, detail.aefi, detail.history)
        let names = Dictionary(services.programme.products.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
        let doses: [[String: Any]] = f.doses.map { e in
            let r = records.first { $0.date == e.dose.date }
            return ["date": e.dose.date.iso, "number": e.number, "product": names[e.dose.product] ?? e.dose.product, "lot": r?.lot ?? "",
                    "valid": e.valid ? "有效" + (e.reason == .gracePeriod ? "（宽限期）" : "") : "无效（\(Labels.reason(e.reason))）",
                    "counts": e.countsForProgramme ? "是" : "否", "clinic": r?.clinic ?? ""]
        }
        var values: [String: Any] = [
            "name": girl.name, "status": Labels.status(f.status) + (f.windowClosing ? "（窗口即将关闭）" : ""),
            "residentID": full ? girl.residentID : Masking.residentID(girl.residentID), "birthDate": girl.birthDate.iso,
            "school": girl.school, "className": girl.className, "guardian": girl.guardianName,
            "phone": full ? girl.guardianPhone : Masking.phone(girl.guardianPhone),
            "consent": girl.consent == .given ? "已同意" : girl.consent == .declined ? "拒绝" + (girl.refusalReason.isEmpty ? "" : "（\(girl.refusalReason)）") : "未记录",
            "doses": doses,
            "aefi": aefi.map { ["doseDate": $0.doseDate.iso, "onset": $0.onset, "symptoms": $0.symptoms.joined(separator: "、"),
                                "serious": $0.serious ? "是" : "否", "outcome": $0.outcome] as [String: Any] },
            "history": history.map { ["at": $0.at, "operator": $0.operator, "action": Labels.history(action: $0.action, entity: $0.entity)] },
        ]
        if let reason = f.reason { values["reason"] = reason }
        // The assist room's rule cards (hpv-reminder), as a clinic system would get them; no AI call from a page.
        values["cards"] = HPVReminderCards.cards(girl: girl, programme: services.programme, asOf: today, language: .zh).map { c in
            var card: [String: Any] = ["summary": c.summary, "detail": c.detail ?? "", "indicator": Labels.indicator(c.indicator),
                                       "indicatorClass": c.indicator.rawValue, "source": c.source.label]
            if let s = c.suggestions, !s.isEmpty { card["suggestions"] = s.map(\.label).joined(separator: "；") }
            return card
        }
        if let n = f.next {
            values["next"] = ["dose": n.dose, "earliest": n.earliest.iso, "due": n.due.iso, "overdue": n.overdue.iso, "latest": n.latest.iso]
        }
        return page("girl", title: girl.name, values: values, caller: caller, request: request, current: "")
    }
}
