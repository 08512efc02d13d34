import Accounts
import Foundation
import Hummingbird
import ScreenVaxCore
import Screening

/// 筛查待办 and 筛查报表 (with its chart and CSV).
struct ScreeningWorkPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/screening/due") { r, _ in try self.screeningDue(r) },
            .get("/reports/screening") { r, _ in try self.screeningReport(r) },
            .get("/reports/screening.csv") { r, _ in try self.screeningReportCSV(r) },
        ]
    }

    /// The screening pages: registration, one pregnancy, the due list, the report.
    func screeningDue(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readScreening)
        let asOf = try services.asOf(request)
        let programme = services.screening
        let all = try services.screeningDue(area: caller.user.area, asOf: asOf)
        let (page, paging) = try Paging.page(request)
        let pages = paging.pageCount(total: all.count)
        let slice = paging.slice(all)
        let canRecord = caller.user.may(.recordResult)
        let lines: [[String: Any]] = slice.map { e in
            let d = e.item
            return ["subject": ScreeningWords.subject(d.subject), "pregnancy": d.subject == .pregnancy, "subjectID": d.subjectUUID,
                    "name": e.name, "id": e.residentID ?? "（暂无）", "service": ScreeningRegistrationPages.serviceName(d.service, slot: d.slot, programme),
                    "status": ScreeningWords.status(d.status), "rowClass": ScreeningRegistrationPages.rowClass(d.status), "opens": d.opens.iso,
                    "closes": d.closes.iso, "daysLeft": d.daysLeft, "phone": e.phone,
                    "county": services.divisions.county(code: e.countyCode)?.name ?? e.countyCode,
                    "entryHref": ScreeningRegistrationPages.entryHref(d), "canRecord": canRecord]
        }
        let values: [String: Any] = ["asOf": asOf.iso, "total": all.count, "page": page, "pages": pages, "lines": lines, "canRecord": canRecord,
                                     "prev": page > 1 ? page - 1 : false, "next": page < pages ? page + 1 : false]
        return self.page("screeningDue", title: "筛查待办", values: values, caller: caller, request: request, current: "/screening/due")
    }

    func screeningReport(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readReports)
        let programme = services.screening
        let report = try services.screeningReport(area: caller.user.area, from: services.queryDate(request, "from"),
                                                  to: services.queryDate(request, "to"))
        guard let service = request.query("service").flatMap({ programme.service($0) }) ?? programme.services.first else { throw HTTPFailure.notFound }
        func figures(_ services: [ServiceFigures]) -> ServiceFigures? { services.first { $0.service == service.code } }
        func line(_ name: String, _ f: ServiceFigures?) -> [String: Any] {
            guard let f else { return ["name": name] }
            return ["name": name, "screened": f.screened, "denominator": f.denominator, "rate": ReportPages.percent(f.rate),
                    "target": ReportPages.percent(f.targetRate), "planned": f.planned == 0 ? "—" : String(f.planned), "positives": f.positives,
                    "recalled": f.recalled, "diagnosed": f.diagnosed, "confirmed": f.confirmed, "subsidy": String(format: "%.0f", f.subsidy)]
        }
        let total = caller.user.area == .province ? "江西省" : areaName(caller.user.area) + "（合计）"
        let lines = [line(total, figures(report.services))] + report.cities.map { line($0.name, figures($0.services)) }
            + report.counties.map { line("　" + $0.name, figures($0.services)) }
        // The province compares its cities; a city or county user compares its counties.
        let byCity = caller.user.area == .province
        let bars = (byCity ? report.cities : report.counties).map { RateChart.Bar(label: $0.name, rate: figures($0.services)?.rate) }
        let values: [String: Any] = [
            "from": report.from, "to": report.to, "lines": lines, "chartBy": byCity ? "各市" : "各县区",
            "chart": RateChart.svg(bars, goal: service.targetRate, title: service.nameZh + (byCity ? "各市筛查率" : "各县区筛查率")),
            "service": ["code": service.code, "name": service.nameZh, "target": ReportPages.percent(service.targetRate)],
            "services": programme.services.map { ["code": $0.code, "name": $0.nameZh, "current": $0.code == service.code] as [String: Any] },
            "subsidyTotal": String(format: "%.2f", report.subsidyTotal), "subsidyProvince": String(format: "%.2f", report.subsidyProvince),
            "subsidyLocal": String(format: "%.2f", report.subsidyLocal),
        ]
        return page("screeningReport", title: "筛查报表", values: values, caller: caller, request: request, current: "/reports/screening")
    }

    /// Every area and service of the report, one row each (UTF-8 with a BOM, for Excel).
    func screeningReportCSV(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readReports)
        let programme = services.screening
        let report = try services.screeningReport(area: caller.user.area, from: services.queryDate(request, "from"),
                                                  to: services.queryDate(request, "to"))
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(["级别", "地区代码", "地区", "项目代码", "项目", "筛查数", "应筛数", "筛查率", "目标筛查率", "计划数", "阳性数", "已召回", "已诊断", "确诊", "补助(元)"])
        func add(_ level: String, _ code: String, _ name: String, _ figures: [ServiceFigures]) {
            for f in figures {
                csv.row([level, code, name, f.service, programme.service(f.service)?.nameZh ?? f.service, String(f.screened),
                         String(f.denominator), f.rate.map { String(format: "%.4f", $0) } ?? "", String(format: "%.4f", f.targetRate),
                         String(f.planned), String(f.positives), String(f.recalled), String(f.diagnosed), String(f.confirmed),
                         String(format: "%.2f", f.subsidy)])
            }
        }
        add(caller.user.area == .province ? "省" : "辖区合计", caller.user.area.code, caller.user.area == .province ? "江西省" : areaName(caller.user.area),
            report.services)
        for a in report.cities { add("市", a.code, a.name, a.services) }
        for a in report.counties { add("县区", a.code, a.name, a.services) }
        return Reply.csv(Data(csv.text.utf8), fileName: "筛查报表-\(report.from)至\(report.to).csv")
    }
}
