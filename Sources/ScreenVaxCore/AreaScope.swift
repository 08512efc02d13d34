import ScreenVaxMacros

/// The part of the province a caller works for: one county, one city (all its counties), or the
/// whole province (neither code). A record outside it does not exist for that caller.
@PublicInit
public struct AreaScope: Hashable, Sendable {
    public let countyCode: String?
    public let cityCode: String?

    public static let province = AreaScope(countyCode: nil, cityCode: nil)
    /// Jiangxi's division code, the province as an area.
    public static let provinceCode = "360000"

    public func contains(countyCode: String, cityCode: String) -> Bool {
        (self.countyCode.map { $0 == countyCode } ?? true) && (self.cityCode.map { $0 == cityCode } ?? true)
    }

    public func contains(_ county: County) -> Bool {
        contains(countyCode: county.code, cityCode: county.cityCode)
    }

    /// Whether a county of the divisions (by code) is inside; an unknown code is outside unless the area is the province.
    public func contains(countyCode: String, _ divisions: Divisions) -> Bool {
        guard let county = divisions.county(code: countyCode) else { return self == .province }
        return contains(county)
    }

    /// The area's division code: the county's, the city's or the province's (360000).
    public var code: String { countyCode ?? cityCode ?? Self.provinceCode }

    /// The area as users read it: 南昌市东湖区, 南昌市, 江西省.
    public func name(_ divisions: Divisions) -> String {
        if let c = countyCode { return divisions.county(code: c).map { $0.cityName + $0.name } ?? c }
        if let c = cityCode { return divisions.cityName(code: c) ?? c }
        return "江西省"
    }
}
