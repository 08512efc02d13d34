import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// A suspected adverse event as a clinic enters it, before it is checked.
@PublicInit
public struct AEFIInput: Sendable {
    public var girl: GirlRef
    public var doseDate: String
    public var onset: String
    public var symptoms: [String]
    public var serious: Bool = false
    public var outcome: String = "unknown"
    public var reporter: String
}

/// `hpv aefi add` and `POST /api/v1/hpv/aefi`: an event after a recorded dose of a girl of the
/// caller's area. Returns the event's uuid.
public enum AEFIRecording {
    /// More symptom codes than the programme knows cannot be true of one event.
    static let maxSymptoms = 50

    public static func record(_ database: RegistryDatabase, context: HPVContext, input: AEFIInput) throws -> String {
        let parsed = try GirlLookup.Parsed(input.girl, context: context)
        guard let outcome = AEFIOutcome(rawValue: input.outcome.trimmingSpaces()) else {
            throw HPVError.badValue(field: "outcome", value: input.outcome, expected: AEFIOutcome.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let doseDate = try FieldInput.date(input.doseDate, field: "dose_date")
        let onset = try OnsetTime(input.onset)
        guard input.symptoms.count <= maxSymptoms else {
            throw HPVError.field(code: "too_long", message: "symptoms has \(input.symptoms.count) codes; give at most \(maxSymptoms)", field: "symptoms")
        }
        let symptoms = try input.symptoms.map { try FieldInput.text($0, field: "symptoms") }.filter { !$0.isEmpty }
        let reporter = try FieldInput.text(input.reporter, field: "reporter")
        let programme = context.programme
        return try GirlLookup.refusingOutside(database, context: context, parsed: parsed, entity: "hpv_aefi") {
            try database.write { db in
                let (person, _) = try GirlLookup.resolve(db, context: context, parsed, enrolled: false)
                let entry = AEFIEntry(residentID: try GirlLookup.residentID(of: person), doseDate: doseDate, onset: onset,
                                      symptoms: symptoms, serious: input.serious, outcome: outcome, reporter: reporter)
                return try AEFIRecords.record(db, entry: entry, person: person, programme: programme, today: context.today,
                                              audit: context.audit)
            }
        }
    }
}
