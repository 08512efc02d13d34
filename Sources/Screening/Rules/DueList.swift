import ScreenVaxCore
import ScreenVaxMacros

/// A subject as the due list sees it: its dating or birth, and its results so far per service.
@PublicInit
public struct DueSubject: Sendable {
    public enum Timing: Sendable { case pregnancy(lmp: CalendarDate), newborn(born: ClinicalTime) }
    public let uuid: String
    public let timing: Timing
    /// Earlier results per service, oldest first.
    public let results: [String: [(outcome: ResultOutcome, date: CalendarDate)]]
    /// Services she declined (尊重意愿): never due, never called about.
    public var declined: Set<String> = []
    /// Services whose card the lab rejected, with the day: a recollection (补采) is due.
    public var recollect: [String: CalendarDate] = [:]
    public var subject: Subject {
        if case .pregnancy = timing { return .pregnancy }
        return .newborn
    }
}

/// One service a subject should have now or soon.
public struct DueItem: Sendable, Hashable {
    public enum Status: String, Sendable, Codable {
        /// Opens within the look-ahead.
        case upcoming
        case open
        /// Open with at most `window_closing_days` left.
        case closing
        /// The window closed but the service is still useful (metabolic catch-up to 20 days).
        case overdue
        /// A not-assessable result or a first-screen refer asks for a repeat.
        case repeatDue = "repeat"
        /// The lab rejected the card: collect a new one (补采).
        case recollect
    }
    public let subjectUUID: String
    public let subject: Subject
    public let service: String
    /// Which of the free services this is (anomaly ultrasound: 1 or 2).
    public let slot: Int
    public let opens: CalendarDate
    public let closes: CalendarDate
    public let status: Status
    /// Days from the as-of date to `closes` (negative when overdue).
    public let daysLeft: Int
}

/// The due list: a pure function of (subject, results, programme, as-of date).
public enum DueList {
    public static func items(for s: DueSubject, programme: ScreeningProgramme, asOf: CalendarDate) -> [DueItem] {
        var out: [DueItem] = []
        for service in programme.services(for: s.subject) where !s.declined.contains(service.code) {
            let results = s.results[service.code] ?? []
            let assessable = results.filter { $0.outcome.isAssessable }.count
            guard assessable < service.freeCount else { continue }
            if let rejected = s.recollect[service.code], !results.contains(where: { $0.date >= rejected && $0.outcome.isAssessable }) {
                let days = programme.specimens.recollectWithinDays.days
                let closes = rejected.addingDays(days)
                // Like a missed repeat: overdue for as long again, then off the list.
                guard asOf <= closes.addingDays(days) else { continue }
                out.append(DueItem(subjectUUID: s.uuid, subject: s.subject, service: service.code, slot: assessable + 1, opens: rejected,
                                   closes: closes, status: asOf > closes ? .overdue : .recollect, daysLeft: asOf.days(to: closes)))
                continue
            }
            if let last = results.last, !last.outcome.isAssessable {
                let closes = last.date.addingDays(service.repeatWithinDays)
                // A missed repeat stays on the list as overdue for as long again, then drops off.
                guard asOf <= closes.addingDays(service.repeatWithinDays) else { continue }
                let status: DueItem.Status = asOf > closes ? .overdue : .repeatDue
                out.append(DueItem(subjectUUID: s.uuid, subject: s.subject, service: service.code, slot: assessable + 1,
                                   opens: last.date, closes: closes, status: status, daysLeft: asOf.days(to: closes)))
                continue
            }
            // With one window per free service (the two anomaly scans), the k-th service uses the k-th
            // window; a window that has passed is missed and the next one is offered.
            let candidates = service.windows.count == service.freeCount && service.freeCount > 1
                ? Array(service.windows.enumerated().dropFirst(assessable)) : [(offset: assessable, element: service.windows[0])]
            for (index, window) in candidates {
                let dated: DatedWindow?
                switch s.timing {
                case .pregnancy(let lmp): dated = window.dated(lmp: lmp)
                case .newborn(let born): dated = window.dated(born: born)
                }
                guard let w = dated else { continue }
                let status: DueItem.Status
                if asOf < w.opens {
                    guard asOf.days(to: w.opens) <= programme.windowLookaheadDays else { break }
                    status = .upcoming
                } else if asOf <= w.closes {
                    status = asOf.days(to: w.closes) <= programme.windowClosingDays ? .closing : .open
                } else if let catchUp = w.catchUpUntil, asOf <= catchUp {
                    status = .overdue
                } else {
                    continue
                }
                out.append(DueItem(subjectUUID: s.uuid, subject: s.subject, service: service.code, slot: index + 1,
                                   opens: w.opens, closes: w.closes, status: status, daysLeft: asOf.days(to: w.closes)))
                break
            }
        }
        return out
    }

    /// Most urgent first: the window that closes soonest (overdue ones have already closed), then
    /// the one that opens soonest.
    public static func sorted(_ items: [DueItem]) -> [DueItem] {
        items.sorted { a, b in
            if a.closes != b.closes { return a.closes < b.closes }
            if a.opens != b.opens { return a.opens < b.opens }
            if a.subjectUUID != b.subjectUUID { return a.subjectUUID < b.subjectUUID }
            return a.service < b.service
        }
    }
}
