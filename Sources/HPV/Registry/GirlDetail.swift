import GRDB
import ScreenVaxCore
import Store

/// Everything a girl's page shows: her register facts, her doses as stored (lot, clinic), her
/// adverse events and the history of her enrolment and doses.
public struct GirlDetail: Sendable {
    public let girl: Girl
    public let doses: [DoseRecord]
    public let aefi: [AEFIRecord]
    /// Newest first, at most `historyKept` entries per record.
    public let history: [AuditLog.Entry]

    static let historyKept = 20

    /// The girl of the caller's area with this registry id, read in one transaction; `not_enrolled` for any other.
    public static func read(_ database: RegistryDatabase, context: HPVContext, personUUID: PersonUUID) throws -> GirlDetail {
        let programme = context.programme.id
        return try database.read { db in
            let (person, found) = try GirlLookup.resolve(db, context: context, .init(.person(personUUID), context: context), enrolled: true)
            guard let girl = found, let enrolment = try EnrollmentRecords.find(db, programme: programme, personID: person.id) else {
                throw HPVError.notEnrolled(person.maskedID)
            }
            let doses = try DoseRecords.forPerson(db, personID: person.id)
            let aefi = try AEFIRecords.list(db, seriousOnly: false, lot: nil, programme: programme, personID: person.id)
            var history: [AuditLog.Entry] = []
            // By (entity, uuid): the audit log's index leads with the entity.
            for (entity, uuid) in [("hpv_enrollment", enrolment.uuid)] + doses.map({ ("hpv_dose", $0.uuid) }) {
                history += try AuditLog.Entry.fetchAll(db, sql: """
                    SELECT * FROM audit_log WHERE entity = ? AND entity_uuid = ? ORDER BY id DESC LIMIT \(historyKept)
                    """, arguments: [entity, uuid])
            }
            return GirlDetail(girl: girl, doses: doses, aefi: aefi, history: history.sorted { $0.at > $1.at })
        }
    }
}
