import Foundation

/// One county-level division (GB/T 2260) and its city.
public struct County: Hashable, Sendable, Codable {
    public let code: String
    public let name: String
    public let cityCode: String
    public let cityName: String
}

/// The province's county-level divisions, read from `Schemas/divisions/jiangxi-divisions.csv`.
///
/// Resolves what a roster writes in its 地区 column: a 6-digit code, a county name
/// (`东湖区`), or a city and county together (`南昌市东湖区`, `南昌市 东湖区`).
public struct Divisions: Sendable {
    public let counties: [County]
    private let byCode: [String: County]
    private let byName: [String: [County]]
    public let cities: [String: String]

    public init(counties: [County]) {
        self.counties = counties
        byCode = Dictionary(counties.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        byName = Dictionary(grouping: counties, by: { $0.name })
        var cities: [String: String] = [:]
        for c in counties { cities[c.cityCode] = c.cityName }
        self.cities = cities
    }

    public static func load(schemas: URL) throws -> Divisions {
        let url = schemas.appendingPathComponent("divisions/jiangxi-divisions.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var counties: [County] = []
        for (i, line) in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() where i > 0 {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            guard f.count >= 4 else {
                throw CoreError.programme(file: "divisions/jiangxi-divisions.csv", field: "row \(i + 1)", problem: "expected county_code,county,city_code,city")
            }
            counties.append(County(code: f[0], name: f[1], cityCode: f[2], cityName: f[3]))
        }
        return Divisions(counties: counties)
    }

    public func county(code: String) -> County? { byCode[code] }

    public func cityName(code: String) -> String? { cities[code] }

    /// Resolves a 地区 cell; nil when unknown or ambiguous.
    public func resolve(_ raw: String) -> County? {
        // Codes are six digits: a name is not hashed twice to find that it is not one.
        if raw.utf8.count == 6, let c = byCode[raw] { return c }
        if let list = byName[raw], list.count == 1 { return list[0] }
        let text = String(raw.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" && $0 != "\t" })
        if text.count == 6, let c = byCode[text] { return c }
        if let list = byName[text], list.count == 1 { return list[0] }
        for (code, city) in cities where text.hasPrefix(city) {
            let rest = String(text.dropFirst(city.count))
            if let match = byName[rest]?.first(where: { $0.cityCode == code }) { return match }
        }
        var stripped = text
        if stripped.hasPrefix("江西省") { stripped = String(stripped.dropFirst(3)) }
        if stripped != text { return resolve(stripped) }
        return nil
    }
}
