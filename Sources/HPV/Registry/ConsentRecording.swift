import GRDB
import ScreenVaxCore
import Store

/// What `POST /api/v1/hpv/consent` answers after a consent or refusal is recorded.
public struct ConsentOutput: Encodable, Sendable {
    public let idMasked: String
    public let consent: String
    public let refusalReason: String
}

/// `hpv consent` and `POST /api/v1/hpv/consent`: a family's decision at the clinic; a later roster
/// import keeps it.
public enum ConsentRecording {
    public static func record(_ database: RegistryDatabase, context: HPVContext, girl ref: GirlRef, consent: Consent,
                              reason: String) throws -> ConsentOutput {
        let parsed = try GirlLookup.Parsed(ref, context: context)
        let reason = try FieldInput.text(reason, field: "reason")
        let programme = context.programme.id
        return try GirlLookup.refusingOutside(database, context: context, parsed: parsed, entity: "hpv_enrollment") {
            try database.write { db in
                let (person, _) = try GirlLookup.resolve(db, context: context, parsed, enrolled: true)
                let e = try ConsentRecords.record(db, person: person, programme: programme, consent: consent, reason: reason,
                                                  audit: context.audit)
                return ConsentOutput(idMasked: person.maskedID, consent: e.consent.rawValue, refusalReason: e.refusalReason)
            }
        }
    }
}
