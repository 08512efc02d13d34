import ScreenVaxCore

extension CoverageReport {
    /// The report's lines as the clinic's and the province's downloads write them (zh-CN header).
    public static func csv(_ lines: [Line]) -> String {
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(["市代码", "市", "县区代码", "县区", "目标人数", "名册", "符合条件", "已同意", "第1剂", "全程", "覆盖率", "第1剂覆盖率", "AEFI", "严重AEFI"])
        for l in lines {
            csv.row([l.cityCode, l.city, l.countyCode ?? "", l.county ?? "", l.target.map(String.init) ?? "", String(l.roster),
                     String(l.eligible), String(l.consented), String(l.dose1), String(l.complete),
                     l.coverage.map { String(format: "%.4f", $0) } ?? "", l.dose1Coverage.map { String(format: "%.4f", $0) } ?? "",
                     String(l.aefi), String(l.aefiSerious)])
        }
        return csv.text
    }

    /// The plan table's layout (附件 targets per city): one row per city, then the province,
    /// with its target, dose 1, complete and both rates, as the province's acceptance reads it.
    public static let planHeader = ["市代码", "市", "目标人数", "第1剂", "全程", "第1剂覆盖率", "全程覆盖率"]

    public var planRows: [[String]] {
        func rate(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
        return (cities + [totals]).map { l in
            [l.cityCode, l.city, l.target.map(String.init) ?? "", String(l.dose1), String(l.complete), rate(l.dose1Coverage), rate(l.coverage)]
        }
    }

    public var planCSV: String {
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(CoverageReport.planHeader)
        for row in planRows { csv.row(row) }
        return csv.text
    }
}
