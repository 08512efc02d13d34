import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// A dose as a clinic enters it (command line, form or JSON body), before it is checked.
@PublicInit
public struct DoseInput: Sendable {
    public var girl: GirlRef
    public var date: String
    public var product: String
    public var lot: String
    public var expiry: String
    public var site: String = ""
    public var clinic: String = ""
    public var vaccinator: String = ""
    public var historical: Bool = false
    /// Consent given at the clinic with this dose: who signed (the guardian). nil: none given now.
    public var consentBy: String?
}

/// `hpv dose` and `POST /api/v1/hpv/doses`: a dose is a fact, stored even when it breaks a rule,
/// then evaluated. Refused: what cannot be true, a girl outside the caller's area, bad input, and
/// a dose given here to an enrolled girl without her guardian's consent (`consent_required`) unless
/// the same entry records the consent given at the clinic: the vaccinator asks before injecting.
public enum DoseRecording {
    /// Records the dose and evaluates it with her doses. `alongside` runs in the same transaction
    /// with the stored entry (the server remembers the lot for the next form).
    public static func record(_ database: RegistryDatabase, context: HPVContext, input: DoseInput,
                              alongside: ((Database, DoseEntry) throws -> Void)? = nil) throws -> DoseResult {
        let parsed = try GirlLookup.Parsed(input.girl, context: context)
        let date = try FieldInput.date(input.date, field: "date")
        let expiry = try FieldInput.expiry(input.expiry, field: "expiry")
        let lot = try FieldInput.text(input.lot, field: "lot")
        let site = try FieldInput.text(input.site, field: "site")
        let clinic = try FieldInput.text(input.clinic, field: "clinic")
        let vaccinator = try FieldInput.text(input.vaccinator, field: "vaccinator")
        let product = try FieldInput.text(input.product, field: "product").lowercased()
        let consentBy = try input.consentBy.map { try FieldInput.text($0, field: "consent_by") }
        if let consentBy, consentBy.isEmpty {
            throw HPVError.field(code: "consent_by_required",
                                 message: "consent given at the clinic needs who signed it; give the guardian's name (--consent-by)",
                                 field: "consent_by")
        }
        let programme = context.programme
        return try GirlLookup.refusingOutside(database, context: context, parsed: parsed, entity: "hpv_dose") {
            try database.write { db in
                let (person, _) = try GirlLookup.resolve(db, context: context, parsed, enrolled: false)
                if !input.historical, let e = try EnrollmentRecords.find(db, programme: programme.id, personID: person.id),
                   e.consent != .given {
                    guard let consentBy else { throw HPVError.consentRequired(masked: person.maskedID, consent: e.consent) }
                    _ = try ConsentRecords.record(db, person: person, programme: programme.id, consent: .given, reason: "",
                                                  signedBy: consentBy, audit: context.audit)
                }
                let entry = DoseEntry(residentID: try GirlLookup.residentID(of: person), date: date, product: product, lot: lot,
                                      expiry: expiry, site: site, clinic: clinic, vaccinator: vaccinator, historical: input.historical)
                let dose = try DoseRecords.record(db, entry: entry, person: person, today: context.today,
                                                  knownProducts: programme.knownProductCodes, audit: context.audit)
                try alongside?(db, entry)
                let after = try Register.girl(db, programme: programme.id, person: person)
                return DoseResult(dose: dose, girl: after, programme: programme, today: context.today)
            }
        }
    }
}
