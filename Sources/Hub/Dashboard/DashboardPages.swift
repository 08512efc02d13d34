import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Screening

/// The dashboard's pages and CSV downloads, each limited to the officer's area: coverage and
/// screening rates per city and county with the clinic's charts, the conflicts, assist and call
/// supervision. Codes become words (`DashboardLabels`).
struct DashboardPages: Sendable {
    let server: HubServer
    var programmes: HubProgrammes { server.programmes }
    var divisions: Divisions { server.programmes.divisions }

    func areaName(_ area: Jurisdiction) -> String {
        switch area {
        case .province: "江西省"
        case .city(let c): divisions.cityName(code: c) ?? c
        case .county(let c): divisions.county(code: c)?.name ?? c
        }
    }

    func inArea(_ area: Jurisdiction, county: String) -> Bool {
        area.contains(countyCode: county, cityCode: divisions.county(code: county)?.cityCode ?? String(county.prefix(4)) + "00")
    }

    func frame(_ session: OfficerAccounts.Session, title: String, current: String, body: String) -> Response {
        HubServer.html(DashboardHTML.frame(title: title, current: current, areaName: areaName(session.officer.area), session: session, body: body))
    }

    /// A date of the query (`YYYY-MM-DD`), or the default.
    func date(_ request: Request, _ name: String, label: String, default value: CalendarDate) throws -> CalendarDate {
        guard let text = request.uri.queryParameters[Substring(name)], !text.isEmpty else { return value }
        guard text.count == 10, let day = CalendarDate(iso: text) else { throw DashboardError.badDate(label) }
        return day
    }

    // MARK: HPV coverage

    func coverageReport(_ request: Request, _ session: OfficerAccounts.Session) async throws -> (CalendarDate, CoverageReport) {
        let asOf = try date(request, "as_of", label: "统计日期", default: Clock.system.today())
        let report = try await HubHPVReport.run(server.database, programme: programmes.hpv, plan: programmes.hpvPlan,
                                                divisions: divisions, asOf: asOf)
        return (asOf, report)
    }

    /// The city lines and county lines the officer's area holds (a county officer sees no city's sum).
    func lines(_ report: CoverageReport, _ area: Jurisdiction) -> (cities: [CoverageReport.Line], counties: [CoverageReport.Line]) {
        let counties = report.counties.filter { inArea(area, county: $0.countyCode ?? "") }
        let cities: [CoverageReport.Line] = switch area {
        case .province: report.cities + [report.totals]
        case .city(let c): report.cities.filter { $0.cityCode == c }
        case .county: []
        }
        return (cities, counties)
    }

    func coverage(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let (asOf, report) = try await coverageReport(request, session)
        let (cities, counties) = lines(report, session.officer.area)
        var body = DashboardHTML.dates([("as_of", "统计日期", asOf.iso)], csv: "/coverage.csv?as_of=\(asOf.iso)")
        if case .province = session.officer.area {
            body += "<h2>各市覆盖率（全程接种人数 / 计划目标）</h2>"
                + RateChart.svg(report.cities.map { .init(label: $0.city, rate: $0.coverage) }, goal: 1.0, title: "各市覆盖率", missing: "无目标")
        }
        let completion = counties.map { RateChart.Bar(label: $0.county ?? "", rate: $0.eligible > 0 ? Double($0.complete) / Double($0.eligible) : nil) }
        body += "<h2>各县区全程接种率（全程接种人数 / 符合条件人数）</h2>" + RateChart.svg(completion, goal: 1.0, title: "各县区全程接种率")
        let header = ["地区", "计划目标", "花名册", "符合条件", "已同意", "第1剂", "全程", "覆盖率", "疑似异常反应（严重）"]
        func row(_ l: CoverageReport.Line, _ name: String) -> [String] {
            [name, l.target.map(String.init) ?? "—", String(l.roster), String(l.eligible), String(l.consented), String(l.dose1),
             String(l.complete), DashboardHTML.percent(l.coverage), "\(l.aefi)（\(l.aefiSerious)）"]
        }
        if !cities.isEmpty { body += "<h2>各市</h2>" + DashboardHTML.table(header, cities.map { row($0, $0.city) }) }
        body += "<h2>各县区</h2>" + DashboardHTML.table(header, counties.map { row($0, $0.county ?? "") })
        return frame(session, title: "HPV疫苗接种覆盖率", current: "/coverage", body: body)
    }

    func coverageCSV(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let (asOf, report) = try await coverageReport(request, session)
        let (cities, counties) = lines(report, session.officer.area)
        return HubServer.csv(CoverageReport.csv(cities + counties), fileName: "HPV覆盖率-\(asOf.iso).csv")
    }

    // MARK: screening

    func screeningReport(_ request: Request) async throws -> (CalendarDate, CalendarDate, ScreeningReport) {
        let today = Clock.system.today()
        let from = try date(request, "from", label: "开始日期", default: CalendarDate(year: today.year, month: 1, day: 1) ?? today)
        let to = try date(request, "to", label: "结束日期", default: today)
        let report = try await HubScreeningReport.run(server.database, programme: programmes.screening, plan: programmes.screeningPlan,
                                                      divisions: divisions, from: from, to: to)
        return (from, to, report)
    }

    /// The areas whose lines the officer sees: the province sees cities, a city its counties, a county itself.
    func areas(_ report: ScreeningReport, _ area: Jurisdiction) -> [AreaFigures] {
        switch area {
        case .province: report.cities
        case .city, .county: report.counties.filter { inArea(area, county: $0.code) }
        }
    }

    func screening(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let (from, to, report) = try await screeningReport(request)
        let shown = areas(report, session.officer.area)
        let byCity: Bool = if case .province = session.officer.area { true } else { false }
        var body = DashboardHTML.dates([("from", "开始日期", from.iso), ("to", "结束日期", to.iso)],
                                       csv: "/screening.csv?from=\(from.iso)&to=\(to.iso)")
        let header = ["地区", "分母", "登记孕妇", "已筛查", "筛查率", "拒绝筛查", "初筛阳性", "阳性", "已召回", "已诊断", "确诊"]
        for service in programmes.screening.services {
            let figures = shown.map { area in (area.name, area.services.first { $0.service == service.code }) }
            body += "<h2>\(DashboardHTML.e(service.nameZh))</h2>"
            body += RateChart.svg(figures.map { RateChart.Bar(label: $0.0, rate: $0.1?.rate) }, goal: service.targetRate,
                                  title: service.nameZh + (byCity ? "各市筛查率" : "各县区筛查率"))
            body += DashboardHTML.table(header, figures.map { name, f in
                [name, f.map { "\($0.denominator)（\(DashboardLabels.basis($0.denominatorBasis))）" } ?? "0",
                 f?.registered.map(String.init) ?? "—", String(f?.screened ?? 0), DashboardHTML.percent(f?.rate),
                 String(f?.declined ?? 0), String(f?.initialPositives ?? 0), String(f?.positives ?? 0), String(f?.recalled ?? 0),
                 String(f?.diagnosed ?? 0), String(f?.confirmed ?? 0)]
            })
        }
        return frame(session, title: "孕产妇和新生儿筛查率", current: "/screening", body: body)
    }

    func screeningCSV(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let (from, to, report) = try await screeningReport(request)
        var rows = report.counties.filter { inArea(session.officer.area, county: $0.code) }
        if case .province = session.officer.area { rows = report.cities + rows }
        if case .city(let c) = session.officer.area { rows = report.cities.filter { $0.code == c } + rows }
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(["地区", "服务", "分母", "分母口径", "登记孕妇", "已筛查", "筛查率", "目标", "拒绝筛查", "初筛阳性", "阳性", "已召回", "已诊断", "确诊", "补助（元）"])
        for area in rows {
            for f in area.services {
                csv.row([area.name, programmes.screening.service(f.service)?.nameZh ?? f.service, String(f.denominator),
                         DashboardLabels.basis(f.denominatorBasis), f.registered.map(String.init) ?? "", String(f.screened),
                         f.rate.map { String(format: "%.4f", $0) } ?? "", String(f.targetRate), String(f.declined),
                         String(f.initialPositives), String(f.positives), String(f.recalled), String(f.diagnosed), String(f.confirmed),
                         String(format: "%.2f", f.subsidy)])
            }
        }
        return HubServer.csv(csv.text, fileName: "筛查率-\(from.iso)-\(to.iso).csv")
    }

    // MARK: conflicts

    /// Open conflicts that involve a county of the area (at most 1000, oldest first).
    func openConflicts(_ session: OfficerAccounts.Session) async throws -> [HubConflict] {
        let area = session.officer.area
        return try await ConflictList.read(server.database, county: area.countyCode, limit: 100_000)
            .filter { c in c.counties.contains { inArea(area, county: $0) } }.prefix(1000).map { $0 }
    }

    func conflictRows(_ conflicts: [HubConflict]) -> [[String]] {
        conflicts.map { c in
            [DashboardLabels.conflict(c.kind), c.residentIDMasked, c.counties.map { divisions.county(code: $0)?.name ?? $0 }.joined(separator: "、"),
             c.detectedAt.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "+08:00", with: "")]
        }
    }

    func conflicts(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let list = try await openConflicts(session)
        var body = "<p>同一身份证号在不同县区的记录：请涉及的县区核实后在本县系统中处理。<a href=\"/conflicts.csv\">下载CSV</a></p>"
        body += DashboardHTML.table(["类型", "身份证号", "涉及县区", "发现时间"], conflictRows(list))
        if list.isEmpty { body += "<p>目前没有未处理的冲突。</p>" }
        return frame(session, title: "跨县重复与冲突", current: "/conflicts", body: body)
    }

    func conflictsCSV(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(["类型", "身份证号", "涉及县区", "发现时间"])
        for row in conflictRows(try await openConflicts(session)) { csv.row(row) }
        return HubServer.csv(csv.text, fileName: "跨县冲突.csv")
    }

    // MARK: supervision

    func period(_ request: Request) throws -> (CalendarDate, CalendarDate) {
        let to = try date(request, "to", label: "结束日期", default: Clock.system.today())
        let from = try date(request, "from", label: "开始日期", default: to.addingDays(-30))
        return (from, to)
    }

    func supervision(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let (from, to) = try period(request)
        let area = session.officer.area.code
        let assist = try await HubAssistReport.run(server.database, divisions: divisions, from: from, to: to, area: area)
        let calls = try await HubCallsReport.run(server.database, divisions: divisions, from: from, to: to, area: area)
        var body = DashboardHTML.dates([("from", "开始日期", from.iso), ("to", "结束日期", to.iso)], csv: "/assist.csv?from=\(from.iso)&to=\(to.iso)")
        body += "<h2>辅助决策使用情况</h2>" + DashboardHTML.table(
            ["县区", "门诊", "日期", "调用次数", "显示提示", "AI调用", "AI失败"],
            assist.lines.map { [$0.county, $0.clinic, $0.day, String($0.hookCalls), String($0.cardsShown), String($0.aiCalls), String($0.aiFailures)] })
        body += "<h2>随访电话</h2><p><a href=\"/calls.csv?from=\(from.iso)&amp;to=\(to.iso)\">下载CSV</a></p>" + DashboardHTML.table(
            ["县区", "日期", "呼叫次数", "接通", "转人工"] + DashboardLabels.callOutcomes.map(\.label),
            calls.lines.map { l in
                [l.county, l.day, String(l.attempts), String(l.reached), String(l.escalated)]
                    + DashboardLabels.callOutcomes.map { String(l.outcomes[$0.code] ?? 0) }
            })
        return frame(session, title: "辅助决策与随访监管", current: "/supervision", body: body)
    }

    func assistCSV(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let (from, to) = try period(request)
        let assist = try await HubAssistReport.run(server.database, divisions: divisions, from: from, to: to, area: session.officer.area.code)
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(["县区", "门诊", "日期", "调用次数", "显示提示", "AI调用", "AI失败"])
        for l in assist.lines {
            csv.row([l.county, l.clinic, l.day, String(l.hookCalls), String(l.cardsShown), String(l.aiCalls), String(l.aiFailures)])
        }
        return HubServer.csv(csv.text, fileName: "辅助决策使用-\(from.iso)-\(to.iso).csv")
    }

    func callsCSV(_ request: Request, _ session: OfficerAccounts.Session) async throws -> Response {
        let (from, to) = try period(request)
        let calls = try await HubCallsReport.run(server.database, divisions: divisions, from: from, to: to, area: session.officer.area.code)
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(["县区", "日期", "呼叫次数", "接通", "转人工"] + DashboardLabels.callOutcomes.map(\.label))
        for l in calls.lines {
            csv.row([l.county, l.day, String(l.attempts), String(l.reached), String(l.escalated)]
                    + DashboardLabels.callOutcomes.map { String(l.outcomes[$0.code] ?? 0) })
        }
        return HubServer.csv(csv.text, fileName: "随访电话-\(from.iso)-\(to.iso).csv")
    }
}
