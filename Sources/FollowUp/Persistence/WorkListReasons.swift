import GRDB
import HPV
import ScreenVaxCore
import Screening

/// Reads the work lists the queue calls about and turns their items into reasons: HPV doses due,
/// overdue or with the window closing; screening windows closing (or in catch-up); open recall
/// cases waiting for contact. Numbers that are not valid phone numbers give no reason (the lists
/// show them for correction).
public enum WorkListReasons {
    public static func all(_ db: Database, context: FollowUpContext, asOf day: CalendarDate) throws -> [CallReason] {
        try hpv(db, programme: context.hpv, asOf: day)
            + screening(db, programme: context.screening.programme, asOf: day)
            + recall(db, asOf: day)
    }

    static func phone(_ raw: String) -> String? { try? PhoneNumber.normalise(raw) }

    public static func hpv(_ db: Database, programme: HPVProgramme, asOf day: CalendarDate) throws -> [CallReason] {
        let girls = try Register.girls(db, programme: programme.id)
        return WorkList.due(girls, programme: programme, asOf: day).compactMap { item in
            guard let phone = phone(item.girl.guardianPhone) else { return nil }
            let priority: Priority = switch item.urgency {
            case 0: .windowClosing
            case 1: .overdue
            default: .due
            }
            let g = item.girl
            return CallReason(key: "hpv:\(g.personUUID):dose\(item.next.dose)", source: .hpv, priority: priority, phone: phone,
                              addressee: g.guardianName.isEmpty ? g.name + "家长" : g.guardianName, subjectUUID: g.personUUID.raw,
                              reference: g.residentID, deadline: item.next.latest.iso)
        }
    }

    public static func screening(_ db: Database, programme: ScreeningProgramme, asOf day: CalendarDate) throws -> [CallReason] {
        try WorkListQueries.dueList(db, programme: programme, asOf: day).compactMap { e in
            let priority: Priority
            switch e.item.status {
            case .closing: priority = .windowClosing
            case .overdue, .recollect: priority = .overdue
            default: return nil
            }
            guard let phone = phone(e.phone) else { return nil }
            let addressee = e.item.subject == .newborn ? e.name + "家长" : e.name
            return CallReason(key: "screening:\(e.item.subjectUUID):\(e.item.service):\(e.item.slot)", source: .screening,
                              priority: priority, phone: phone, addressee: addressee, subjectUUID: e.item.subjectUUID,
                              reference: e.item.subjectUUID, deadline: e.item.closes.iso)
        }
    }

    /// Open recall cases whose next step is contact.
    public static func recall(_ db: Database, asOf day: CalendarDate) throws -> [CallReason] {
        try WorkListQueries.recallList(db, asOf: day, overdueOnly: false).compactMap { e in
            guard e.nextStep == RecallStep.contact.rawValue, let phone = phone(e.phone) else { return nil }
            let addressee = e.subject == "newborn" ? e.name + "家长" : e.name
            return CallReason(key: "recall:\(e.caseID)", source: .recall, priority: .recall, phone: phone, addressee: addressee,
                              subjectUUID: e.caseID.raw, reference: e.caseID.raw, deadline: e.deadline ?? "")
        }
    }
}
