import ScreenVaxCore
import Testing
@testable import Server

/// The one bar chart of the reports (HPV coverage, screening rates): bar width, colour at the goal, the goal line.
struct RateChartTests {
    @Test(arguments: [
        // (rate, goal, bar width of 420, colour, label)
        (nil, 0.8, 0, "#1f5f8b", "无数据"),
        (0.0, 0.8, 0, "#1f5f8b", "0.0%"),
        (0.799, 0.8, 336, "#1f5f8b", "79.9%"),
        (0.8, 0.8, 336, "#2e7d32", "80.0%"),         // at the target: reached
        (1.0, 1.0, 420, "#2e7d32", "100.0%"),
        (1.2, 0.9, 420, "#2e7d32", "120.0%"),        // drawn at full width, labelled as it is
    ] as [(Double?, Double, Int, String, String)])
    func barAgainstGoal(rate: Double?, goal: Double, width: Int, colour: String, label: String) {
        let svg = RateChart.svg([.init(label: "南昌<市>", rate: rate)], goal: goal, title: "筛查率")
        #expect(svg.contains("width=\"\(width)\" height=\"18\" fill=\"\(colour)\""))
        #expect(svg.contains(">\(label)</text>"))
        #expect(svg.contains("南昌&lt;市&gt;") && !svg.contains("南昌<市>"))
        let x = 90 + Int(420 * goal)
        #expect(svg.contains("<line x1=\"\(x)\"") && svg.contains("目标 \(Int((goal * 100).rounded()))%"))
    }

    @Test func oneRowPerBar() {
        let svg = RateChart.svg((1...11).map { .init(label: "市\($0)", rate: Double($0) / 11) }, goal: 0.98, title: "t")
        #expect(svg.components(separatedBy: "<rect ").count == 12)
        #expect(svg.contains("height=\"\(11 * 26 + 30)\""))
    }
}
