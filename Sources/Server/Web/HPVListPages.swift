import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore

/// HPV 名单 and AEFI 列表: the area's register and adverse events, IDs masked.
struct HPVListPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/girls") { r, _ in try self.girls(r) },
            .get("/aefi") { r, _ in try self.aefi(r) },
        ]
    }

    func girls(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let today = services.today
        let school = request.query("school")
        let status = request.query("status")
        let (page, paging) = try Paging.page(request)
        let list = try services.girlList(area: caller.user.area, asOf: today, school: school, status: status,
                                         offset: paging.offset, limit: paging.limit)
        let pageCount = paging.pageCount(total: list.total)
        let lines: [[String: Any]] = list.lines.map { g in
            let l = g.line
            return ["person": g.personUUID, "name": l.name, "idMasked": l.idMasked, "birthDate": l.birthDate,
             "status": HPVStatus(rawValue: l.status).map(Labels.status) ?? l.status, "reason": l.reason, "validDoses": l.validDoses,
             "school": l.school, "className": l.className]
        }
        // The filters ride along on the page links.
        var query = ""
        for (k, v) in [("school", school), ("status", status)] {
            if let v { query += k + "=" + (v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&" }
        }
        let schools = try services.schools(area: caller.user.area)
        // One school chosen: its girls' file to send back to the school.
        let schoolQuery = school.map { "school=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        let values: [String: Any] = [
            "schoolFile": schoolQuery.map { ["query": $0, "school": school ?? ""] as [String: Any] } ?? false,
            "mayRegister": caller.user.may(.registerGirl),
            "today": today.iso, "total": list.total, "page": page, "pages": pageCount, "lines": lines, "query": query,
            "schools": schools.map { ["name": $0, "selected": $0 == school] as [String: Any] },
            "statuses": HPVStatus.allCases.map { ["code": $0.rawValue, "label": Labels.status($0), "selected": $0.rawValue == status] as [String: Any] },
            "prev": page > 1 ? page - 1 : false, "next": page < pageCount ? page + 1 : false,
        ]
        return self.page("girls", title: "HPV 名单", values: values, caller: caller, request: request, current: "/girls")
    }

    func aefi(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let lot = request.query("lot")
        let seriousOnly = request.query("serious") == "true"
        let (page, paging) = try Paging.page(request)
        let all = try services.aefiList(area: caller.user.area, seriousOnly: false, lot: nil)
        let matching = all.filter { (!seriousOnly || $0.serious) && (lot == nil || $0.lot == lot) }
        let shown = paging.slice(matching)
        let pageCount = paging.pageCount(total: matching.count)
        // Events per lot of the area (the whole province's per-lot doses are `hpv aefi lots`).
        var lots: [String: (product: String, events: Int, serious: Int)] = [:]
        for e in all {
            var l = lots[e.lot] ?? (product: e.product, events: 0, serious: 0)
            l.events += 1
            if e.serious { l.serious += 1 }
            lots[e.lot] = l
        }
        let names = Dictionary(services.programme.products.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
        let symptoms = Dictionary(services.programme.aefiSymptoms.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
        let events: [[String: Any]] = shown.map { AEFILine($0, showPII: false) }.map { l in
            ["event": l.event, "name": l.name, "id": l.id, "doseDate": l.doseDate, "product": names[l.product] ?? l.product, "lot": l.lot,
             "onset": l.onset, "symptoms": l.symptoms.map { symptoms[$0] ?? $0 }.joined(separator: "、"), "serious": l.serious,
             "outcome": AEFIOutcome(rawValue: l.outcome)?.zh ?? l.outcome, "reporter": l.reporter,
             "state": AEFIState(rawValue: l.state)?.zh ?? l.state]
        }
        // The filters ride along on the page links.
        var query = seriousOnly ? "serious=true&" : ""
        if let lot { query += "lot=" + (lot.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&" }
        let values: [String: Any] = [
            "events": events, "total": matching.count, "seriousOnly": seriousOnly, "page": page, "pages": pageCount, "query": query,
            "prev": page > 1 ? page - 1 : false, "next": page < pageCount ? page + 1 : false,
            "lotChoices": lots.keys.sorted().map { ["lot": $0, "selected": $0 == lot] as [String: Any] },
            "lots": lots.sorted { $0.key < $1.key }.map { k, v in
                ["lot": k, "product": names[v.product] ?? v.product, "events": v.events, "serious": v.serious] as [String: Any]
            },
        ]
        return self.page("aefi", title: "AEFI 列表", values: values, caller: caller, request: request, current: "/aefi")
    }
}
