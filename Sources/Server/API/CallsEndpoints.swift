import FollowUp
import Foundation
import Hummingbird

/// /api/v1/calls for a logged-in follow-up user: the day's calls of their area and staff attempts.
/// The voice platform's routes (`calls/next`, `calls/{id}/result`, service token) live in
/// Server/Routes/CallsRoutes.swift; these paths differ from them in their last segment.
struct CallsEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .get, path: "/api/v1/calls", handler: authed { c, r, _ in try self.calls(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/calls/{id}/attempts", handler: authed { c, r, p in try await self.callAttempt(c, r, p) }),
        ]
    }

    /// `calls list --day D --format json` for the caller's area (`as_of`, default today), numbers masked;
    /// `limit` (default 50) and `offset`.
    func calls(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.workCalls)
        let paging = try Paging.api(request)
        let entries = try services.callList(caller, day: asOf(request))
        return Reply.page(json: CallListEntry.jsonArray(paging.slice(entries), showPII: false), total: entries.count)
    }

    struct AttemptBody: Decodable {
        let outcome: String
        var at: String?
        var note: String?
    }

    /// `calls attempt`: 201 with `calls attempt --format json`.
    func callAttempt(_ caller: Caller, _ request: Request, _ parameters: Parameters) async throws -> Response {
        try caller.require(.workCalls)
        let b = try await request.decodeJSON(AttemptBody.self)
        let r = try services.recordCallAttempt(caller, callID: parameters.get("id") ?? "", outcome: b.outcome, at: b.at, note: b.note ?? "")
        return Reply.bytes(Data((r.json + "\n").utf8), contentType: "application/json; charset=utf-8", status: .created)
    }
}
