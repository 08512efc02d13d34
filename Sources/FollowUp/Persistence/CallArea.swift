import GRDB
import HPV
import ScreenVaxCore
import Screening

/// The part of the province a list of calls or tasks is limited to: a county, a city, or none
/// (the province). A call belongs to an area when one of its reasons is about a person registered
/// there (the girl's enrollment, the pregnancy, the newborn, the recall case).
public struct CallArea: Sendable, Hashable {
    let scope: AreaScope

    public init(_ scope: AreaScope) { self.scope = scope }

    /// The predicate "reason `r` is about a person of this area", with its arguments; nil for the
    /// province. Each room that owns the subject says what "in the area" means for its records.
    func reasonFilter(_ r: String) -> (sql: String, arguments: [(any DatabaseValueConvertible)?])? {
        guard let girl = EnrolmentArea.predicate(personUUID: "\(r).subject_uuid", area: scope),
              let subject = ScreeningArea.subjectPredicate(subjectUUID: "\(r).subject_uuid", area: scope),
              let recall = ScreeningArea.casePredicate(caseUUID: "\(r).subject_uuid", area: scope) else { return nil }
        let sql = """
            ((\(r).source = 'hpv' AND \(girl.sql))
             OR (\(r).source = 'screening' AND \(subject.sql))
             OR (\(r).source = 'recall' AND \(recall.sql)))
            """
        return (sql, (girl.arguments + subject.arguments + recall.arguments).map { $0 })
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
