import Foundation
import ScreenVaxMacros

/// A horizontal bar chart of a rate per area against a target, as SVG made on the server: HPV
/// coverage by city, screening rates by city (or county) for one service; the clinic's report
/// pages and the province dashboard draw the same charts.
public enum RateChart {
    @PublicInit
    public struct Bar: Sendable {
        public let label: String
        /// Nil: no denominator (no target, nobody in the cohort); drawn as an empty bar with `missing`.
        public let rate: Double?
    }

    public static func svg(_ bars: [Bar], goal: Double, title: String, missing: String = "无数据") -> String {
        let rowHeight = 26, labelWidth = 90, barWidth = 420
        let height = max(1, bars.count) * rowHeight + 30
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 80)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 10
            let value = min(1, max(0, bar.rate ?? 0))
            let w = Int((Double(barWidth) * value).rounded())
            let colour = value >= goal ? "#2e7d32" : "#1f5f8b"
            out += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"13\">\(escape(bar.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"18\" fill=\"\(colour)\"/>"
            let pct = bar.rate.map { String(format: "%.1f%%", $0 * 100) } ?? missing
            out += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 16)\" font-size=\"12\">\(pct)</text>"
        }
        let gx = labelWidth + Int(Double(barWidth) * min(1, max(0, goal)))
        out += "<line x1=\"\(gx)\" y1=\"5\" x2=\"\(gx)\" y2=\"\(height - 20)\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>"
        out += "<text x=\"\(gx - 20)\" y=\"\(height - 5)\" font-size=\"12\" fill=\"#c62828\">目标 \(Int((goal * 100).rounded()))%</text></svg>"
        return out
    }

    static func escape(_ s: String) -> String { HTMLText.escape(s) }
}

/// Text written into HTML (an element's content or a quoted attribute).
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
