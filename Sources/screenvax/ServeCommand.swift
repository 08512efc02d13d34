import Accounts
import ArgumentParser
import Assist
import Foundation
import Logging
import ScreenVaxCore
import Server
import Store
import Sync

/// `screenvax serve`: the registry's HTTP server on the same SQLite file as the CLI.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the registry over HTTP: CDS Hooks for clinic systems and the other API groups; stops cleanly on SIGTERM or SIGINT.",
        discussion: "Machines (clinic systems, the voice platform) call with their own token or JWT: see screenvax client add.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080
    @Option(name: .customLong("ai-url"), help: "URL of the external AI service behind the ai-assist hook (https, or http to 127.0.0.1).")
    var aiURL: String?
    @Option(name: .customLong("ai-token-file"), help: "File holding the bearer token for the AI service (mode 600, at least 32 characters).")
    var aiTokenFile: String?
    @Option(name: .customLong("ai-timeout-ms"), help: "How long a hook waits for the AI service, in milliseconds (default 2000).")
    var aiTimeoutMs: Int = 2000
    @Option(name: .customLong("public-url"), help: "Base URL clients call (a CDS client JWT's aud is this plus the path; default http://HOST:PORT).")
    var publicURL: String?
    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this PEM certificate chain (with --tls-key).")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?
    @Flag(name: .customLong("behind-proxy"), help: "A TLS reverse proxy (nginx) is in front: plain HTTP on a non-loopback --host is allowed.")
    var behindProxy = false
    @Option(name: .customLong("trusted-proxy"), help: "A proxy address whose X-Forwarded-For names the client (repeatable; needs --behind-proxy).")
    var trustedProxy: [String] = []
    @Option(name: .customLong("idle-timeout"), help: "Seconds before an idle connection is closed (default 30).")
    var idleTimeout = 30
    @Option(name: .customLong("header-timeout"), help: "Seconds a request's headers may take to arrive in full (default 30).")
    var headerTimeout = 30
    @Option(name: .customLong("max-connections"), help: "Connections open at once; more wait until one closes (default 512).")
    var maxConnections = 512
    // Gone: kept only to say what replaced them (exit 1 with a coded message, not a usage error).
    @Option(name: .customLong("token-file"), help: .hidden) var tokenFile: String?
    @Option(name: .customLong("jwt-issuer"), help: .hidden) var jwtIssuer: String?
    @Option(name: .customLong("jwt-jwks"), help: .hidden) var jwtJWKS: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port is 0 to 65535") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout is 1 to 3600 seconds") }
        guard (1...3600).contains(headerTimeout) else { throw ValidationError("--header-timeout is 1 to 3600 seconds") }
        guard (1...100_000).contains(maxConnections) else { throw ValidationError("--max-connections is 1 to 100000") }
        guard aiTimeoutMs > 0, aiTimeoutMs <= 60_000 else { throw ValidationError("--ai-timeout-ms is 1 to 60000") }
        if aiTokenFile != nil, aiURL == nil { throw ValidationError("--ai-token-file needs --ai-url") }
    }

    func run() async throws {
        try refuseRemovedOptions()
        SyncLogging.bootstrap()
        let listening = try listeningSettings()
        _ = try aiConfiguration()  // a bad AI URL or token file stops the start, before the database opens
        let database = try global.openServerDatabase()
        let logger = Logger(label: "screenvax.serve")
        try Authenticator(database: database).purgeExpired()
        if try database.read({ db in try APIClients.all(db) }).allSatisfy({ $0.disabledAt != nil }) {
            note("note: no API client is enabled, so /cds-services and the voice platform's routes refuse every call; add one with screenvax client add")
        }
        let configuration = ServerConfiguration(
            host: host, port: port, logLevel: .warning, publicURL: publicURL,
            limits: ConnectionLimits(idleTimeout: .seconds(idleTimeout), headerTimeout: .seconds(headerTimeout), maxConnections: maxConnections),
            tls: listening.tls, trustedProxies: listening.proxies)
        let environment = try ServerEnvironment(configuration: configuration, database: database, schemas: try global.schemas(),
                                            logger: logger)
        let routes = try RegistryServer.routes(environment, ai: try aiConfiguration())
        let base = (listening.tls == nil ? "http://" : "https://") + (host.contains(":") ? "[\(host)]" : host)
        try await RegistryServer.run(environment: environment, routes: routes, stopOnSignals: true) { port in
            // Unbuffered, so a script reading the port sees the line at once.
            FileHandle.standardOutput.write(Data("serving on \(base):\(port)\n".utf8))
            logger.info("server started", metadata: ["port": "\(port)"])
        }
        logger.info("server stopped")
    }

    /// TLS, the trusted proxies, and the refusal of plain HTTP on an address other machines reach.
    func listeningSettings() throws -> (tls: TLSFiles?, proxies: TrustedProxies) {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ServeSetupError.tlsIncomplete }
        let tls = try tlsCert.flatMap { cert in try tlsKey.map { try TLSFiles(certificate: cert, key: $0) } }
        guard trustedProxy.isEmpty || behindProxy else { throw ServeSetupError.proxiesWithoutBehindProxy }
        let proxies = try TrustedProxies(trustedProxy)
        if tls == nil, !behindProxy, !ServerConfiguration.isLoopback(host) { throw ServeSetupError.plainHTTPOnPublicHost(host) }
        return (tls, proxies)
    }

    /// The shared service token and the one trusted JWT issuer are gone: every client is a row of
    /// `api_clients` with a scope and an area.
    func refuseRemovedOptions() throws {
        if tokenFile != nil {
            throw CLIError.invalidOption(
                option: "--token-file",
                problem: "serve no longer takes one shared token; give each machine its own token with a scope and an area: screenvax client add --name NAME --scope cds|voice --area CODE --token-file FILE",
                code: "serve_token_removed")
        }
        if jwtIssuer != nil || jwtJWKS != nil {
            throw CLIError.invalidOption(
                option: jwtIssuer != nil ? "--jwt-issuer" : "--jwt-jwks",
                problem: "a clinic system's JWT issuer is now a client with an area: screenvax client add --name NAME --scope cds --area CODE --jwt-issuer ISS --jwks FILE",
                code: "serve_jwt_removed")
        }
    }

    /// The AI service behind `ai-assist`, or nil when none is configured.
    func aiConfiguration() throws -> AIConfiguration? {
        guard let aiURL else { return nil }
        let token = try aiTokenFile.map { path throws -> String in try TokenFile.read(path: path) }
        return try AIConfiguration(url: aiURL, token: token, timeoutMilliseconds: aiTimeoutMs)
    }
}
