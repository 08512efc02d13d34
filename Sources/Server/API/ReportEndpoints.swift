import Accounts
import Foundation
import HPV
import Hummingbird
import ScreenVaxCore
import Store

/// /api/v1/reports/*: read-only figures for officers.
struct ReportEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [
            HTTPRoute(method: .get, path: "/api/v1/reports/hpv", handler: authed { c, r, _ in try self.hpvReport(c, r) }),
            HTTPRoute(method: .get, path: "/api/v1/reports/screening", handler: authed { c, r, _ in try self.screeningReport(c, r) }),
        ]
    }

    /// `report screening --format json` for `from`...`to`, limited to the caller's area.
    func screeningReport(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.readReports)
        return try Reply.json(services.screeningReport(area: caller.user.area, from: services.queryDate(request, "from"),
                                                       to: services.queryDate(request, "to")))
    }

    /// `report hpv --format json`, limited to the lines of the caller's area; `totals` are her area's.
    func hpvReport(_ caller: Caller, _ request: Request) throws -> Response {
        try caller.require(.readReports)
        return try Reply.json(services.coverage(area: caller.user.area, asOf: asOf(request)))
    }
}

extension ClinicServices {
    /// The coverage report; a city or county user sees the lines of her area, with totals over them.
    public func coverage(area: Jurisdiction, asOf: CalendarDate) throws -> CoverageReport {
        try CoverageReport.load(database: database, programme: programme, divisions: divisions, schemas: schemas, asOf: asOf)
            .limited(to: area.scope, divisions: divisions)
    }
}

/// /api/v1/sync/status: `sync status --format json`.
struct SyncEndpoints: APIController {
    let services: ClinicServices

    var routes: [HTTPRoute] {
        [HTTPRoute(method: .get, path: "/api/v1/sync/status", handler: authed { c, _, _ in
            try c.require(.readSync)
            return try Reply.json(self.services.database.outboxStatus())
        })]
    }
}
