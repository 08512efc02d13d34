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
}
