import Accounts
import Foundation
import Hummingbird
import ScreenVaxCore
import Screening
import Store

/// 孕产妇登记, one pregnancy's page and its outcome, 新生儿登记. Errors of the input are shown in
/// Chinese beside the form, with what was typed kept in it.
struct ScreeningRegistrationPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/screening/pregnancies") { r, _ in try self.pregnancies(r) },
            .post("/screening/pregnancies") { r, _ in try await self.registerPregnancy(r) },
            .post("/screening/pregnancies/find") { r, _ in try await self.findPregnancy(r) },
            .get("/screening/pregnancies/{id}") { r, p in try self.pregnancy(r, p.get("id") ?? "") },
            .post("/screening/pregnancies/{id}/close") { r, p in try await self.closePregnancy(r, p.get("id") ?? "") },
            .get("/screening/newborns") { r, _ in try self.newborns(r) },
            .post("/screening/newborns") { r, _ in try await self.registerNewborn(r) },
        ]
    }

    static let openPregnancyLimit = 100

    func pregnancies(_ request: Request, form: [String: String] = [:], formError: String? = nil, findError: String? = nil,
                     status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .registerScreening)
        let area = caller.user.area
        let today = services.today
        let chosen = form["county"] ?? area.countyCode ?? ""
        let counties = services.divisions.counties.filter { area.contains(countyCode: $0.code, cityCode: $0.cityCode) }
            .map { ["code": $0.code, "name": $0.cityName + $0.name, "selected": $0.code == chosen] as [String: Any] }
        let programme = services.screening
        let open = try services.database.read { db in
            try PregnancyList.open(db, county: area.countyCode, city: area.cityCode, limit: Self.openPregnancyLimit)
        }
        let rows: [[String: Any]] = open.map { e in
            let p = e.pregnancy
            return ["uuid": p.uuid.raw, "name": e.name, "id": e.residentID.map(Masking.residentID) ?? "",
                    "county": services.divisions.county(code: p.countyCode)?.name ?? p.countyCode, "lmp": p.lmp.iso,
                    "edd": Dating.edd(lmp: p.lmp, programme: programme).iso, "ga": Self.gestation(p.lmp, today),
                    "registered": p.registeredOn.iso, "newborns": e.newborns]
        }
        var values: [String: Any] = ["csrf": caller.session.csrfToken, "counties": counties, "pregnancies": rows,
                                     "limit": Self.openPregnancyLimit, "form": form]
        if let formError { values["formError"] = formError }
        if let findError { values["findError"] = findError }
        return page("pregnancies", title: "孕产妇登记", values: values, caller: caller, request: request, current: "/screening/pregnancies",
                    status: status)
    }

    /// `孕 12+3 周`, or nothing before the LMP or past 45 weeks.
    static func gestation(_ lmp: CalendarDate, _ day: CalendarDate) -> String {
        let days = lmp.days(to: day)
        guard days >= 0, days < 45 * 7 else { return "" }
        return "孕 \(GestationalAge(days: days)) 周"
    }

    func registerPregnancy(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .registerScreening)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let typed = ["id", "name", "phone", "county", "lmp", "edd"].reduce(into: [String: String]()) { $0[$1] = form[$1] }
        do {
            let r = try services.registerPregnancy(caller, id: form["id"], name: form["name"], phone: form["phone"], county: form["county"],
                                                   lmp: form["lmp"], edd: form["edd"])
            let p = r.pregnancy
            if r.existing {
                // Registered before, perhaps by another county: say so and open it when it is in the area.
                let whereText = services.divisions.county(code: p.countyCode).map { $0.cityName + $0.name } ?? p.countyCode
                let note = "该孕妇的本次妊娠已由\(whereText)于 \(p.registeredOn.iso) 登记，未重复登记。"
                guard try services.pregnancy(p.uuid, for: caller.user) != nil else {
                    return try pregnancies(request, form: typed, formError: note + "（不在您的辖区内）", status: .ok)
                }
                return redirect("/screening/pregnancies/\(p.uuid)", flash: note)
            }
            let programme = services.screening
            return redirect("/screening/pregnancies/\(p.uuid)",
                            flash: "已登记 \(form["name"])：末次月经 \(p.lmp.iso)，预产期 \(Dating.edd(lmp: p.lmp, programme: programme).iso)。")
        } catch {
            guard let text = ScreeningLabels.formError(error) else { throw error }
            return try pregnancies(request, form: typed, formError: text, status: .unprocessableContent)
        }
    }

    /// Finds the woman's pregnancy (the open one, else the latest) by her ID; the ID travels in the
    /// form's body, never in a URL.
    func findPregnancy(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .registerScreening)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        do {
            let id = try services.residentID(form["id"])
            let found = try services.database.read { db in try PregnancyList.of(db, residentID: id.value) }
                .filter { caller.user.area.contains(countyCode: $0.pregnancy.countyCode, cityCode: $0.pregnancy.cityCode) }
            guard let e = found.first(where: { $0.pregnancy.isOpen }) ?? found.first else {
                return try pregnancies(request, findError: "辖区内没有该身份证号的妊娠登记。", status: .notFound)
            }
            return Reply.redirect("/screening/pregnancies/\(e.pregnancy.uuid)")
        } catch {
            guard let text = ScreeningLabels.formError(error) else { throw error }
            return try pregnancies(request, findError: text, status: .unprocessableContent)
        }
    }

    func pregnancy(_ request: Request, _ uuid: String, formError: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .readScreening)
        guard let e = try services.pregnancy(PregnancyID(uuid), for: caller.user) else { throw HTTPFailure.notFound }
        let p = e.pregnancy
        let today = services.today
        let programme = services.screening
        let (newborns, names, due, declines) = try services.database.read { db in
            let newborns = try NewbornRecords.of(db, pregnancyID: p.id)
            let names = try newborns.map { try Persons.find(db, id: $0.personID)?.name ?? "" }
            // Her refusals (尊重意愿), and those made for her babies.
            let declines = try ([p.id] + newborns.map { -$0.id }).flatMap { try DeclineRecords.of(db, subjectKey: $0) }
            return (newborns, names, try PregnancyList.due(db, p, programme: programme, asOf: today), declines)
        }
        // Screening staff call the woman and check her ID card: they see the full values on this one page.
        let full = caller.user.may(.registerScreening)
        let canRecord = caller.user.may(.recordResult)
        var values: [String: Any] = [
            "uuid": p.uuid.raw, "name": e.name, "state": p.isOpen ? "妊娠中" : "已结案",
            "id": e.residentID.map { full ? $0 : Masking.residentID($0) } ?? "", "phone": full ? p.phone : Masking.phone(p.phone),
            "county": services.divisions.county(code: p.countyCode).map { $0.cityName + $0.name } ?? p.countyCode,
            "lmp": p.lmp.iso, "dating": ["lmp": "按末次月经", "edd": "按预产期推算", "ultrasound": "按B超推算"][p.dating.rawValue] ?? "",
            "edd": Dating.edd(lmp: p.lmp, programme: programme).iso, "registered": p.registeredOn.iso,
            "open": p.isOpen, "canRegister": full, "canAddNewborn": p.outcome == nil || p.outcome == .liveBirth,
            "csrf": caller.session.csrfToken, "today": today.iso, "canRecord": canRecord,
            "outcomes": PregnancyOutcome.allCases.map { ["code": $0.rawValue, "label": ScreeningWords.outcome($0)] },
            "hasDue": !due.isEmpty, "hasDeclines": !declines.isEmpty,
            "declines": declines.map { d in ["service": programme.service(d.service)?.nameZh ?? d.service, "reason": d.reason, "by": d.by,
                                             "on": d.on.iso, "newborn": d.subjectKey < 0,
                                             "state": d.liftedOn.map { "已于\($0.iso)完成检查，拒绝已撤销" } ?? "拒绝（不列入待办和外呼）"] as [String: Any] },
            "due": due.map { d in ["service": Self.serviceName(d.service, slot: d.slot, programme), "status": ScreeningWords.status(d.status),
                                   "rowClass": Self.rowClass(d.status), "opens": d.opens.iso, "closes": d.closes.iso,
                                   "daysLeft": d.daysLeft, "entryHref": Self.entryHref(d), "canRecord": canRecord] as [String: Any] },
            "newborns": zip(newborns, names).map { n, name in ["order": n.birthOrder, "name": name, "born": n.born.description, "sex": n.sex == .female ? "女" : "男",
                                             "weeks": n.gestationalWeeks.map(String.init) ?? "", "weight": n.birthWeightG.map(String.init) ?? "",
                                             "uuid": n.uuid.raw] as [String: Any] },
        ]
        if p.isOpen { values["ga"] = Self.gestation(p.lmp, today) }
        if let o = p.outcome { values["outcome"] = ScreeningWords.outcome(o); values["closedOn"] = p.closedOn?.iso ?? "" }
        if let formError { values["formError"] = formError }
        return page("pregnancy", title: e.name, values: values, caller: caller, request: request, current: "", status: status)
    }

    func closePregnancy(_ request: Request, _ uuid: String) async throws -> Response {
        let caller = try session(request, requires: .registerScreening)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        do {
            let p = try services.closePregnancy(caller, uuid: PregnancyID(uuid), outcome: form["outcome"], date: form["date"])
            return redirect("/screening/pregnancies/\(p.uuid)",
                            flash: "已结案：\(p.outcome.map(ScreeningWords.outcome) ?? "")（\(p.closedOn?.iso ?? "")），未做的筛查不再列入待办。")
        } catch {
            guard let text = ScreeningLabels.formError(error) else { throw error }
            return try pregnancy(request, uuid, formError: text, status: .unprocessableContent)
        }
    }

    func newborns(_ request: Request, form: [String: String]? = nil, formError: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .registerScreening)
        let uuid = form?["pregnancy"] ?? request.query("pregnancy") ?? ""
        var typed: [String: Any] = (form ?? ["pregnancy": uuid, "order": "1"]).mapValues { $0 as Any }
        typed["female"] = (form?["sex"] ?? "F") == "F"
        typed["male"] = form?["sex"] == "M"
        var values: [String: Any] = [
            "csrf": caller.session.csrfToken, "form": typed,
            "weeksRange": "\(NewbornRecords.New.weeksRange.lowerBound)–\(NewbornRecords.New.weeksRange.upperBound)",
            "weightRange": "\(NewbornRecords.New.weightRange.lowerBound)–\(NewbornRecords.New.weightRange.upperBound)",
        ]
        if !uuid.isEmpty, let e = try services.pregnancy(PregnancyID(uuid), for: caller.user) {
            values["mother"] = ["uuid": e.pregnancy.uuid.raw, "name": e.name, "id": e.residentID.map(Masking.residentID) ?? "",
                                "lmp": e.pregnancy.lmp.iso, "newborns": e.newborns] as [String: Any]
        }
        if let formError { values["formError"] = formError }
        return page("newborn", title: "新生儿登记", values: values, caller: caller, request: request, current: "/screening/newborns", status: status)
    }

    func registerNewborn(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .registerScreening)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let typed = ["pregnancy", "born", "sex", "order", "weeks", "weight_g", "facility", "id"].reduce(into: [String: String]()) { $0[$1] = form[$1] }
        do {
            guard let order = Int(form["order"]) else {
                throw ScreeningError.badValue("order", form["order"], expected: "the birth order, 1 (twins: 1 and 2)").at(InputLocation(field: "order"))
            }
            let weeks = try Self.optionalInt(form["weeks"], field: "weeks")
            let weight = try Self.optionalInt(form["weight_g"], field: "weight_g")
            let n = try services.registerNewborn(caller, pregnancy: PregnancyID(form["pregnancy"]), born: form["born"], sex: form["sex"], order: order,
                                                 id: form["id"], weeks: weeks, weightG: weight, facility: form["facility"])
            return redirect("/screening/pregnancies/\(form["pregnancy"])", flash: "已登记新生儿（第 \(n.birthOrder) 胎，\(n.born.description)）。")
        } catch {
            guard let text = ScreeningLabels.formError(error) else { throw error }
            var shown = typed
            shown["weight"] = typed["weight_g"]
            return try newborns(request, form: shown, formError: text, status: .unprocessableContent)
        }
    }

    static func optionalInt(_ text: String, field: String) throws -> Int? {
        guard !text.isEmpty else { return nil }
        guard let n = Int(text) else { throw ScreeningError.badValue(field, text, expected: "a whole number").at(InputLocation(field: field)) }
        return n
    }

    static func serviceName(_ code: String, slot: Int, _ programme: ScreeningProgramme) -> String {
        let name = programme.service(code)?.nameZh ?? code
        return (programme.service(code)?.freeCount ?? 1) > 1 ? "\(name)（第\(slot)次）" : name
    }

    static func rowClass(_ s: DueItem.Status) -> String {
        switch s {
        case .closing, .overdue: "closing"
        case .repeatDue: "overdue"
        default: ""
        }
    }

    /// The result-entry page for this service with the subject filled in.
    static func entryHref(_ d: DueItem) -> String { "/screening?service=\(d.service)&subject=\(d.subjectUUID)" }
}
