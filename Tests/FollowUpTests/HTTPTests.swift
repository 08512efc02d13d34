import Accounts
import Curl
import Foundation
import Hummingbird
import Logging
import ScreenVaxCore
import Server
import Store
import Testing
@testable import FollowUp

/// `screenvax serve` with the calls group (`CallsRoutes.registration`) on 127.0.0.1, on a port
/// the system picks; only `voice` clients get in. The registry gets a voice client of 东湖区
/// (`token`) unless told otherwise.
final class CallsServer: Sendable {
    static let token = "calls-token-9c1e-30f2a1b4c6d8e0f21357"
    let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    static let admin = AuditLog(operatorName: "test-admin", timestamp: "2023-10-10T08:00:00+08:00")

    static func addClient(_ database: RegistryDatabase, _ name: String, scope: ClientScope, area: Jurisdiction, token: String) throws {
        try database.write { db in _ = try APIClients.add(db, name: name, scope: scope, area: area, token: token, audit: admin) }
    }

    static func start(database: RegistryDatabase, clock: Clock, clients: Bool = true) async throws -> CallsServer {
        if clients { try addClient(database, "voice-donghu", scope: .voice, area: .county("360102"), token: token) }
        var logger = Logger(label: "calls-test")
        logger.logLevel = .critical
        let environment = ServerEnvironment(configuration: ServerConfiguration(port: 0, logLevel: .critical),
                                            database: database, schemas: schemasURL, clock: clock, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try await RegistryServer.run(environment: environment, routes: [CallsRoutes.registration]) { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else { throw CancellationError() }
        return CallsServer(port: bound, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    var base: String { "http://127.0.0.1:\(port)/api/v1" }
}

@Suite("HTTP for a voice platform that pulls", .serialized)
struct HTTPTests {
    /// 2023-10-10 09:05 China Standard Time.
    static let nineOhFive = Date(timeIntervalSince1970: 1_696_899_900)

    func json(_ r: Curl.HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
    }

    @Test("next hands out the batch once with the real phone; result records it; the same result again changes nothing; no token is 401")
    func pullAndPost() async throws {
        let county = try County()
        #expect(Clock.timestamp(Self.nineOhFive) == "2023-10-10T09:05:00+08:00")
        let lines = try county.plan("2023-10-10T08:00")
        let server = try await CallsServer.start(database: county.registry.database, clock: Clock(now: { HTTPTests.nineOhFive }))
        let curl = try EasyHandle(options: TransferOptions())
        let auth = ["Authorization: Bearer \(CallsServer.token)"]

        #expect(try curl.get(url: server.base + "/calls/next?limit=5", headers: []).status == 401)
        #expect(try curl.get(url: server.base + "/calls/next?limit=5", headers: ["Authorization: Bearer wrong"]).status == 401)
        #expect(try curl.post(url: server.base + "/calls/x/result", headers: [], body: Array("{}".utf8)).status == 401)

        let first = try curl.get(url: server.base + "/calls/next?limit=1", headers: auth)
        #expect(first.status == 200)
        let calls = try #require(try json(first)["calls"] as? [[String: Any]])
        #expect(calls.count == 1)
        #expect(calls[0]["call_id"] as? String == lines[0].callID)
        #expect(calls[0]["phone"] as? String == County.family)
        #expect(calls[0]["script_template"] as? String == "screening_followup")
        #expect(try json(try curl.get(url: server.base + "/calls/next?limit=5", headers: auth))["calls"] as? [Any] != nil)
        #expect(try curl.get(url: server.base + "/calls/next?limit=0", headers: auth).status == 400)

        let id = lines[0].callID
        let body = Array(#"{"outcome":"no_answer","at":"2023-10-10T09:01:00+08:00","result_id":"vendor-77"}"#.utf8)
        let posted = try curl.post(url: server.base + "/calls/\(id)/result", headers: auth + ["Content-Type: application/json"], body: body)
        #expect(posted.status == 200)
        #expect(try json(posted)["status"] as? String == "waiting")
        #expect(try json(posted)["duplicate"] as? Bool == false)
        let again = try curl.post(url: server.base + "/calls/\(id)/result", headers: auth, body: body)
        #expect(again.status == 200)
        #expect(try json(again)["duplicate"] as? Bool == true)
        #expect(try county.registry.count("SELECT COUNT(*) FROM followup_attempts") == 1)
        #expect(try county.registry.count("SELECT attempts FROM screening_recall_cases") == 1)
        #expect(try county.registry.string("SELECT operator FROM followup_attempts") == "voice-platform")

        let unknown = try curl.post(url: server.base + "/calls/nope/result", headers: auth, body: Array(#"{"outcome":"reached"}"#.utf8))
        #expect(unknown.status == 404)
        #expect(((try json(unknown)["error"] as? [String: Any])?["code"] as? String) == "call_not_found")
        let bad = try curl.post(url: server.base + "/calls/\(id)/result", headers: auth, body: Array(#"{"outcome":"hung_up"}"#.utf8))
        #expect(bad.status == 400)
        #expect(try curl.post(url: server.base + "/calls/\(id)/result", headers: auth, body: Array("not json".utf8)).status == 400)
        await server.stop()
    }

    /// A voice client sees only the calls with a reason in its area: 西湖区's gets an empty batch
    /// and 404 on 东湖区's call (it does not exist for it); 南昌市's (the city) gets them.
    @Test("A voice client's batch and results stay inside its area")
    func areas() async throws {
        let county = try County()
        let lines = try county.plan("2023-10-10T08:00")
        let database = county.registry.database
        let xihu = "voice-xihu-token-0123456789abcdef0123"
        let city = "voice-city-token-0123456789abcdef01234"
        try CallsServer.addClient(database, "voice-xihu", scope: .voice, area: .county("360103"), token: xihu)
        try CallsServer.addClient(database, "voice-nanchang", scope: .voice, area: .city("360100"), token: city)
        let server = try await CallsServer.start(database: database, clock: Clock(now: { HTTPTests.nineOhFive }), clients: false)
        let curl = try EasyHandle(options: TransferOptions())

        let none = try curl.get(url: server.base + "/calls/next?limit=50", headers: ["Authorization: Bearer \(xihu)"])
        #expect(none.status == 200)
        #expect(try json(none)["calls"] as? [Any] != nil && (try json(none)["calls"] as? [Any])?.isEmpty == true)
        let body = Array(#"{"outcome":"no_answer"}"#.utf8)
        let outside = try curl.post(url: server.base + "/calls/\(lines[0].callID)/result", headers: ["Authorization: Bearer \(xihu)"], body: body)
        #expect(outside.status == 404)
        #expect(try county.registry.count("SELECT COUNT(*) FROM followup_attempts") == 0)

        let mine = try curl.get(url: server.base + "/calls/next?limit=50", headers: ["Authorization: Bearer \(city)"])
        let ids = Set(try #require(try json(mine)["calls"] as? [[String: Any]]).compactMap { $0["call_id"] as? String })
        #expect(ids.contains(lines[0].callID) && ids.isSubset(of: Set(lines.map(\.callID))))
        #expect(try curl.post(url: server.base + "/calls/\(lines[0].callID)/result", headers: ["Authorization: Bearer \(city)"], body: body).status == 200)
        await server.stop()
    }
}
