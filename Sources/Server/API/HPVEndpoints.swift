import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// /api/v1/hpv/*: the work list, a girl's status, doses, consent, AEFI, roster upload and transfers.
/// A girl is named by her registry id (`person_id`) in a path, or by her resident ID in a body.
struct HPVEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .get, path: "/api/v1/hpv/due", handler: authed { c, r, _ in try self.due(c, r) }),
            HTTPRoute(method: .get, path: "/api/v1/hpv/girls/{person_id}", handler: authed { c, r, p in try self.status(c, r, p) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/girls/lookup", handler: authed { c, r, _ in try await self.lookup(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/doses", handler: authed { c, r, _ in try await self.dose(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/consent", handler: authed { c, r, _ in try await self.consent(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/aefi", handler: authed { c, r, _ in try await self.aefi(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/roster", handler: authed { c, r, _ in try await self.roster(c, r) }),
            HTTPRoute(method: .get, path: "/api/v1/hpv/roster/{batch}/errors", handler: authed { c, _, p in try self.rosterErrors(c, p) }),
        ]
    }

    /// `hpv due --format json` for the caller's area; `limit` (default 50) and `offset` page it.
    func due(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.readHPV)
        let within = try QueryValue.integer(request, "within", in: QueryValue.within, default: 0)
        let paging = try Paging.api(request)
        let page = try services.dueList(area: caller.user.area, asOf: asOf(request), within: within,
                                        offset: paging.offset, limit: paging.limit)
        let day = try asOf(request)
        return try Reply.page(page.items.map { DueLine(item: $0, asOf: day, showPII: false) }, total: page.total)
    }

    /// `hpv status --format json` by registry id; 404 when she is not on the register of the caller's area.
    func status(_ caller: Caller, _ request: Request, _ parameters: Parameters) throws -> Response {
        try caller.require(.readHPV)
        guard let id = parameters.get("person_id"), let girl = try services.girl(personUUID: PersonUUID(id), for: caller.user) else {
            throw HTTPFailure.notFound
        }
        return try Reply.json(StatusOutput(girl: girl, programme: services.programme, asOf: asOf(request), showPII: false))
    }

    struct LookupBody: Decodable {
        let residentID: String
        enum CodingKeys: String, CodingKey { case residentID = "resident_id" }
    }

    /// `hpv status --format json` by a resident ID in the body (never in a URL); 404 outside the caller's area.
    func lookup(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.readHPV)
        let b = try await request.decodeJSON(LookupBody.self)
        let girl = try GirlLookup.find(services.database, context: services.hpvContext(caller.user), .residentID(b.residentID))
        return try Reply.json(StatusOutput(girl: girl, programme: services.programme, asOf: asOf(request), showPII: false))
    }

    /// Read beside the girl's `id` or `person_id` (decodeGirlBody).
    struct DoseBody: Decodable {
        let date: String
        let product: String
        let lot: String
        let expiry: String
        var site: String?
        var clinic: String?
        var vaccinator: String?
        var historical: Bool?
        /// Consent given at the clinic with this dose: who signed it.
        var consentBy: String?
        enum CodingKeys: String, CodingKey {
            case date, product, lot, expiry, site, clinic, vaccinator, historical
            case consentBy = "consent_by"
        }
    }

    /// `hpv dose`: 201 with the evaluated dose.
    func dose(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.recordDose)
        let (girl, b) = try await request.decodeGirlBody(DoseBody.self)
        let result = try services.recordDose(caller, DoseInput(
            girl: girl, date: b.date, product: b.product, lot: b.lot, expiry: b.expiry,
            site: b.site ?? "", clinic: b.clinic ?? "", vaccinator: b.vaccinator ?? "", historical: b.historical ?? false,
            consentBy: b.consentBy))
        return try Reply.json(result, status: .created)
    }

    /// Read beside the girl's `id` or `person_id` (decodeGirlBody).
    struct ConsentBody: Decodable {
        let decision: String
        var reason: String?
    }

    /// `hpv consent`: a family's consent or refusal at the clinic.
    func consent(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.recordConsent)
        let (girl, b) = try await request.decodeGirlBody(ConsentBody.self)
        return try Reply.json(services.recordConsent(caller, girl: girl, decision: b.decision, reason: b.reason ?? ""))
    }

    /// Read beside the girl's `id` or `person_id` (decodeGirlBody).
    struct AEFIBody: Decodable {
        let doseDate: String
        let onset: String
        let symptoms: [String]
        var serious: Bool?
        var outcome: String?
        let reporter: String
        enum CodingKeys: String, CodingKey {
            case onset, symptoms, serious, outcome, reporter
            case doseDate = "dose_date"
        }
    }

    /// `hpv aefi add`: 201 with the event's uuid.
    func aefi(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.recordAEFI)
        let (girl, b) = try await request.decodeGirlBody(AEFIBody.self)
        let uuid = try services.recordAEFI(caller, AEFIInput(
            girl: girl, doseDate: b.doseDate, onset: b.onset, symptoms: b.symptoms,
            serious: b.serious ?? false, outcome: b.outcome ?? "unknown", reporter: b.reporter))
        struct Created: Encodable { let uuid: String }
        return try Reply.json(Created(uuid: uuid), status: .created)
    }

    /// `hpv import`: the CSV is the body (`?file_name=` names it in the report, `?dry_run=true` writes
    /// nothing). The answer carries the first rejected rows; `errors_url` downloads them all.
    func roster(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.uploadRoster)
        let data = try await request.bodyData(limit: BodyLimit.upload)
        let result = try services.importRoster(caller, data: data, fileName: request.query("file_name") ?? "roster.csv",
                                               dryRun: request.query("dry_run") == "true")
        return try Reply.json(result.report)
    }

    /// The school's file (CSV, or xlsx for an xlsx roster) of every rejected row of an upload (its uploader, or her area's clerks; for an hour).
    func rosterErrors(_ caller: Caller, _ parameters: Parameters) throws -> Response {
        try caller.require(.uploadRoster)
        let data = try services.rosterErrors(caller, token: parameters.get("batch") ?? "")
        var r = Reply.rosterErrors(data, stem: "退回学校")
        r.headers[.cacheControl] = "no-store"
        return r
    }
}
