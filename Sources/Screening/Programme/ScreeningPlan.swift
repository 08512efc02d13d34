import Foundation
import ScreenVaxCore

/// Per-city planned counts (`Schemas/plans/screening-2023.csv`: city_code, city, then one column
/// per plan column a service names: prenatal, newborn_metabolic, ...).
public struct ScreeningPlan: Sendable {
    /// city code → plan column → planned count.
    public let cities: [String: [String: Int]]

    public init(cities: [String: [String: Int]]) { self.cities = cities }

    public static func load(schemas: URL, file: String) throws -> ScreeningPlan {
        let url = schemas.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CoreError.programme(file: file, field: "(file)", problem: "not found in \(schemas.path)")
        }
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        guard let header = lines.first?.split(separator: ",").map({ String($0).trimmingSpaces() }),
              header.count > 2, header[0] == "city_code" else {
            throw CoreError.programme(file: file, field: "header", problem: "expected city_code,city,<plan columns>")
        }
        var cities: [String: [String: Int]] = [:]
        for (i, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            guard f.count == header.count else {
                throw CoreError.programme(file: file, field: "row \(i + 2)", problem: "has \(f.count) cells, the header \(header.count)")
            }
            var row: [String: Int] = [:]
            for j in 2..<header.count {
                guard let n = Int(f[j]) else { throw CoreError.programme(file: file, field: "row \(i + 2) \(header[j])", problem: "is not a whole number") }
                row[header[j]] = n
            }
            cities[f[0]] = row
        }
        return ScreeningPlan(cities: cities)
    }

    public func planned(city: String?, column: String) -> Int {
        if let city { return cities[city]?[column] ?? 0 }
        return cities.values.reduce(0) { $0 + ($1[column] ?? 0) }
    }
}
