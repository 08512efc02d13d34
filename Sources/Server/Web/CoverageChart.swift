import Foundation
import HPV

/// A horizontal bar chart of coverage per city against the programme's goal, as SVG made on the server.
enum CoverageChart {
    static func svg(_ lines: [CoverageReport.Line], goal: Double) -> String {
        let rowHeight = 26, labelWidth = 90, barWidth = 420
        let height = max(1, lines.count) * rowHeight + 30
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 80)\" height=\"\(height)\" role=\"img\" aria-label=\"各市覆盖率\">"
        for (i, line) in lines.enumerated() {
            let y = i * rowHeight + 10
            let value = min(1, max(0, line.coverage ?? 0))
            let w = Int((Double(barWidth) * value).rounded())
            let colour = value >= goal ? "#2e7d32" : "#1f5f8b"
            out += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"13\">\(escape(line.city))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"18\" fill=\"\(colour)\"/>"
            let pct = line.coverage.map { String(format: "%.1f%%", $0 * 100) } ?? "无目标"
            out += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 16)\" font-size=\"12\">\(pct)</text>"
        }
        let gx = labelWidth + Int(Double(barWidth) * goal)
        out += "<line x1=\"\(gx)\" y1=\"5\" x2=\"\(gx)\" y2=\"\(height - 20)\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>"
        out += "<text x=\"\(gx - 20)\" y=\"\(height - 5)\" font-size=\"12\" fill=\"#c62828\">目标 \(Int(goal * 100))%</text></svg>"
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
