import Foundation
import ScreenVaxCore

/// Per-city targets from `Schemas/plans/*.csv` (city_code, city, target...).
public enum Plan {
    /// Reads the first numeric column after the city name as the target, keyed by city code.
    public static func load(schemas: URL, file: String) throws -> [String: Int] {
        let url = schemas.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CoreError.programme(file: file, field: "(file)", problem: "not found in \(schemas.path)")
        }
        var plan: [String: Int] = [:]
        for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() where i > 0 {
            let f = line.split(separator: ",").map { String($0).trimmingSpaces() }
            guard f.count >= 3, let target = Int(f[2]) else {
                throw CoreError.programme(file: file, field: "row \(i + 1)", problem: "expected city_code,city,target")
            }
            plan[f[0]] = target
        }
        return plan
    }
}
