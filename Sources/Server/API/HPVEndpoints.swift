import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore

/// /api/v1/hpv/*: the work list, a girl's status, doses, consent, AEFI and roster upload.
extension ClinicAPI {
    var hpvRoutes: [APIRoute] {
        [
            APIRoute(method: .get, path: "/api/v1/hpv/due", handler: authed { c, r, _ in try self.due(c, r) }),
            APIRoute(method: .get, path: "/api/v1/hpv/girls/{id}", handler: authed { c, r, p in try self.status(c, r, p) }),
            APIRoute(method: .post, path: "/api/v1/hpv/doses", handler: authed { c, r, _ in try await self.dose(c, r) }),
            APIRoute(method: .post, path: "/api/v1/hpv/consent", handler: authed { c, r, _ in try await self.consent(c, r) }),
            APIRoute(method: .post, path: "/api/v1/hpv/aefi", handler: authed { c, r, _ in try await self.aefi(c, r) }),
            APIRoute(method: .post, path: "/api/v1/hpv/roster", handler: authed { c, r, _ in try await self.roster(c, r) }),
        ]
    }

    func asOf(_ request: Request) throws -> CalendarDate { try services.asOf(request) }

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

    /// `hpv status --format json`; 404 when she is not on the register of the caller's area.
    func status(_ caller: Caller, _ request: Request, _ parameters: Parameters) throws -> Response {
        try caller.require(.readHPV)
        guard let id = parameters.get("id"), let girl = try services.girl(id, for: caller.user) else { throw ClinicError.notFound }
        return try Reply.json(StatusOutput(girl: girl, programme: services.programme, asOf: asOf(request), showPII: false))
    }

    struct DoseBody: Decodable {
        let id: String
        let date: String
        let product: String
        let lot: String
        let expiry: String
        var site: String?
        var clinic: String?
        var vaccinator: String?
        var historical: Bool?
    }

    /// `hpv dose`: 201 with the evaluated dose.
    func dose(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.recordDose)
        let b = try await request.decodeJSON(DoseBody.self)
        let result = try services.recordDose(
            caller, id: b.id, date: b.date, product: b.product, lot: b.lot, expiry: b.expiry, site: b.site ?? "",
            clinic: b.clinic ?? "", vaccinator: b.vaccinator ?? "", historical: b.historical ?? false)
        return try Reply.json(result, status: .created)
    }

    struct ConsentBody: Decodable {
        let id: String
        let decision: String
        var reason: String?
    }

    struct ConsentOutput: Encodable {
        let idMasked: String
        let consent: String
        let refusalReason: String
        enum CodingKeys: String, CodingKey {
            case consent
            case idMasked = "id_masked"
            case refusalReason = "refusal_reason"
        }
    }

    /// `hpv consent`: a family's consent or refusal at the clinic.
    func consent(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.recordConsent)
        let b = try await request.decodeJSON(ConsentBody.self)
        guard let consent: Consent = b.decision == "given" ? .given : b.decision == "declined" ? .declined : nil else {
            throw ClinicError(.unprocessableContent, code: "bad_value", message: "decision is \"given\" or \"declined\"")
        }
        let girl = try services.girlOrNotFound(b.id, for: caller.user)
        let rid = try services.residentID(girl.residentID)
        let programme = services.programme.id
        let audit = services.audit(caller.user)
        let e = try services.database.write { db in
            try ConsentRecords.record(db, residentID: rid, programme: programme, consent: consent, reason: b.reason ?? "", audit: audit)
        }
        return try Reply.json(ConsentOutput(idMasked: rid.masked, consent: e.consent.rawValue, refusalReason: e.refusalReason))
    }

    struct AEFIBody: Decodable {
        let id: String
        let doseDate: String
        let onset: String
        let symptoms: [String]
        var serious: Bool?
        var outcome: String?
        let reporter: String
        enum CodingKeys: String, CodingKey {
            case id, onset, symptoms, serious, outcome, reporter
            case doseDate = "dose_date"
        }
    }

    /// `hpv aefi add`: 201 with the event's uuid.
    func aefi(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.recordAEFI)
        let b = try await request.decodeJSON(AEFIBody.self)
        let uuid = try services.recordAEFI(caller, id: b.id, doseDate: b.doseDate, onset: b.onset, symptoms: b.symptoms,
                                           serious: b.serious ?? false, outcome: b.outcome ?? "unknown", reporter: b.reporter)
        struct Created: Encodable { let uuid: String }
        return try Reply.json(Created(uuid: uuid), status: .created)
    }

    /// `hpv import`: the CSV is the body (`?file_name=` names it in the report, `?dry_run=true` writes nothing).
    func roster(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.uploadRoster)
        let data = try await request.bodyData(limit: BodyLimit.upload)
        let result = try services.importRoster(caller, data: data, fileName: request.query("file_name") ?? "roster.csv",
                                               dryRun: request.query("dry_run") == "true")
        return try Reply.json(result.report)
    }
}
