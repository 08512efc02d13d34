import Foundation
import ScreenVaxCore

/// A gestational age in completed weeks and days (`13+6`), counted from the first day of the LMP.
public struct GestationalAge: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let totalDays: Int

    public init(days: Int) { totalDays = days }
    public init(weeks: Int, days: Int) { totalDays = weeks * 7 + days }

    /// Parses `13+6` or `13` (weeks only); days must be 0-6.
    public init?(_ text: String) {
        let parts = text.split(separator: "+", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let w = Int(parts[0]), w >= 0, w < 45 else { return nil }
        let d = parts.count == 2 ? Int(parts[1]) : 0
        guard let d, (0...6).contains(d) else { return nil }
        totalDays = w * 7 + d
    }

    public var weeks: Int { totalDays / 7 }
    public var days: Int { totalDays % 7 }
    public var description: String { "\(weeks)+\(days)" }

    public static func < (a: GestationalAge, b: GestationalAge) -> Bool { a.totalDays < b.totalDays }
}

extension GestationalAge: TextCodable {
    public init?(jsonText: String) { self.init(jsonText) }
    public var jsonText: String { description }
    public static var expectedText: String { "a gestational age as weeks+days such as \"13+6\"" }
}

