import GRDB
import ScreenVaxCore
import Store

/// A roster row that names a person already on the register in a way the row may not change:
/// her ID under another name or birth date (`id_conflict`), or a girl enrolled outside the
/// uploader's area (`enrolled_elsewhere`). What the row error tells depends on where she is.
struct RowConflict: Error {
    let code: String
    let column: RosterColumn
    let message: String
    /// Whether the answer is about a record outside the uploader's area (`ConflictBudget`).
    let counted: Bool

    /// The full text (her registered name and birth date) only for the command line or when she is
    /// enrolled inside the uploader's area; otherwise the same code with a neutral message.
    static func identity(_ conflict: IdentityConflict, db: Database, programme: String, area: AreaScope?) throws -> RowConflict {
        if let area {
            let enrolment = try EnrollmentRecords.find(db, programme: programme, personID: conflict.existing.id)
            guard let enrolment, area.contains(countyCode: enrolment.countyCode, cityCode: enrolment.cityCode) else {
                return RowConflict(code: "id_conflict", column: .residentID, message: neutralIdentity(conflict.existing.maskedID), counted: true)
            }
        }
        return RowConflict(code: "id_conflict", column: .residentID, message: conflict.message, counted: false)
    }

    static func neutralIdentity(_ masked: String) -> String {
        "ID \(masked) is already registered under another name or birth date; check the ID and the name against her ID card "
            + "or household register and correct the row"
    }

    /// Names the county only: nothing else of her record.
    static func enrolledElsewhere(_ e: EnrolledElsewhere, divisions: Divisions) -> RowConflict {
        let county = divisions.county(code: e.countyCode).map { $0.cityName + $0.name } ?? e.countyCode
        return RowConflict(code: "enrolled_elsewhere", column: .residentID,
                           message: "she is enrolled in \(county), outside your area; a roster does not move her: "
                               + "request a transfer (名册转入) and \(county) confirms it", counted: true)
    }
}

/// The conflict rows of one import, for the audit log: every one counted against the uploader's
/// budget, and the first others (a province file of bad rows is summed up, not listed).
public final class RosterRefusals {
    static let uncountedKept = 1_000
    private(set) var entries: [Refusals.Entry] = []
    private var uncounted = 0

    func add(code: String, maskedID: String, counted: Bool) {
        if !counted {
            uncounted += 1
            guard uncounted <= RosterRefusals.uncountedKept else { return }
        }
        entries.append(Refusals.Entry(entity: "hpv_roster", code: code, maskedID: maskedID, counted: counted))
    }

    /// Forgets the rows of a reading that was undone.
    func reset() {
        entries = []
        uncounted = 0
    }
}
