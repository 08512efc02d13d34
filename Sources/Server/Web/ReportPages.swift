import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// Reports with a chart and CSV, and the sync status.
struct ReportPages: PageController {
    let web: ClinicWeb

    var routes: [HTTPRoute] {
        [
            .get("/reports") { r, _ in try self.report(r) },
            .get("/reports/hpv.csv") { r, _ in try self.reportCSV(r) },
            .get("/sync") { r, _ in try self.sync(r) },
        ]
    }

    static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }

    func report(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readReports)
        let asOf = try services.asOf(request)
        let report = try services.coverage(area: caller.user.area, asOf: asOf)
        func money(_ x: Double) -> String { String(format: "%.2f", x) }
        let lines: [[String: Any]] = (report.cities + report.counties.map { var l = $0; l.city = "　" + ($0.county ?? ""); return l } + [report.totals]).map { l in
            ["name": l.countyCode == nil ? l.city : l.city, "target": l.target.map(String.init) ?? "—", "roster": l.roster, "eligible": l.eligible,
             "consented": l.consented, "dose1": l.dose1, "complete": l.complete, "coverage": Self.percent(l.coverage),
             "dose1Coverage": Self.percent(l.dose1Coverage), "cost": money(l.cost), "provinceShare": money(l.provinceShare),
             "localShare": money(l.localShare), "aefi": l.aefi, "aefiSerious": l.aefiSerious]
        }
        let values: [String: Any] = [
            "asOf": asOf.iso, "lines": lines, "goal": 100,
            "chart": RateChart.svg(report.cities.map { .init(label: $0.city, rate: $0.coverage) }, goal: 1.0, title: "各市全程覆盖率", missing: "无目标"),
            "dose1Chart": RateChart.svg(report.cities.map { .init(label: $0.city, rate: $0.dose1Coverage) }, goal: 1.0, title: "各市第1剂覆盖率", missing: "无目标"),
        ]
        return page("report", title: "统计报表", values: values, caller: caller, request: request, current: "/reports")
    }

    func reportCSV(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readReports)
        let asOf = try services.asOf(request)
        let report = try services.coverage(area: caller.user.area, asOf: asOf)
        return Reply.csv(Data(CoverageReport.csv(report.cities + report.counties + [report.totals]).utf8), fileName: "HPV覆盖率-\(asOf.iso).csv")
    }

    func sync(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readSync)
        let s = try services.database.outboxStatus()
        let values: [String: Any] = [
            "pending": s.pending, "sent": s.sent, "dead": s.dead, "inFlight": s.inFlight, "oldest": s.oldestPendingAt ?? "—",
            "lastSuccess": s.lastSuccess ?? "—", "lastError": s.lastError.map { "\(s.lastErrorAt ?? "") \($0)" } ?? "—",
            "failures": s.consecutiveFailures, "nextTry": s.nextAttemptAt ?? "—",
        ]
        return page("sync", title: "上报状态", values: values, caller: caller, request: request, current: "/sync")
    }
}
