import Accounts
import Curl
import Foundation
import HPV
import Logging
import ScreenVaxCore
import ScreenVaxTestSupport
import Server
import Store

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

/// A valid resident ID born on `birth` in `region` (an even sequence: a girl).
func residentID(_ birth: String, region: String = "360102", sequence: Int = 2) -> String {
    TestIDs.residentID(born: birth, region: region, sequence: sequence)
}

/// 10:00 China Standard Time on 2024-04-15: the server's "today" in these tests.
let testNow = Date(timeIntervalSince1970: 1_713_146_400)
let today = "2024-04-15"

enum People {
    static let wang = residentID("2011-05-10")                                  // 东湖区, due
    static let chen = residentID("2011-06-20", sequence: 4)                     // 东湖区, due
    static let li = residentID("2010-08-31", region: "360702", sequence: 4)     // 章贡区 (赣州市), due
    static let roster = """
        序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种
        1,东湖区,王小红,2011-05-10,\(wang),东湖区第一中学,初一(1)班,王伟,13812345678,无,是
        2,东湖区,陈静,2011-06-20,\(chen),东湖区第一中学,初一(2)班,陈刚,13912345678,无,是
        3,360702,李梅,2010/8/31,\(li),章贡区第三中学,初一(2)班,李强,13712345678,无,是

        """
}

/// A registry with three girls and four users, and the clinic server on 127.0.0.1 (a free port).
final class TestClinic: Sendable {
    let folder: URL
    let database: RegistryDatabase
    let services: ClinicServices
    let port: Int
    /// `https` when the server was started with TLS.
    let scheme: String
    private let task: Task<Void, any Error>

    static let password = "pass-word-12"
    /// The voice platform's token (a `voice` API client of 东湖区).
    static let voiceToken = "platform-voice-token-0f1e2d3c4b5a69788796a5b4"

    private init(folder: URL, database: RegistryDatabase, services: ClinicServices, port: Int, scheme: String, task: Task<Void, any Error>) {
        self.folder = folder
        self.database = database
        self.services = services
        self.port = port
        self.scheme = scheme
        self.task = task
    }

    /// - Parameters:
    ///   - busyTimeout: how long the server's writes wait for another process's lock.
    ///   - configure: changes to the server's configuration (limits, TLS, proxies).
    ///   - extra: route groups mounted after the clinic's.
    static func start(policy: LoginPolicy = .standard, busyTimeout: Double = 10,
                      configure: (inout ServerConfiguration) throws -> Void = { _ in },
                      extra: [RouteRegistration] = []) async throws -> TestClinic {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try RegistryDatabase(path: folder.appendingPathComponent("registry.sqlite").path, schemas: schemasURL,
                                            busyTimeout: busyTimeout)
        let clock = Clock(now: { testNow })
        let auth = Authenticator(database: database, policy: policy, clock: clock, bcryptCost: 4)
        let services = try ClinicServices(database: database, schemas: schemasURL, authenticator: auth, clock: clock)
        let audit = AuditLog(operatorName: "setup", timestamp: "2024-04-15T09:00:00+08:00")
        for (name, role, area) in [("liu", Role.vaccinator, Jurisdiction.county("360102")), ("gan", .vaccinator, .county("360702")),
                                   ("zhou", .officer, .city("360100")), ("root", .admin, .province),
                                   ("fang", .followup, .county("360102")), ("ganzhou", .officer, .city("360700")),
                                   ("wu", .screening, .county("360102")), ("wugz", .screening, .county("360702"))] {
            _ = try auth.addUser(username: name, password: password, role: role, area: area, audit: audit)
        }
        try database.write { db in
            _ = try APIClients.add(db, name: "platform", scope: .voice, area: .county("360102"), token: voiceToken, audit: audit)
        }
        let rosterPath = folder.appendingPathComponent("roster.csv").path
        try Data(People.roster.utf8).write(to: URL(fileURLWithPath: rosterPath))
        let importer = RosterImport(programme: services.programme, divisions: services.divisions,
                                    today: CalendarDate(iso: today)!, audit: audit)
        let result = try importer.run(path: rosterPath, database: database, dryRun: false)
        precondition(result.report.imported == 3, "\(result.report)")
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, logLevel: .critical)
        try configure(&configuration)
        let environment = try ServerEnvironment(configuration: configuration, database: database, schemas: schemasURL, clock: clock,
                                            logger: Logger(label: "webtests"))
        // The route groups `screenvax serve` mounts, with this test's authenticator.
        let routes = try RegistryServer.routes(environment, ai: nil, authenticator: { _ in auth }) + extra
        let task = Task {
            try await RegistryServer.run(environment: environment, routes: routes) { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
        return TestClinic(folder: folder, database: database, services: services, port: port,
                          scheme: configuration.tls == nil ? "http" : "https", task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        try? FileManager.default.removeItem(at: folder)
    }

    var base: String { "\(scheme)://127.0.0.1:\(port)" }

    /// One HTTP exchange through our libcurl wrapper, off the cooperative pool (it blocks).
    func call(_ method: String, _ path: String, headers: [String] = [], body: String = "", caFile: String? = nil) async throws -> HTTPResponse {
        try await call(method, path, headers: headers, bytes: Array(body.utf8), caFile: caFile)
    }

    func call(_ method: String, _ path: String, headers: [String] = [], bytes: [UInt8], caFile: String? = nil) async throws -> HTTPResponse {
        let url = base + path
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let handle = try EasyHandle(options: TransferOptions(connectTimeout: 5, totalTimeout: 30, caFile: caFile))
                    continuation.resume(returning: try handle.request(method: method, url: url, headers: headers, body: bytes))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    func json(_ method: String, _ path: String, token: String? = nil, body: String = "") async throws -> HTTPResponse {
        var headers = ["Content-Type: application/json"]
        if let token { headers.append("Authorization: Bearer \(token)") }
        return try await call(method, path, headers: headers, body: body)
    }

    func token(_ username: String) async throws -> String {
        let r = try await json("POST", "/api/v1/session", body: #"{"username":"\#(username)","password":"\#(TestClinic.password)"}"#)
        let object = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any]
        guard r.status == 200, let token = object?["token"] as? String else { throw TestFailure("login \(username): \(r.status) \(r.bodyText)") }
        return token
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

extension HTTPResponse {
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body)) }
    /// `name=value` of a Set-Cookie header for `name`.
    func cookie(_ name: String) -> (value: String, attributes: String)? {
        for h in headers where h.name.lowercased() == "set-cookie" && h.value.hasPrefix(name + "=") {
            let first = h.value.split(separator: ";", maxSplits: 1)
            return (String(first[0].dropFirst(name.count + 1)), first.count > 1 ? String(first[1]) : "")
        }
        return nil
    }
}
