import GRDB
import ScreenVaxCore

extension Register {
    /// The schools girls of the filter's area are enrolled in, by name (a list's school filter).
    public static func schools(_ db: Database, programme: String, filter: Filter) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT school FROM hpv_enrollments WHERE programme = ? AND (? IS NULL OR county_code = ?)
            AND (? IS NULL OR city_code = ?) AND school != '' ORDER BY school
            """, arguments: [programme, filter.countyCode, filter.countyCode, filter.cityCode, filter.cityCode])
    }
}
