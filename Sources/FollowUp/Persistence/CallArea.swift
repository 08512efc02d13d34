import GRDB

/// The part of the province a list of calls or tasks is limited to: a county, a city, or none
/// (the province). A call belongs to an area when one of its reasons is about a person registered
/// there (the girl's enrollment, the pregnancy, the newborn, the recall case).
public struct CallArea: Sendable, Hashable {
    public let countyCode: String?
    public let cityCode: String?

    public init(countyCode: String?, cityCode: String?) {
        self.countyCode = countyCode
        self.cityCode = cityCode
    }

    /// The predicate "reason `r` is about a person of this area", with its arguments; nil for the province.
    func reasonFilter(_ r: String) -> (sql: String, arguments: [(any DatabaseValueConvertible)?])? {
        guard countyCode != nil || cityCode != nil else { return nil }
        let (column, code) = countyCode.map { ("county_code", $0) } ?? ("city_code", cityCode!)
        let sql = """
            ((\(r).source = 'hpv' AND EXISTS (SELECT 1 FROM persons p JOIN hpv_enrollments e ON e.person_id = p.id
                                               WHERE p.uuid = \(r).subject_uuid AND e.\(column) = ?))
             OR (\(r).source = 'screening' AND (EXISTS (SELECT 1 FROM screening_pregnancies s WHERE s.uuid = \(r).subject_uuid AND s.\(column) = ?)
                                               OR EXISTS (SELECT 1 FROM screening_newborns n WHERE n.uuid = \(r).subject_uuid AND n.\(column) = ?)))
             OR (\(r).source = 'recall' AND EXISTS (SELECT 1 FROM screening_recall_cases k WHERE k.uuid = \(r).subject_uuid AND k.\(column) = ?)))
            """
        return (sql, [code, code, code, code])
    }

    /// The predicate "call `c` has a reason of this area"; nil for the province.
    func callFilter(_ c: String) -> (sql: String, arguments: [(any DatabaseValueConvertible)?])? {
        reasonFilter("ar").map { f in
            ("""
             EXISTS (SELECT 1 FROM followup_call_reasons acr JOIN followup_reasons ar ON ar.key = acr.reason_key
                     WHERE acr.call_id = \(c).id AND \(f.sql))
             """, f.arguments)
        }
    }
}
