import Accounts
import Assist
import Curl
import Foundation
import HPV
import Hummingbird
import Logging
import NIOCore
import ScreenVaxCore
import ScreenVaxTestSupport
import Screening
import Server
import Store

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

func residentID(_ born: String, region: String = "360102", sequence: String = "002") -> String {
    TestIDs.residentID(born: born, region: region, sequenceDigits: sequence)
}

/// A registry with one woman (an open recall case after a positive NT on 2023-03-20) and a
/// clock pinned to 2023-03-24, the day after the case's contact deadline.
struct ServerRegistry {
    static let mother = residentID("1990-01-01")
    static let motherName = "陈静怡"
    static let motherPhone = "13955554444"
    static let clock = Clock(now: { ISO8601DateFormatter().date(from: "2023-03-24T02:00:00Z")! })

    let database: RegistryDatabase
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try RegistryDatabase(path: folder.appendingPathComponent("registry.sqlite").path, schemas: schemasURL)
        let programme = try ScreeningProgramme.load(schemas: schemasURL)
        let context = ScreeningContext(programme: programme, divisions: try Divisions.load(schemas: schemasURL), today: day("2023-03-20"),
                                       audit: AuditLog(operatorName: "test", timestamp: "2023-03-20T09:00:00+08:00"))
        try database.write { db in
            let p = try PregnancyRegistration.register(db, context: context, residentID: ServerRegistry.mother, name: ServerRegistry.motherName,
                                                       phone: ServerRegistry.motherPhone, county: "360102", dating: .lmp(day("2023-01-01"))).pregnancy
            let subject = try ResultRecording.subject(db, pregnancyUUID: p.uuid, newbornUUID: nil)
            _ = try ResultRecording.record(db, context: context, subject: subject,
                                           input: ResultInput(service: "nt", performed: ClinicalTime("2023-03-20")!, values: [("nt_mm", "4.0")]))
        }
    }
}

/// The registry server on 127.0.0.1, on a port the system picks, with the CDS Hooks routes. The
/// registry gets a `cds` client of the whole province whose bearer token is `token`.
final class TestServer: Sendable {
    static let token = "server-test-token-9c2e-4f0a1b2c3d4e5f60"
    static let publicURL = "https://registry.example"
    let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    static func start(registry: ServerRegistry, ai: AIConfiguration? = nil, extra: [RouteRegistration] = []) async throws -> TestServer {
        try registry.addClient("his-province", scope: .cds, area: .province, token: token)
        let logger = Logger(label: "server-test")
        let environment = try ServerEnvironment(configuration: ServerConfiguration(port: 0, logLevel: .critical, publicURL: publicURL),
                                            database: registry.database, schemas: schemasURL, clock: ServerRegistry.clock, logger: logger)
        let routes = try RegistryServer.routes(environment, ai: ai) + extra
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await RegistryServer.run(environment: environment, routes: routes) { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else { throw CancellationError() }
        return TestServer(port: bound, task: task)
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

extension ServerRegistry {
    static let admin = AuditLog(operatorName: "test-admin", timestamp: "2023-03-20T09:00:00+08:00")

    /// Adds an API client with a bearer token (once: a second call with the same name does nothing).
    func addClient(_ name: String, scope: ClientScope, area: Jurisdiction, token: String) throws {
        try database.write { db in
            guard try APIClients.all(db).allSatisfy({ $0.name != name }) else { return }
            _ = try APIClients.add(db, name: name, scope: scope, area: area, token: token, audit: ServerRegistry.admin)
        }
    }

    /// Adds a `cds` client that signs JWTs with the keys of `jwks`.
    func addJWTClient(_ name: String, area: Jurisdiction, issuer: String, jwks: Data) throws {
        try database.write { db in
            _ = try APIClients.addJWT(db, name: name, area: area, issuer: issuer, jwks: String(decoding: jwks, as: UTF8.self),
                                      audit: ServerRegistry.admin)
        }
    }
}

/// Our libcurl client, on a Dispatch thread so a slow server never blocks the test's executor.
enum HTTP {
    static func get(_ url: String, token: String? = TestServer.token, headers: [String] = []) async throws -> Curl.HTTPResponse {
        try await perform { try $0.get(url: url, headers: headers + auth(token)) }
    }

    static func post(_ url: String, json: String, token: String? = TestServer.token, headers: [String] = []) async throws -> Curl.HTTPResponse {
        try await perform {
            try $0.post(url: url, headers: ["Content-Type: application/json"] + headers + auth(token), body: Array(json.utf8))
        }
    }

    static func auth(_ token: String?) -> [String] { token.map { ["Authorization: Bearer \($0)"] } ?? [] }

    static func perform(_ body: @escaping @Sendable (EasyHandle) throws -> Curl.HTTPResponse) async throws -> Curl.HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let handle = try EasyHandle(options: TransferOptions(connectTimeout: 5, totalTimeout: 30))
                    return try body(handle)
                })
            }
        }
    }

    static func json(_ response: Curl.HTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as! [String: Any]
    }
}

/// A stand-in external AI service: answers well, hangs, fails or talks nonsense, and keeps every
/// request body it received so a test can look for personal data in them.
final class AIStub: Sendable {
    enum Mode: String, Sendable { case good, hang, error500, garbage, wrongShape }

    let port: Int
    let received: ReceivedBodies
    private let task: Task<Void, any Error>
    private let stopped: StopFlag

    private init(port: Int, received: ReceivedBodies, task: Task<Void, any Error>, stopped: StopFlag) {
        self.port = port
        self.received = received
        self.task = task
        self.stopped = stopped
    }

    /// Set when the stub stops: a hanging answer is let go then (or after 10 s, whichever is first).
    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var set = false
        var isSet: Bool { lock.withLock { set } }
        func raise() { lock.withLock { set = true } }
    }

    static let goodAnswer = #"{"model":"stub-llm-0.1","advice":[{"summary":"Check the recall contact","indicator":"warning","basis":"recall overdue"}]}"#

    static func start(_ mode: Mode) async throws -> AIStub {
        let received = ReceivedBodies()
        let stopped = StopFlag()
        let router = Router()
        router.post("advice") { request, _ -> Response in
            var buffer = try await request.body.collect(upTo: 1 << 20)
            received.append(buffer.readString(length: buffer.readableBytes) ?? "", authorization: request.headers[.authorization])
            switch mode {
            case .good: return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: goodAnswer)))
            case .hang:
                _ = await Poll.until(seconds: 10, every: .milliseconds(50)) { stopped.isSet }
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: goodAnswer)))
            case .error500: return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "{\"error\":\"down\"}")))
            case .garbage: return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "<html>\u{0}\u{7f}not json")))
            case .wrongShape: return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"cards":[{"summary":"x"}]}"#)))
            }
        }
        var logger = Logger(label: "ai-stub")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else { throw CancellationError() }
        return AIStub(port: bound, received: received, task: task, stopped: stopped)
    }

    func configuration(timeoutMs: Int = 2000) throws -> AIConfiguration {
        try AIConfiguration(url: "http://127.0.0.1:\(port)/advice", token: "ai-token-77aa", timeoutMilliseconds: timeoutMs)
    }

    func stop() async {
        stopped.raise()
        task.cancel()
        _ = await task.result
    }
}

final class ReceivedBodies: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [String] = []
    private var authorizations: [String?] = []

    func append(_ body: String, authorization: String?) {
        lock.lock(); defer { lock.unlock() }
        bodies.append(body)
        authorizations.append(authorization)
    }

    var all: [String] { lock.lock(); defer { lock.unlock() }; return bodies }
    var auth: [String?] { lock.lock(); defer { lock.unlock() }; return authorizations }
}
