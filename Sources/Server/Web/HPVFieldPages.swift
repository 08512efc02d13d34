import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore

/// 门诊登记, 县区接种时间, 疑似异常反应处置 and the school's status file: the HPV field work's pages.
struct HPVFieldPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/register") { r, _ in try self.registerPage(r) },
            .post("/register") { r, _ in try await self.registerGirl(r) },
            .get("/county-dates") { r, _ in try self.countyDatesPage(r) },
            .post("/county-dates") { r, _ in try await self.setCountyDates(r) },
            .get("/aefi/{event}") { r, p in try self.aefiCoursePage(r, p.get("event") ?? "") },
            .post("/aefi/{event}") { r, p in try await self.updateAEFI(r, p.get("event") ?? "") },
            .get("/roster-status.xlsx") { r, _ in try self.rosterStatus(r, xlsx: true) },
            .get("/roster-status.csv") { r, _ in try self.rosterStatus(r, xlsx: false) },
            .get("/reports/hpv-plan.csv") { r, _ in try self.reportPlan(r, xlsx: false) },
            .get("/reports/hpv-plan.xlsx") { r, _ in try self.reportPlan(r, xlsx: true) },
        ]
    }

    // MARK: 门诊登记

    func registerPage(_ request: Request, form: FormBody? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .registerGirl)
        let area = caller.user.area.scope
        let chosen = form?["county"]
        let counties = services.divisions.counties.filter { area.contains($0) }
            .map { ["code": $0.code, "name": $0.cityName + $0.name, "selected": $0.code == chosen] as [String: Any] }
        // What she typed comes back into the form after a refusal, the ID included: it is her own page.
        let values: [String: Any] = [
            "csrf": caller.session.csrfToken, "counties": counties, "id": form?["id"] ?? "", "name": form?["name"] ?? "",
            "guardianName": form?["guardian_name"] ?? "", "guardianPhone": form?["guardian_phone"] ?? "", "school": form?["school"] ?? "",
            "className": form?["class"] ?? "", "consentGiven": form?["consent_given"] == "1", "consentBy": form?["consent_by"] ?? "",
        ]
        return page("registerGirl", title: "门诊登记", values: values, caller: caller, request: request, current: "/register", error: error, status: status)
    }

    func registerGirl(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .registerGirl)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        do {
            let out = try services.registerGirl(caller, RegistrationInput(
                id: form["id"], name: form["name"], county: form["county"], guardianName: form["guardian_name"],
                guardianPhone: form["guardian_phone"], school: form["school"], className: form["class"],
                consentBy: form["consent_given"] == "1" ? form["consent_by"] : nil))
            let status = HPVStatus(rawValue: out.status).map(Labels.status) ?? ""
            return redirect("/girls/\(out.personID)", flash: "已登记 \(out.idMasked)，当前状态：\(status)。")
        } catch let e as any UserError {
            return try registerPage(request, form: form, error: Labels.hpvError(e), status: HTTPFailure.from(e).status)
        }
    }

    // MARK: 县区接种时间

    func countyDatesPage(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let programme = services.programme
        let mayWrite = caller.user.may(.setCountyDates)
        let lines: [[String: Any]] = try services.countyDates(caller).map { l in
            ["code": l.countyCode, "county": l.county, "start": l.dates.campaignStart.iso, "deadline": l.dates.deadline.iso,
             "source": l.own.map { "本县区设定（\($0.setBy)，\($0.setAt.prefix(10))）" } ?? "全省日期",
             "mayWrite": mayWrite, "csrf": caller.session.csrfToken]
        }
        let values: [String: Any] = [
            "lines": lines, "mayWrite": mayWrite, "provinceStart": programme.campaignStart.iso,
            "provinceDeadline": programme.firstDoseDeadline.iso, "provinceText": programme.firstDoseDeadlineRule.textZh,
        ]
        return page("countyDates", title: "县区接种时间", values: values, caller: caller, request: request, current: "/county-dates",
                    error: error, status: status)
    }

    func setCountyDates(_ request: Request) async throws -> Response {
        let caller = try session(request, requires: .setCountyDates)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        do {
            let out = try services.setCountyDates(caller, county: form["county"], campaignStart: form["campaign_start"],
                                                  firstDoseDeadline: form["first_dose_deadline"])
            return redirect("/county-dates", flash: "\(out.county)：\(out.campaignStart) 起接种，第一剂次 \(out.firstDoseDeadline) 前完成。")
        } catch let e as any UserError {
            return try countyDatesPage(request, error: Labels.hpvError(e), status: HTTPFailure.from(e).status)
        }
    }

    // MARK: 疑似异常反应处置

    func aefiCoursePage(_ request: Request, _ event: String, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let course = try services.aefiCourse(caller, event: event)
        // The listing's line of the same event: who, which dose, what was reported.
        guard let line = try services.aefiLine(course) else {
            throw HTTPFailure.notFound
        }
        let programme = services.programme
        let products = Dictionary(programme.products.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
        let symptoms = Dictionary(programme.aefiSymptoms.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
        let appraisal: String
        if let requested = course.appraisalRequestedOn {
            appraisal = "\(requested.iso) 申请" + (course.appraisalOn.map { "；\($0.iso) 结论：\(course.appraisalResult ?? "")" } ?? "，结果待出")
        } else {
            appraisal = "未申请"
        }
        let values: [String: Any] = [
            "event": course.uuid, "state": course.state.zh, "name": line.name, "idMasked": Masking.residentID(line.residentID),
            "doseDate": line.doseDate.iso, "product": products[line.product] ?? line.product, "lot": line.lot, "onset": line.onset,
            "symptoms": line.symptoms.map { symptoms[$0] ?? $0 }.joined(separator: "、"), "serious": course.serious,
            "outcome": AEFIOutcome(rawValue: course.outcome)?.zh ?? course.outcome, "reporter": line.reporter,
            "investigatedOn": course.investigatedOn?.iso ?? "", "investigator": course.investigator, "findings": course.findings,
            "classification": course.classification?.zh ?? "", "classifiedOn": course.classifiedOn?.iso ?? "",
            "appraisal": appraisal, "closedOn": course.closedOn?.iso ?? "",
            "mayUpdate": caller.user.may(.followAEFI) && course.state != .closed, "csrf": caller.session.csrfToken, "today": services.today.iso,
            "classifications": AEFIClassification.allCases.map { ["code": $0.rawValue, "label": $0.zh, "selected": $0 == course.classification] as [String: Any] },
            "outcomes": AEFIOutcome.allCases.map { ["code": $0.rawValue, "label": $0.zh] as [String: Any] },
        ]
        return page("aefiCourse", title: "疑似异常反应处置", values: values, caller: caller, request: request, current: "/aefi",
                    error: error, status: status)
    }

    func updateAEFI(_ request: Request, _ event: String) async throws -> Response {
        let caller = try session(request, requires: .followAEFI)
        let form = try await FormBody.read(request)
        try checkCSRF(form["csrf"], caller)
        let before = try services.aefiCourse(caller, event: event)
        // A field left as the page showed it is no step; only what the officer changed is sent.
        func changed(_ name: String, _ shown: String?) -> String? {
            let v = form[name]
            return v.isEmpty || v == (shown ?? "") ? nil : v
        }
        do {
            let c = try services.updateAEFI(caller, AEFIUpdate(
                event: before.uuid, investigatedOn: changed("investigated_on", before.investigatedOn?.iso),
                investigator: changed("investigator", before.investigator), findings: changed("findings", before.findings),
                classification: changed("classification", before.classification?.rawValue), classifiedOn: changed("classified_on", nil),
                appraisalRequestedOn: changed("appraisal_requested_on", nil), appraisalResult: changed("appraisal_result", nil),
                appraisalOn: changed("appraisal_on", nil), closedOn: changed("closed_on", nil), outcome: changed("outcome", before.outcome)))
            return redirect("/aefi/\(c.uuid)", flash: "已保存：\(c.state.zh)" + (c.classification.map { "（\($0.zh)）" } ?? "") + "。")
        } catch let e as any UserError {
            return try aefiCoursePage(request, event, error: Labels.hpvError(e), status: HTTPFailure.from(e).status)
        }
    }

    // MARK: downloads

    /// The school's girls in the 附3 layout with their doses and status, for the school to chase who has not come.
    func rosterStatus(_ request: Request, xlsx: Bool) throws -> Response {
        let caller = try session(request, requires: .readHPV)
        let file = try services.rosterStatus(caller, school: request.query("school") ?? "", county: request.query("county"), xlsx: xlsx)
        var r = xlsx ? Reply.xlsx(file.data, fileName: file.fileName) : Reply.csv(file.data, fileName: file.fileName)
        r.headers[.cacheControl] = "no-store"
        return r
    }

    /// The coverage in the plan table's layout: a row per city and the province.
    func reportPlan(_ request: Request, xlsx: Bool) throws -> Response {
        let caller = try session(request, requires: .readReports)
        let asOf = try services.asOf(request)
        let report = try services.coverage(area: caller.user.area, asOf: asOf)
        let name = "HPV接种进度-\(asOf.iso)"
        if xlsx {
            let data = try XLSXWriter.data(sheetName: "接种进度", header: CoverageReport.planHeader, rows: report.planRows,
                                           columnWidths: [10, 12, 10, 10, 10, 12, 12])
            return Reply.xlsx(data, fileName: name + ".xlsx")
        }
        return Reply.csv(Data(report.planCSV.utf8), fileName: name + ".csv")
    }
}
