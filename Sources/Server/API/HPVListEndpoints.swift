import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// The HPV register and its adverse events inside the caller's area (`hpv list`, `hpv aefi list`).
extension ClinicServices {
    /// One line of the register's listing and the girl's person uuid (her page's address).
    public struct ListedGirl: Sendable {
        public let personUUID: PersonUUID
        public let line: ListLine
    }

    public struct GirlsPage: Sendable {
        public let lines: [ListedGirl]
        public let total: Int
    }

    /// `hpv list` for the caller's area, by school, class and name; `school` and `status` filter it.
    /// The area's whole listing is kept and brought up to date girl by girl (RegisterListCache), so
    /// the filters and pages are slices of it.
    public func girlList(area: Jurisdiction, asOf: CalendarDate, school: String?, status: String?, offset: Int = 0,
                         limit: Int? = nil) throws -> GirlsPage {
        if let status, HPVStatus(rawValue: status) == nil {
            throw HTTPFailure(.badRequest, code: "bad_value",
                              message: "status \"\(HPVError.clip(status))\" is not one of \(HPVStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (programme, filter, database) = (self.programme, self.filter(area), self.database)
        let listing = try girlCache.list(
            area: area.code, asOf: asOf, filter: filter, programme: programme.id, database: database,
            build: { girls in
                RegisterListing.lines(girls, programme: programme, asOf: asOf, status: nil, showPII: false)
                    .map { ListedGirl(personUUID: $0.girl.personUUID, line: $0.line) }
            },
            refresh: { items, changed in
                ListRefresh.apply(&items, changed: changed, personUUID: \.personUUID,
                                  line: { ListedGirl(personUUID: $0.personUUID, line: RegisterListing.line($0, programme: programme, asOf: asOf, showPII: false)) },
                                  precedes: { RegisterListing.precedes($0.line, $1.line) })
            })
        let all = listing.filter { (school == nil || $0.line.school == school) && (status == nil || $0.line.status == status) }
        return GirlsPage(lines: ClinicServices.page(all, offset: offset, limit: limit), total: all.count)
    }

    /// The schools of the caller's area (for the list's filter).
    public func schools(area: Jurisdiction) throws -> [String] {
        let (filter, programme) = (self.filter(area), self.programme.id)
        return try database.read { db in try Register.schools(db, programme: programme, filter: filter) }
    }

    /// `hpv aefi list` for the caller's area: `serious` keeps serious events, `lot` one lot's.
    public func aefiList(area: Jurisdiction, seriousOnly: Bool, lot: String?) throws -> [AEFIRecord] {
        let programme = self.programme.id
        let events = try database.read { db in try AEFIRecords.list(db, seriousOnly: seriousOnly, lot: lot, programme: programme) }
        return events.filter { e in e.countyCode.map { contains(area, county: $0) } ?? (area == .province) }
    }
}

struct HPVListEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .get, path: "/api/v1/hpv/girls", handler: authed { c, r, _ in try self.girls(c, r) }),
            HTTPRoute(method: .get, path: "/api/v1/hpv/aefi", handler: authed { c, r, _ in try self.aefiList(c, r) }),
        ]
    }

    /// `hpv list --format json` for the caller's area; `school`, `status`, `limit` (default 50) and `offset`.
    func girls(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.readHPV)
        let paging = try Paging.api(request)
        let page = try services.girlList(area: caller.user.area, asOf: asOf(request), school: request.query("school"),
                                         status: request.query("status"), offset: paging.offset, limit: paging.limit)
        return try Reply.page(page.lines.map(\.line), total: page.total)
    }

    /// `hpv aefi list --format json` for the caller's area; `serious=true`, `lot`, `limit` (default 50) and `offset`.
    func aefiList(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.readHPV)
        let paging = try Paging.api(request)
        let events = try services.aefiList(area: caller.user.area, seriousOnly: request.query("serious") == "true", lot: request.query("lot"))
        return try Reply.page(paging.slice(events).map { AEFILine($0, showPII: false) }, total: events.count)
    }
}
