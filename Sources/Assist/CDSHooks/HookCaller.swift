import ScreenVaxCore

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

    /// The caller's part of the province, as the rooms that own the records filter by it.
    var area: AreaScope { AreaScope(countyCode: countyCode, cityCode: countyCode == nil ? cityCode : nil) }
}
