/// An area as a condition on a table's `county_code` / `city_code` columns, which every room's
/// registered records carry. The owning room puts it on its own table; another room only ever
/// receives the finished predicate from the owner.
extension AreaScope {
    /// ` AND alias.county_code = ?` (or the city's) with its argument; nil for the province.
    public func columnFilter(_ alias: String) -> (sql: String, code: String)? {
        if let countyCode { return (" AND \(alias).county_code = ?", countyCode) }
        if let cityCode { return (" AND \(alias).city_code = ?", cityCode) }
        return nil
    }
}
