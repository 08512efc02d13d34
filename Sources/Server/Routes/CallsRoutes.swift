import FollowUp
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScreenVaxCore

/// The call queue for a voice platform that pulls: `GET calls/next?limit=N` hands out the next
/// batch (marked dispatched), `POST calls/{id}/result` records one attempt's outcome. Only `voice`
/// clients get in, and each sees only the calls with a reason in its area (any other call is 404);
/// the same result posted twice changes nothing.
///
/// Requests and responses carry the real phone number (the platform dials it); nothing here
/// logs a phone or a name.
public enum CallsRoutes {
    /// The call queue's group for `screenvax serve`: `/api/v1/calls/...` for `voice` clients.
    public static let registration = RouteRegistration(name: "calls") { router, environment in
        let p = environment.programmes
        let service = CallsService(database: environment.database, policy: p.calls, hpv: p.hpv, screening: p.screening,
                                   divisions: p.divisions, clock: environment.clock)
        register(on: router.group("api/v1").add(middleware: environment.bearer(.voice)).add(middleware: FailureMiddleware(dialect: .platform)),
                 service: service)
    }

    /// The client's area as the call queue limits it; a request without a client has none (nothing is found).
    static func area(_ context: AppRequestContext) -> CallArea {
        guard let area = context.principal?.area else { return CallArea(AreaScope(countyCode: "", cityCode: nil)) }
        return CallArea(area.scope)
    }

    public static func register(on group: RouterGroup<AppRequestContext>, service: CallsService) {
        group.get("calls/next") { request, context -> Response in
            let limit = try QueryValue.integer(request, "limit", in: Paging.limits, default: 20)
            let calls = try service.next(limit: limit, area: area(context))
            return JSONAnswer.ok("{\"calls\":[" + calls.map { $0.json(service.policy) }.joined(separator: ",") + "]}")
        }
        group.post("calls/:id/result") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let buffer = try await request.body.collect(upTo: 1 << 16)
            guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
                throw HTTPFailure(.badRequest, code: "bad_json", message: "the body is a JSON object with outcome, and optionally at, result_id and note")
            }
            guard let raw = object["outcome"] as? String, let outcome = CallOutcome(rawValue: raw) else {
                throw FollowUpError.badOutcome(object["outcome"] as? String ?? "")
            }
            var at: CallTime?
            if let text = object["at"] as? String {
                guard let t = CallTime(text) else { throw FollowUpError.badTime(text, field: "at") }
                at = t
            }
            let r = try service.result(callID: id, outcome: outcome, at: at, resultKey: object["result_id"] as? String,
                                       note: object["note"] as? String ?? "", area: area(context))
            return JSONAnswer.ok(r.json)
        }
    }
}
