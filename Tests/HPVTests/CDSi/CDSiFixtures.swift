import Foundation
import HPV
import ScreenVaxCore

/// Shared helpers for the CDSi tests: the shipped schedule files and short date literals.
enum CDSiFixtures {
    static let schemas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schemas")

    static func schedule(_ name: String) -> Schedule {
        do { return try Schedule.load(schemas: schemas, name: name) } catch { fatalError("\(name): \(error)") }
    }

    static let cdsi = schedule("hpv-cdsi")
}

/// `d("2023-08-31")`; traps on a malformed literal (test data only).
func d(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(iso: text) else { fatalError("bad test date \(text)") }
    return date
}

func doses(_ list: [(String, String)]) -> [AdministeredDose] {
    list.map { AdministeredDose(date: d($0.0), code: $0.1) }
}
