import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// Reports with a chart and CSV, and the sync status.
extension ClinicWeb {
    static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }

    func report(_ request: Request) throws -> Response {
        let caller = try session(request, requires: .readReports)
        let asOf = try services.asOf(request)
        let report = try services.coverage(area: caller.user.area, asOf: asOf)
        func money(_ x: Double) -> String { String(format: "%.2f", x) }
        let lines: [[String: Any]] = (report.cities + report.counties.map { var l = $0; l.city = "　" + ($0.county ?? ""); return l } + [report.totals]).map { l in
            ["name": l.countyCode == nil ? l.city : l.city, "target": l.target.map(String.init) ?? "—", "roster": l.roster, "eligible": l.eligible,
             "consented": l.consented, "dose1": l.dose1, "complete": l.complete, "coverage": ClinicWeb.percent(l.coverage),
             "dose1Coverage": ClinicWeb.percent(l.dose1Coverage), "cost": money(l.cost), "provinceShare": money(l.provinceShare),
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
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(["市代码", "市", "县区代码", "县区", "目标人数", "名册", "符合条件", "已同意", "第1剂", "全程", "覆盖率", "第1剂覆盖率", "AEFI", "严重AEFI"])
        for l in report.cities + report.counties + [report.totals] {
            csv.row([l.cityCode, l.city, l.countyCode ?? "", l.county ?? "", l.target.map(String.init) ?? "", String(l.roster),
                     String(l.eligible), String(l.consented), String(l.dose1), String(l.complete),
                     l.coverage.map { String(format: "%.4f", $0) } ?? "", l.dose1Coverage.map { String(format: "%.4f", $0) } ?? "",
                     String(l.aefi), String(l.aefiSerious)])
        }
        return Reply.csv(Data(csv.text.utf8), fileName: "HPV覆盖率-\(asOf.iso).csv")
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
