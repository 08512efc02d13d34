import Accounts
import Foundation
import Hummingbird
import ScreenVaxCore
import Screening

/// /api/v1/screening/*: pregnancies and newborns registered at the clinic, results, the due list.
struct ScreeningEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .post, path: "/api/v1/screening/pregnancies", handler: authed { c, r, _ in try await self.registerPregnancy(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/screening/pregnancies/{id}/close", handler: authed { c, r, p in try await self.closePregnancy(c, r, p) }),
            HTTPRoute(method: .post, path: "/api/v1/screening/newborns", handler: authed { c, r, _ in try await self.registerNewborn(c, r) }),
            HTTPRoute(method: .post, path: "/api/v1/screening/results", handler: authed { c, r, _ in try await self.screeningResult(c, r) }),
            HTTPRoute(method: .get, path: "/api/v1/screening/due", handler: authed { c, r, _ in try self.screeningDue(c, r) }),
        ]
    }

    struct PregnancyBody: Decodable {
        let id: String
        let name: String
        let phone: String
        let county: String
        var lmp: String?
        var edd: String?
    }

    /// `screening pregnancy add --format json`: 201, or 200 with `"existing": true` when the woman's
    /// open pregnancy was already registered in the caller's area (nothing new is written); 409
    /// `registered_elsewhere` when it was registered outside it.
    func registerPregnancy(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.registerScreening)
        let b = try await request.decodeJSON(PregnancyBody.self)
        let result = try services.registerPregnancy(caller, id: b.id, name: b.name, phone: b.phone, county: b.county, lmp: b.lmp, edd: b.edd)
        // Registered before by a county outside the caller's area: say where, but not the record's id
        // (the caller may not open it); the two counties settle a transfer between them.
        if result.existing, try services.pregnancy(result.pregnancy.uuid, for: caller.user) == nil {
            let p = result.pregnancy
            let place = services.divisions.county(code: p.countyCode).map { $0.cityName + $0.name } ?? p.countyCode
            throw HTTPFailure(.conflict, code: "registered_elsewhere",
                              message: "her open pregnancy was registered by \(place) (\(p.countyCode)), outside your area; "
                                  + "nothing was written: ask that county to transfer her record")
        }
        let programme = services.screening
        return Reply.jsonText(result.json(programme: programme), status: result.existing ? .ok : .created)
    }

    struct CloseBody: Decodable {
        let outcome: String
        let date: String
    }

    /// `screening pregnancy close --format json`.
    func closePregnancy(_ caller: Caller, _ request: Request, _ parameters: Parameters) async throws -> Response {
        try caller.require(.registerScreening)
        let b = try await request.decodeJSON(CloseBody.self)
        let p = try services.closePregnancy(caller, uuid: PregnancyID(parameters.get("id") ?? ""), outcome: b.outcome, date: b.date)
        return Reply.jsonText(p.closedJSON, status: .ok)
    }

    struct NewbornBody: Decodable {
        let pregnancy: String
        let born: String
        let sex: String
        let order: Int
        var id: String?
        var weeks: Int?
        var weightG: Int?
        var facility: String?
        var name: String?
        enum CodingKeys: String, CodingKey {
            case pregnancy, born, sex, order, id, weeks, facility, name
            case weightG = "weight_g"
        }
    }

    /// `screening newborn add --format json`: 201 with the newborn's id.
    func registerNewborn(_ caller: Caller, _ request: Request) async throws -> Response {
        try caller.require(.registerScreening)
        let b = try await request.decodeJSON(NewbornBody.self)
        let n = try services.registerNewborn(caller, pregnancy: PregnancyID(b.pregnancy), born: b.born, sex: b.sex, order: b.order, id: b.id,
                                             weeks: b.weeks, weightG: b.weightG, facility: b.facility ?? "", name: b.name)
        return Reply.jsonText(n.addedJSON, status: .created)
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

    /// `screening due --format json` for the caller's area (IDs and phones masked); `limit` (default 50) and `offset`.
    func screeningDue(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.readScreening)
        let paging = try Paging.api(request)
        let all = try services.screeningDue(area: caller.user.area, asOf: asOf(request))
        return try Reply.page(paging.slice(all), total: all.count)
    }
}
