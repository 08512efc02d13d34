import Compression
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ScreenVaxCore

/// The provincial platform's batch endpoint, for tests and demos: `POST /api/v1/batches`.
///
/// Checks the bearer token, takes an `Idempotency-Key`, accepts gzip bodies, checks each record
/// against `Schemas/sync/`, stores each (uuid, version) once and answers per record.
public final class PlatformReceiver: Sendable {
    public struct Configuration: Sendable {
        public var host: String = "127.0.0.1"
        /// 0 picks a free port; `onStarted` tells which.
        public var port: Int = 0
        public var token: String
        public var faults: FaultPlan = FaultPlan()
        /// Hummingbird's own log level; tests raise it so stopping by cancellation stays quiet.
        public var logLevel: Logger.Level = .warning

        public init(host: String = "127.0.0.1", port: Int = 0, token: String, faults: FaultPlan = FaultPlan(),
                    logLevel: Logger.Level = .warning) {
            self.host = host
            self.port = port
            self.token = token
            self.faults = faults
            self.logLevel = logLevel
        }
    }

    public let configuration: Configuration
    public let database: ReceiverDatabase
    let schemas: SyncSchemas
    let log: RequestLog

    public init(configuration: Configuration, database: ReceiverDatabase, schemas: SyncSchemas) {
        self.configuration = configuration
        self.database = database
        self.schemas = schemas
        self.log = RequestLog()
    }

    /// When each batch request arrived, in order (faulted ones included).
    public func arrivals() -> [Date] { log.arrivals() }

    /// Runs until cancelled (tests) or, with `signals`, until SIGTERM/SIGINT (the CLI).
    public func run(stopOnSignals signals: Bool = false, onStarted: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "screenvax.platform")
        logger.logLevel = configuration.logLevel
        let router = Router(context: PlatformContext.self)
        router.post("/api/v1/batches") { request, context in
            try await self.receive(request, context: context)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "screenvax-platform"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) },
            logger: logger)
        if signals {
            try await app.runService()
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
    }

    func receive(_ request: Request, context: PlatformContext) async throws -> Response {
        let index = log.arrived()
        let faults = configuration.faults
        if faults.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(faults.delayMilliseconds)) }
        guard request.headers[.authorization] == "Bearer \(configuration.token)" else {
            return answer(401, ReceiverAnswer.error("a valid bearer token is required"), extra: [.wwwAuthenticate: "Bearer"])
        }
        let fault = faults.fault(forRequest: index)
        switch fault {
        case .error500?: return answer(500, ReceiverAnswer.error("injected fault: internal error"))
        case .unavailable503?:
            return answer(503, ReceiverAnswer.error("injected fault: unavailable"), extra: [.retryAfter: String(faults.retryAfter)])
        case .tooMany429?:
            return answer(429, ReceiverAnswer.error("injected fault: too many requests"), extra: [.retryAfter: String(faults.retryAfter)])
        case .drop?, nil: break
        }
        guard let rawKey = request.headers[HTTPField.Name("Idempotency-Key")!] else {
            return answer(400, ReceiverAnswer.error("the Idempotency-Key header is required"))
        }
        let key = rawKey.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        var buffer = try await request.body.collect(upTo: 64 << 20)
        var body = buffer.readBytes(length: buffer.readableBytes) ?? []
        if request.headers[.contentEncoding]?.lowercased() == "gzip" {
            do { body = try Gzip.decompress(body) } catch {
                return answer(400, ReceiverAnswer.error("the gzip body cannot be decoded: \(error)"))
            }
        }
        let batch: IncomingBatch
        do { batch = try IncomingBatch(body: body, schemas: schemas) } catch {
            return answer(400, ReceiverAnswer.error(error.message))
        }
        let (status, text) = try database.store(batch, key: key, fingerprint: IncomingBatch.fingerprint(body),
                                                at: Clock.system.timestamp())
        if fault == .drop {
            // Stored, but the client never hears so: it must resend, and the resend must be harmless.
            try? await context.channel.close()
            throw HTTPError(.internalServerError)
        }
        return answer(status, text)
    }

    private func answer(_ status: Int, _ json: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: .init(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}

/// The request context: Hummingbird's core storage plus the channel, so a fault can drop it.
struct PlatformContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Arrival times of batch requests; a lock, not an actor, so the handler never waits on it.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Date] = []

    /// Records an arrival and returns its 0-based index.
    func arrived() -> Int {
        lock.lock(); defer { lock.unlock() }
        times.append(Date())
        return times.count - 1
    }

    func arrivals() -> [Date] {
        lock.lock(); defer { lock.unlock() }
        return times
    }
}
