import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// The HPV work the API and the web pages share: each is the HPV room's use case called in the
/// user's name and area (`HPVContext`), and the lists are slices of `RegisterListCache`.
extension ClinicServices {
    public struct DuePage: Sendable {
        public let items: [WorkItem]
        /// Girls on the whole list (all pages).
        public let total: Int
    }

    /// The HPV use cases' context for one request: the user's area and audit identity, today.
    public func hpvContext(_ user: User) -> HPVContext {
        HPVContext(programme: programme, divisions: divisions, today: today, audit: audit(user), area: user.area.scope)
    }

    /// The work list of an area, most urgent first, one page of it. `within` is held to
    /// `WorkList.lookAhead`; any offset and limit give a page (past the end: an empty one).
    public func dueList(area: Jurisdiction, asOf: CalendarDate, within: Int = 0, offset: Int = 0, limit: Int? = nil) throws -> DuePage {
        let programme = self.programme
        let filter = self.filter(area)
        let database = self.database
        let within = min(max(within, WorkList.lookAhead.lowerBound), WorkList.lookAhead.upperBound)
        let items = try dueCache.list(area: area.code, asOf: asOf, variant: "within=\(within)", filter: filter, programme: programme.id,
                                      database: database, build: { WorkList.due($0, programme: programme, asOf: asOf, within: within) },
                                      refresh: { WorkList.refresh(&$0, changed: $1, programme: programme, asOf: asOf, within: within) })
        return DuePage(items: ClinicServices.page(items, offset: offset, limit: limit), total: items.count)
    }

    /// `items[offset ..< offset + limit]` for any offset and limit: a page past the end is empty,
    /// a limit past it reads to the end.
    static func page<T>(_ items: [T], offset: Int, limit: Int?) -> [T] {
        let start = min(max(0, offset), items.count)
        let rest = items.count - start
        let count = limit.map { min(max(0, $0), rest) } ?? rest
        return Array(items[start..<(start + count)])
    }

    /// A girl of the user's area by her registry id; nil (answered 404) for any other.
    public func girl(personUUID: PersonUUID, for user: User) throws -> Girl? {
        do { return try GirlLookup.find(database, context: hpvContext(user), .person(personUUID)) } catch let e as HPVError where e.code == "not_enrolled" {
            return nil
        }
    }

    /// The `as_of` query parameter, or today.
    func asOf(_ request: Request) throws -> CalendarDate {
        try queryDate(request, "as_of") ?? today
    }

    /// A date query parameter (nil when absent); a bad one is a 400 naming it.
    func queryDate(_ request: Request, _ name: String) throws -> CalendarDate? {
        guard let text = request.query(name) else { return nil }
        guard let day = FormDate.parse(text) else {
            throw HTTPFailure(.badRequest, code: "bad_date", message: CoreError.badDate(HPVError.clip(text), field: name).message)
        }
        return day
    }

    public func residentID(_ raw: String) throws -> ResidentID {
        do { return try ResidentID(raw, today: today) } catch {
            throw HTTPFailure(.unprocessableContent, code: error.code, message: "id: " + error.message)
        }
    }

    func date(_ text: String, field: String) throws -> CalendarDate {
        guard let d = FormDate.parse(text) else {
            throw HTTPFailure(.unprocessableContent, code: "bad_date", message: CoreError.badDate(HPVError.clip(text), field: field).message)
        }
        return d
    }

    /// `hpv dose` for a girl of the caller's area; the product, lot and expiry are remembered in the
    /// caller's session for the next form.
    public func recordDose(_ caller: Caller, _ input: DoseInput) throws -> DoseResult {
        let token = caller.token
        return try DoseRecording.record(database, context: hpvContext(caller.user), input: input) { db, entry in
            try Authenticator.rememberDose(db, token: token, product: entry.product, lot: entry.lot, expiry: entry.expiry.iso)
        }
    }

    /// `hpv consent`: `decision` is given or declined.
    public func recordConsent(_ caller: Caller, girl: GirlRef, decision: String, reason: String) throws -> ConsentOutput {
        guard let consent: Consent = decision == "given" ? .given : decision == "declined" ? .declined : nil else {
            throw HTTPFailure(.unprocessableContent, code: "bad_value", message: "decision is \"given\" or \"declined\"")
        }
        return try ConsentRecording.record(database, context: hpvContext(caller.user), girl: girl, consent: consent, reason: reason)
    }

    /// `hpv aefi add` for a girl of the caller's area; returns the event's uuid.
    public func recordAEFI(_ caller: Caller, _ input: AEFIInput) throws -> String {
        try AEFIRecording.record(database, context: hpvContext(caller.user), input: input)
    }
}
