import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore

/// /api/v1/hpv/*: registering a girl no roster lists, the county's campaign dates, an adverse
/// event's course and a school's status file.
struct HPVFieldEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .post, path: "/api/v1/hpv/register", handler: authed { c, r, _ in try await self.register(c, r) }),
            HTTPRoute(method: .get, path: "/api/v1/hpv/county-dates", handler: authed { c, _, _ in try self.countyDates(c) }),
            HTTPRoute(method: .put, path: "/api/v1/hpv/county-dates/{county}", handler: authed { c, r, p in try await self.setCountyDates(c, r, p) }),
            HTTPRoute(method: .get, path: "/api/v1/hpv/aefi/{event}", handler: authed { c, _, p in try self.aefiCourse(c, p) }),
            HTTPRoute(method: .post, path: "/api/v1/hpv/aefi/{event}/course", handler: authed { c, r, p in try await self.updateAEFI(c, r, p) }),
            HTTPRoute(method: .get, path: "/api/v1/hpv/roster-status", handler: authed { c, r, _ in try self.rosterStatus(c, r) }),
        ]
    }

    /// `hpv register`: 201 with her registry id and status.
    func register(_ caller: Caller, _ request: Request) async throws -> Response {
        let out = try services.registerGirl(caller, try await request.decodeJSON(RegistrationInput.self))
        return try Reply.json(out, status: .created)
    }

    func countyDates(_ caller: Caller) throws -> Response {
        let lines = try services.countyDates(caller)
        return try Reply.page(lines, total: lines.count)
    }

    struct DatesBody: Decodable {
        let campaignStart: String
        let firstDoseDeadline: String
        enum CodingKeys: String, CodingKey {
            case campaignStart = "campaign_start"
            case firstDoseDeadline = "first_dose_deadline"
        }
    }

    /// `hpv dates set` for one county of the caller's area.
    func setCountyDates(_ caller: Caller, _ request: Request, _ parameters: Parameters) async throws -> Response {
        let b = try await request.decodeJSON(DatesBody.self)
        return try Reply.json(services.setCountyDates(caller, county: parameters.get("county") ?? "", campaignStart: b.campaignStart,
                                                      firstDoseDeadline: b.firstDoseDeadline))
    }

    func aefiCourse(_ caller: Caller, _ parameters: Parameters) throws -> Response {
        try Reply.json(services.aefiCourse(caller, event: parameters.get("event") ?? ""))
    }

    /// `hpv aefi update`: the event's next steps; the answer is its course now.
    func updateAEFI(_ caller: Caller, _ request: Request, _ parameters: Parameters) async throws -> Response {
        var update = try await request.decodeJSON(AEFIUpdate.self)
        update.event = parameters.get("event") ?? ""
        return try Reply.json(services.updateAEFI(caller, update))
    }

    /// `hpv roster-status` as a download: `school` (and `county`), `format` csv (default) or xlsx.
    func rosterStatus(_ caller: Caller, _ request: Request) throws -> Response {
        let format = request.query("format") ?? "csv"
        guard format == "csv" || format == "xlsx" else {
            throw HTTPFailure(.badRequest, code: "bad_parameter", message: "format is csv or xlsx")
        }
        let file = try services.rosterStatus(caller, school: request.query("school") ?? "", county: request.query("county"), xlsx: format == "xlsx")
        var r = format == "xlsx" ? Reply.xlsx(file.data, fileName: file.fileName) : Reply.csv(file.data, fileName: file.fileName)
        r.headers[.cacheControl] = "no-store"
        return r
    }
}
