import ArgumentParser
import Assist
import Foundation
import Logging
import ScreenVaxCore
import Server
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

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port is 0 to 65535") }
        guard aiTimeoutMs > 0, aiTimeoutMs <= 60_000 else { throw ValidationError("--ai-timeout-ms is 1 to 60000") }
        if aiTokenFile != nil, aiURL == nil { throw ValidationError("--ai-token-file needs --ai-url") }
        if (jwtIssuer == nil) != (jwtJWKS == nil) { throw ValidationError("--jwt-issuer and --jwt-jwks go together") }
    }

    func run() async throws {
        SyncLogging.bootstrap()
        let token = try SyncSettings.readToken(file: tokenFile)
        _ = try aiConfiguration()  // a bad AI URL or token file stops the start, before the database opens
        let database = try global.openServerDatabase()
        let logger = Logger(label: "screenvax.serve")
        let configuration = ServerConfiguration(host: host, port: port, token: token, logLevel: .warning,
                                                cdsClient: try cdsClientTrust())
        let environment = ServerEnvironment(configuration: configuration, database: database, schemas: try global.schemas(),
                                            logger: logger)
        let routes = try ServeRoutes.all(self, environment: environment)
        let host = self.host
        try await RegistryServer.run(environment: environment, routes: routes, stopOnSignals: true) { port in
            // Unbuffered, so a script reading the port sees the line at once.
            FileHandle.standardOutput.write(Data("serving on http://\(host):\(port)\n".utf8))
            logger.info("server started", metadata: ["port": "\(port)"])
        }
        logger.info("server stopped")
    }

    /// The clinic system whose JWTs the CDS Hooks endpoints accept, or nil.
    func cdsClientTrust() throws -> CDSClientTrust? {
        guard let jwtIssuer, let jwtJWKS else { return nil }
        guard let data = FileManager.default.contents(atPath: jwtJWKS) else {
            throw CDSClientTrustError.badJWKS("cannot read \(jwtJWKS)")
        }
        return try CDSClientTrust(issuer: jwtIssuer, jwks: data, publicBaseURL: publicURL ?? "http://\(host):\(port)")
    }

    /// The AI service behind `ai-assist`, or nil when none is configured.
    func aiConfiguration() throws -> AIConfiguration? {
        guard let aiURL else { return nil }
        let token = try aiTokenFile.map { try SyncSettings.readToken(file: $0) }
        return try AIConfiguration(url: aiURL, token: token, timeoutMilliseconds: aiTimeoutMs)
    }
}
