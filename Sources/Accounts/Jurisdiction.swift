import ScreenVaxCore

/// The area a user works for: one county, one city (all its counties) or the whole province.
/// A person outside it does not exist for that user.
public enum Jurisdiction: Hashable, Sendable {
    case province
    case city(String)
    case county(String)

    /// Jiangxi's province code (GB/T 2260).
    public static let provinceCode = AreaScope.provinceCode

    /// Reads an area code: the province code, a city code or a county code of the divisions file.
    public init(code: String, divisions: Divisions) throws {
        let c = code.trimmingSpaces()
        if c == Jurisdiction.provinceCode {
            self = .province
        } else if divisions.cityName(code: c) != nil {
            self = .city(c)
        } else if divisions.county(code: c) != nil {
            self = .county(c)
        } else {
            throw AccountsError.unknownArea(c)
        }
    }

    public var code: String {
        switch self {
        case .province: Jurisdiction.provinceCode
        case .city(let c), .county(let c): c
        }
    }

    /// Whether a person enrolled or registered in this county (of this city) is inside the area.
    public func contains(countyCode: String, cityCode: String) -> Bool {
        switch self {
        case .province: true
        case .city(let c): cityCode == c
        case .county(let c): countyCode == c
        }
    }

    /// The one county or city a list is limited to (nil, nil for the province).
    public var countyCode: String? { if case .county(let c) = self { c } else { nil } }
    public var cityCode: String? { if case .city(let c) = self { c } else { nil } }

    /// The area as the domain rooms read it.
    public var scope: AreaScope { AreaScope(countyCode: countyCode, cityCode: cityCode) }
}

extension Jurisdiction {
    /// Reads a code already checked when the user was added: 360000, a city (NNNN00) or a county.
    public init(storedCode c: String) {
        if c == Jurisdiction.provinceCode { self = .province } else if c.hasSuffix("00") { self = .city(c) } else { self = .county(c) }
    }
}
