/// Who asks for a hook: the client's name for the audit, and the part of the province whose
/// patients it may see. A patient registered only outside it is answered exactly like an unknown
/// one; `screenvax assist` (the county office's own tool) sees the whole registry.
public struct HookCaller: Sendable, Equatable {
    public let client: String?
    public let countyCode: String?
    public let cityCode: String?

    /// A county (`countyCode`), a city (`cityCode`) or the province (both nil).
    public init(client: String?, countyCode: String?, cityCode: String?) {
        self.client = client
        self.countyCode = countyCode
        self.cityCode = cityCode
    }

    public static let commandLine = HookCaller(client: nil, countyCode: nil, cityCode: nil)

    public var isWholeProvince: Bool { countyCode == nil && cityCode == nil }

    public func contains(countyCode county: String, cityCode city: String) -> Bool {
        if let countyCode { return county == countyCode }
        if let cityCode { return city == cityCode }
        return true
    }

    /// `AND <column> = ?` limiting a table with county_code and city_code columns to the area.
    func sqlFilter(_ table: String) -> (sql: String, code: String)? {
        if let countyCode { return (" AND \(table).county_code = ?", countyCode) }
        if let cityCode { return (" AND \(table).city_code = ?", cityCode) }
        return nil
    }
}
