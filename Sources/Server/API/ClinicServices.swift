import Accounts
import FollowUp
import Foundation
import HPV
import ScreenVaxCore
import Screening
import Store

/// What the JSON API and the web pages share: the database, the programme, the divisions,
/// the accounts and the clock. Built once when the server starts.
public struct ClinicServices: Sendable {
    public let database: RegistryDatabase
    public let schemas: URL
    public let programme: HPVProgramme
    /// The screening programme and its plan, read and checked once when the server starts.
    public let screening: ScreeningProgramme
    public let screeningPlan: ScreeningPlan
    public let divisions: Divisions
    public let authenticator: Authenticator
    public let clock: Clock
    /// Session cookies carry `Secure` unless the server is told it runs on plain HTTP for development.
    public let secureCookies: Bool
    /// The follow-up call queue (the FollowUp room), for the call list and its outcomes.
    public let calls: CallsService
    let dueCache = RegisterListCache<WorkItem>()
    let girlCache = RegisterListCache<ListedGirl>()
    /// Uploads being read and the errors files of roster imports, in a private folder beside the database.
    let uploads: UploadFolder

    /// - Parameter programmes: the server's, read once at start; nil reads them from `schemas`.
    public init(database: RegistryDatabase, schemas: URL, programmes: Programmes? = nil, authenticator: Authenticator? = nil,
                clock: Clock = .system, secureCookies: Bool = true) throws {
        let programmes = try programmes ?? Programmes.load(schemas: schemas)
        self.database = database
        self.schemas = schemas
        self.programme = programmes.hpv
        self.divisions = programmes.divisions
        self.screening = programmes.screening
        self.screeningPlan = programmes.screeningPlan
        self.authenticator = authenticator ?? Authenticator(database: database, clock: clock)
        self.clock = clock
        self.secureCookies = secureCookies
        self.calls = CallsService(database: database, policy: programmes.calls, hpv: programmes.hpv, screening: programmes.screening,
                                  divisions: programmes.divisions, clock: clock)
        self.uploads = try UploadFolder(path: database.path + "-uploads", clock: clock)
    }

    public var today: CalendarDate { clock.today() }

    /// The audit log entry of one request, in the user's name.
    public func audit(_ user: User) -> AuditLog {
        AuditLog(operatorName: user.username, timestamp: clock.timestamp())
    }

    /// The register filter that keeps a user's lists inside their area.
    public func filter(_ area: Jurisdiction) -> Register.Filter {
        Register.Filter(countyCode: area.countyCode, cityCode: area.cityCode)
    }

    /// The area as users read it: 江西省, 南昌市, 南昌市东湖区.
    public func areaName(_ area: Jurisdiction) -> String {
        switch area {
        case .province: "江西省"
        case .city(let c): divisions.cityName(code: c) ?? c
        case .county(let c): divisions.county(code: c).map { $0.cityName + $0.name } ?? c
        }
    }
}
