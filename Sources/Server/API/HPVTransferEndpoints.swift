import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore

/// /api/v1/hpv/transfers: moving a girl's enrolment between counties. The receiving county asks,
/// the county that holds her (or a city or province user over both) confirms or declines.
struct HPVTransferEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .post, path: "/api/v1/hpv/transfers", handler: authed { c, r, _ in try await self.requestTransfer(c, r) }),
            HTTPRoute(method: .get, path: "/api/v1/hpv/transfers", handler: authed { c, _, _ in try self.transfers(c) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/transfers/{id}/confirm", handler: authed { c, _, p in try self.confirmTransfer(c, p) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/transfers/{id}/decline", handler: authed { c, r, p in try await self.declineTransfer(c, r, p) }),
        ]
    }

    struct TransferBody: Decodable {
        let residentID: String
        let name: String
        var toCounty: String?
        var school: String?
        var className: String?
        var guardianName: String?
        var guardianPhone: String?
        enum CodingKeys: String, CodingKey {
            case name, school
            case residentID = "resident_id", toCounty = "to_county", className = "class"
            case guardianName = "guardian_name", guardianPhone = "guardian_phone"
        }
    }

    /// `hpv transfer request`: 201 with the pending transfer.
    func requestTransfer(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.uploadRoster)
        let b = try await request.decodeJSON(TransferBody.self)
        let line = try Transfers.request(services.database, context: services.hpvContext(caller.user), input: TransferInput(
            residentID: b.residentID, name: b.name, toCounty: b.toCounty ?? "", school: b.school, className: b.className,
            guardianName: b.guardianName, guardianPhone: b.guardianPhone))
        return try Reply.json(line, status: .created)
    }

    /// `hpv transfer list`: the open transfers of the caller's area, `incoming` (hers to decide) and `outgoing`.
    func transfers(_ caller: Caller) throws -> Response {
        try caller.require(.readHPV)
        return try Reply.json(Transfers.list(services.database, context: services.hpvContext(caller.user)))
    }

    func confirmTransfer(_ caller: Caller, _ parameters: Parameters) throws -> Response {
        try caller.require(.uploadRoster)
        return try Reply.json(Transfers.confirm(services.database, context: services.hpvContext(caller.user),
                                                transferID: parameters.get("id") ?? ""))
    }

    struct DeclineBody: Decodable { var reason: String? }

    func declineTransfer(_ caller: Caller, _ request: Request, _ parameters: Parameters) async throws -> Response {
        try caller.require(.uploadRoster)
        // The body is optional: `{"reason": "…"}` or nothing.
        let data = try await request.bodyData(limit: 64 << 10)
        var reason = ""
        if !data.isEmpty {
            guard let b = try? JSONDecoder().decode(DeclineBody.self, from: data) else {
                throw HTTPFailure(.badRequest, code: "bad_json", message: "the body is {\"reason\": \"…\"} or empty")
            }
            reason = b.reason ?? ""
        }
        return try Reply.json(Transfers.decline(services.database, context: services.hpvContext(caller.user),
                                                transferID: parameters.get("id") ?? "", reason: reason))
    }
}
