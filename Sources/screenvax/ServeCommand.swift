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
        abstract: "Serve the registry over HTTP: CDS Hooks for clinic systems and the other API groups; stops cleanly on SIGTERM or SIGINT.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080
    @Option(name: .customLong("token-file"), help: "File holding the bearer token every client sends (first line).")
    var tokenFile: String
    @Option(name: .customLong("ai-url"), help: "URL of the external AI service behind the ai-assist hook (https, or http to 127.0.0.1).")
    var aiURL: String?
    @Option(name: .customLong("ai-token-file"), help: "File holding the bearer token for the AI service.")
    var aiTokenFile: String?
    @Option(name: .customLong("ai-timeout-ms"), help: "How long a hook waits for the AI service, in milliseconds (default 2000).")
    var aiTimeoutMs: Int = 2000
    @Option(name: .customLong("jwt-issuer"), help: "Also accept CDS Hooks JWTs (ES384) from this issuer (its iss claim) on /cds-services.")
    var jwtIssuer: String?
    @Option(name: .customLong("jwt-jwks"), help: "JWKS file with the issuer's EC P-384 public keys (needs --jwt-issuer).")
    var jwtJWKS: String?
    @Option(name: .customLong("public-url"), help: "Base URL clients call (the JWT aud is this plus the path; default http://HOST:PORT).")
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

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port is 0 to 65535") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout is 1 to 3600 seconds") }
        guard (1...3600).contains(headerTimeout) else { throw ValidationError("--header-timeout is 1 to 3600 seconds") }
        guard (1...100_000).contains(maxConnections) else { throw ValidationError("--max-connections is 1 to 100000") }
        guard aiTimeoutMs > 0, aiTimeoutMs <= 60_000 else { throw ValidationError("--ai-timeout-ms is 1 to 60000") }
        if aiTokenFile != nil, aiURL == nil { throw ValidationError("--ai-token-file needs --ai-url") }
        if (jwtIssuer == nil) != (jwtJWKS == nil) { throw ValidationError("--jwt-issuer and --jwt-jwks go together") }
    }

    func run() async throws {
        SyncLogging.bootstrap()
        let listening = try listeningSettings()
        let token = try SyncSettings.readToken(file: tokenFile)
        _ = try aiConfiguration()  // a bad AI URL or token file stops the start, before the database opens
        // A short busy timeout: a request waits at most this long for a CLI import's write lock,
        // then answers 503 with Retry-After instead of holding the clerk's page.
        let database = try RegistryDatabase(path: global.databasePath, schemas: try global.schemas(), memoryMapped: true, busyTimeout: 2)
        UploadFolders.sweep()
        let logger = Logger(label: "screenvax.serve")
        let configuration = ServerConfiguration(
            host: host, port: port, token: token, logLevel: .warning, cdsClient: try cdsClientTrust(),
            limits: ConnectionLimits(idleTimeout: .seconds(idleTimeout), headerTimeout: .seconds(headerTimeout), maxConnections: maxConnections),
            tls: listening.tls, trustedProxies: listening.proxies)
        let environment = ServerEnvironment(configuration: configuration, database: database, schemas: try global.schemas(),
                                            logger: logger)
        let routes = try ServeRoutes.all(self, environment: environment)
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

    /// The clinic system whose JWTs the CDS Hooks endpoints accept, or nil.
    func cdsClientTrust() throws -> CDSClientTrust? {
        guard let jwtIssuer, let jwtJWKS else { return nil }
        guard let data = FileManager.default.contents(atPath: jwtJWKS) else {
            throw CDSClientTrustError.badJWKS("cannot read \(jwtJWKS)")
        }
        return try CDSClientTrust(issuer: jwtIssuer, jwks: data, publicBaseURL: publicURL ?? "\(tlsCert == nil ? "http" : "https")://\(host):\(port)")
    }

    /// The AI service behind `ai-assist`, or nil when none is configured.
    func aiConfiguration() throws -> AIConfiguration? {
        guard let aiURL else { return nil }
        let token = try aiTokenFile.map { try SyncSettings.readToken(file: $0) }
        return try AIConfiguration(url: aiURL, token: token, timeoutMilliseconds: aiTimeoutMs)
    }
}
