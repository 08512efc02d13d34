import ScreenVaxCore

extension CoverageReport {
    /// The report as a city or county user reads it: the lines of her area (a county user also sees
    /// her city's line) and totals summed over the counties she sees, never the province's. A
    /// city's totals keep its plan target; a county has none of its own.
    public func limited(to area: AreaScope, divisions: Divisions) -> CoverageReport {
        guard area != .province else { return self }
        var report = self
        let cityCode = area.cityCode ?? area.countyCode.flatMap { divisions.county(code: $0)?.cityCode }
        report.cities = cities.filter { $0.cityCode == cityCode }
        report.counties = counties.filter { line in
            line.countyCode.map { area.contains(countyCode: $0, divisions) } ?? false
        }
        let code = area.countyCode ?? area.cityCode ?? ""
        var totals = Line(cityCode: cityCode ?? code, city: cityCode.flatMap { divisions.cityName(code: $0) } ?? code,
                          countyCode: area.countyCode, county: area.countyCode.flatMap { divisions.county(code: $0)?.name },
                          target: area.countyCode == nil ? report.cities.first?.target : nil)
        for line in report.counties { totals.add(line) }
        totals.finish()
        report.totals = totals
        return report
    }
}
