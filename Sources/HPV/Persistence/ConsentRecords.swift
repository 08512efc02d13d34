import GRDB
import ScreenVaxCore
import Store

public enum ConsentRecords {
    /// Records consent given or declined at the clinic; from then on a roster re-import keeps it.
    public static func record(_ db: Database, residentID: ResidentID, programme: String, consent: Consent,
                              reason: String, signedBy: String = "", audit: AuditLog) throws -> EnrollmentRecord {
        guard let person = try Persons.find(db, residentID: residentID.value) else {
            throw HPVError.unknownPerson(residentID.masked)
        }
        return try record(db, person: person, programme: programme, consent: consent, reason: reason, signedBy: signedBy, audit: audit)
    }

    /// Records consent of a person already found (the use case found her inside the caller's area).
    /// `signedBy`: who signed the consent form at the clinic (the guardian's name), when given.
    public static func record(_ db: Database, person: PersonRecord, programme: String, consent: Consent,
                              reason: String, signedBy: String = "", audit: AuditLog) throws -> EnrollmentRecord {
        guard var enrollment = try EnrollmentRecords.find(db, programme: programme, personID: person.id) else {
            throw HPVError.notEnrolled(person.maskedID)
        }
        let before = enrollment
        enrollment.consent = consent
        enrollment.refusalReason = consent == .declined ? reason : ""
        enrollment.consentSource = "clinic"
        if enrollment != before {
            let version = before.version + 1
            try EnrollmentRecords.save(db, enrollment, version: version, person: person, at: audit.timestamp)
            try db.execute(sql: "UPDATE hpv_enrollments SET consent_signed_by = ? WHERE id = ?",
                           arguments: [consent == .given ? signedBy : "", enrollment.id])
            // The consent decision is an event of its own, beside the new version of the enrolment.
            let eventUUID = RecordID.make()
            var w = JSONWriter()
            w.string("uuid", eventUUID)
            w.int("version", 1)
            w.string("enrollment_uuid", enrollment.uuid)
            w.string("person_uuid", person.uuid)
            w.string("programme", programme)
            w.string("consent", consent.rawValue)
            w.string("refusal_reason", enrollment.refusalReason)
            if consent == .given, !signedBy.isEmpty { w.string("signed_by", signedBy) }
            w.string("recorded_at", audit.timestamp)
            try Outbox.enqueue(db, type: "consent", uuid: eventUUID, version: 1, payload: w.finished(), at: audit.timestamp)
            try audit.record(db, action: "consent", entity: "hpv_enrollment", uuid: enrollment.uuid,
                             detail: "consent \(consent.rawValue)")
        }
        return try EnrollmentRecords.find(db, programme: programme, personID: person.id) ?? enrollment
    }
}
