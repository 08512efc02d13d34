import Accounts
import Foundation
import Hummingbird
import ScreenVaxCore
import Screening

/// 筛查结果录入: one service's fields with units and plausible ranges from the programme file.
struct ScreeningPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/screening") { r, _ in try self.screening(r) },
            .post("/screening/results") { r, _ in try await self.screeningResult(r) },
        ]
    }

    func screening(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .recordResult)
        let programme = services.screening
        let chosen = request.query("service").flatMap { programme.service($0) } ?? programme.services.first
        var values: [String: Any] = [
            "services": programme.services.map { ["code": $0.code, "name": $0.nameZh, "current": $0.code == chosen?.code] as [String: Any] },
        ]
        if let s = chosen {
            values["service"] = [
                "code": s.code, "name": s.nameZh, "subject": s.subject.rawValue, "csrf": caller.session.csrfToken,
                "subjectID": request.query("subject") ?? "",
                "subjectLabel": s.subject.rawValue == "newborn" ? "新生儿" : "孕妇（本次妊娠）", "today": services.today.iso,
                "institutions": try services.institutions(service: s.code).map { ["code": $0.code, "name": $0.name] },
                "fields": s.fields.map { f -> [String: Any] in
                    // A ratio's range is of its denominator N in 1/N.
                    let p = f.type == .ratio ? "1/" : ""
                    let range = switch (f.min, f.max) {
                    case (let lo?, let hi?): "\(p)\(Self.number(lo)) – \(p)\(Self.number(hi))"
                    case (let lo?, nil): "≥ \(p)\(Self.number(lo))"
                    case (nil, let hi?): "≤ \(p)\(Self.number(hi))"
                    default: f.type == .ratio ? "1/N" : ""
                    }
                    // A choice the programme names in Chinese (the six anomalies) shows that name.
                    let names = Dictionary((f.choiceLabels ?? [:]).map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
                    let choices = (f.choices ?? []).map { ["value": $0, "label": f.type == .choiceSet ? names[$0] ?? $0 : $0] }
                    return ["key": f.key, "unit": f.unit ?? "", "range": range, "hasChoices": !choices.isEmpty,
                            "choices": choices, "placeholder": f.type == .ratio ? "1/270" : ""]
                },
            ] as [String: Any]
        }
        return page("screening", title: "筛查结果录入", values: values, caller: caller, request: request, current: "/screening",
                    error: error, status: status)
    }

    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }

    func screeningResult(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .recordResult)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let values = form.fields.filter { $0.key.hasPrefix("v.") && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { (key: String($0.key.dropFirst(2)), value: $0.value.trimmingCharacters(in: .whitespaces)) }.sorted { $0.key < $1.key }
        let newborn = form["subject_kind"] == "newborn"
        do {
            let r = try services.recordScreeningResult(caller, pregnancy: newborn ? nil : form["subject"], newborn: newborn ? form["subject"] : nil,
                                                       service: form["service"], date: form["date"], values: values, institution: form["institution"])
            let verdict = r.positive.map { $0 ? "阳性（已开召回）" : "阴性" } ?? "无法判定，需复查"
            return redirect("/screening?service=\(form["service"])", flash: "已保存：\(verdict)" + (r.flags.isEmpty ? "" : "；提示：" + r.flags.map(ScreeningWords.flag).joined(separator: "、")))
        } catch let e as any UserError {
            return try screening(request, error: e.message, status: .unprocessableContent)
        }
    }
}
