import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// `hub serve`: the province's receiving end of every county's sync, `POST /api/v1/batches`,
/// the wire protocol of `Schemas/sync/README.md`, and each county's conflicts at
/// `GET /api/v1/conflicts`; each county authenticates with its own bearer token. It also serves
/// the province dashboard's pages to officers (Dashboard/).
public final class HubServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String = "127.0.0.1"
        /// 0 picks a free port; `onStarted` tells which.
        public var port: Int = 0
        public var faults: FaultPlan = FaultPlan()
        /// A request body (gzip or not) larger than this is refused with 413.
        public var maxBodyBytes: Int = 16 << 20
        /// A gzip body that inflates beyond this is refused with 413.
        public var maxDecodedBytes: Int = 64 << 20
        /// Connections idle this long are closed (a half-open connection holds a descriptor).
        public var idleTimeoutSeconds: Int64 = 30
        /// Hummingbird's own log level; tests raise it so stopping by cancellation stays quiet.
        public var logLevel: Logger.Level = .warning
        /// The dashboard's cookies carry Secure: behind the TLS proxy, not on loopback HTTP.
        public var secureCookies = false

        public init(host: String = "127.0.0.1", port: Int = 0, faults: FaultPlan = FaultPlan(), logLevel: Logger.Level = .warning) {
            self.host = host
            self.port = port
            self.faults = faults
            self.logLevel = logLevel
        }
    }

    public let configuration: Configuration
    public let database: HubDatabase
    let schemas: SyncSchemas
    let store: BatchStore
    let log = RequestLog()
    /// Conflicts and the reports' state, worked out from the batches' notes after they commit.
    let deriver: DeriverLoop
    let logger: Logger

    let programmes: HubProgrammes
    /// The officers of the province dashboard.
    let accounts: OfficerAccounts

    public init(configuration: Configuration, database: HubDatabase, schemas: SyncSchemas, programmes: HubProgrammes) {
        self.configuration = configuration
        self.database = database
        self.schemas = schemas
        self.programmes = programmes
        accounts = OfficerAccounts(database: database)
        var store = BatchStore(database: database)
        store.holdBeforeCommit = .milliseconds(configuration.faults.holdMilliseconds)
        var logger = Logger(label: "screenvax.hub")
        logger.logLevel = configuration.logLevel
        self.logger = logger
        let deriver = DeriverLoop(database: database, programmes: .init(hpv: programmes.hpv, screening: programmes.screening),
                                  logger: logger)
        store.committed = { deriver.wake() }
        self.store = store
        self.deriver = deriver
    }

    /// When each batch request arrived, in order (faulted ones included).
    public func arrivals() -> [Date] { log.arrivals() }

    /// Runs until cancelled (tests) or, with `signals`, until SIGTERM/SIGINT (the CLI). The
    /// database pool runs as one of the application's services.
    public func run(stopOnSignals signals: Bool = false, onStarted: @escaping @Sendable (Int) async -> Void) async throws {
        // The reports' state kept by these programmes' rules before any batch is taken, on a pool
        // of its own (the server's runs only inside the application below).
        try await HubDatabase.using(database.url, maximumConnections: 1) { [programmes] database in
            try await HPVGirls.prepare(database, programme: programmes.hpv)
            try await ScreeningState.prepare(database, programme: programmes.screening)
            try await ReportState.prepare(database, name: Deriver.conflictsStateName,
                                          rules: Deriver.conflictRules(samePregnancyDays: programmes.screening.samePregnancyToleranceDays),
                                          lock: Deriver.Target.conflicts.lock) { _ in }
        }
        let router = Router(context: HubRequestContext.self)
        router.get("/healthz") { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.post("/api/v1/batches") { request, context in try await self.receive(request, context: context) }
        router.get("/api/v1/conflicts") { request, _ in try await self.conflicts(request) }
        addDashboard(to: router, accounts: accounts)
        // The deriver is a service after the pool: a graceful shutdown stops the server, then the
        // deriver (its pass cancelled between chunks), then the pool. Stopped after the pool, a
        // pass waiting for a connection waited for ever and `hub serve` never exited on SIGTERM.
        var services: [any ServiceLifecycle.Service] = [database.client]
        if !configuration.faults.deriverPaused { services.append(DeriverService(loop: deriver)) }
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(configuration.idleTimeoutSeconds))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "screenvax-hub"),
            services: services,
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) },
            logger: logger)
        if signals {
            try await app.runService()
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
    }

    /// The county whose token the request carries, or nil.
    func county(of request: Request) async throws -> String? {
        guard let header = request.headers[.authorization], header.count <= 600, header.hasPrefix("Bearer ") else { return nil }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        return try await database.client.withConnection { connection in
            try await CountyTokens.county(token: token, connection: connection, logger: database.logger)
        }
    }

    static func answer(_ status: Int, _ json: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    static var unauthorized: Response {
        answer(401, BatchAnswer.error("a valid bearer token of a registered county is required"), extra: [.wwwAuthenticate: "Bearer"])
    }

    /// The database is down or refused: the county retries later, nothing was half-stored.
    static func unavailable(_ logger: Logger, _ error: any Error) -> Response {
        // The SQLSTATE and the object, never PostgreSQL's message: it may quote a record's values.
        var metadata: Logger.Metadata = ["error": "\(type(of: error))"]
        if let psql = error as? PSQLError {
            metadata["sqlstate"] = "\(psql.serverInfo?[.sqlState] ?? "\(psql.code)")"
            metadata["table"] = "\(psql.serverInfo?[.tableName] ?? "")"
            metadata["constraint"] = "\(psql.serverInfo?[.constraintName] ?? "")"
        }
        logger.error("hub database error", metadata: metadata)
        return answer(503, BatchAnswer.error("the hub cannot store the batch now; send it again later"), extra: [.retryAfter: "5"])
    }
}

/// The request context: Hummingbird's core storage plus the channel, so a fault can drop it.
struct HubRequestContext: RequestContext {
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
    private var count = 0

    /// Records an arrival and returns its 0-based index; the first 100,000 times are kept.
    func arrived() -> Int {
        lock.lock(); defer { lock.unlock() }
        if times.count < 100_000 { times.append(Date()) }
        count += 1
        return count - 1
    }

    func arrivals() -> [Date] {
        lock.lock(); defer { lock.unlock() }
        return times
    }
}
