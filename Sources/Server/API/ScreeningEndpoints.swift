import Accounts
import Foundation
import Hummingbird
import Screening
import ScreenVaxCore

/// /api/v1/screening/*: results entered at the clinic.
extension ClinicAPI {
    var screeningRoutes: [APIRoute] {
        [APIRoute(method: .post, path: "/api/v1/screening/results", handler: authed { c, r, _ in try await self.screeningResult(c, r) })]
    }

    struct ResultBody: Decodable {
        var pregnancy: String?
        var newborn: String?
        let service: String
        let date: String
        var values: [String: String]?
        var institution: String?
    }

    /// `screening result --format json`: 201 with the outcome, flags and any recall case it opened.
    func screeningResult(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.recordResult)
        let b = try await request.decodeJSON(ResultBody.self)
        let values = (b.values ?? [:]).sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        let result = try services.recordScreeningResult(caller, pregnancy: b.pregnancy, newborn: b.newborn, service: b.service, date: b.date,
                                                        values: values, institution: b.institution ?? "")
        return try Reply.json(result, status: .created)
    }
}
