import Accounts
import ArgumentParser
import Foundation
import ScreenVaxCore
import Server

/// `screenvax client ...`: the machines that call the registry (clinic systems on CDS Hooks, the
/// voice platform on the call queue), each with a scope and an area. Tokens are stored only as
/// SHA-256 hashes and never printed; every change is audited.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "API clients of screenvax serve: a token or JWT issuer, a scope and an area each.",
        subcommands: [Add.self, List.self, Disable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a client with a token (--token-file) or, for scope cds, a JWT issuer and its keys (--jwt-issuer, --jwks).",
            discussion: """
                The token file must be readable by its owner only (chmod 600) and its first line at least 32 characters:
                openssl rand -hex 32 > client.token && chmod 600 client.token
                """)

        @Option(help: "Client name (letters, digits, . - _; at most 64).") var name: String
        @Option(help: "cds (the CDS Hooks services) or voice (the voice platform's call queue).") var scope: String
        @Option(help: "Area: a county code (360102), a city code (360100) or the province (360000).") var area: String
        @Option(name: .customLong("token-file"), help: "File whose first line is the client's bearer token (mode 600, at least 32 characters).")
        var tokenFile: String?
        @Option(name: .customLong("jwt-issuer"), help: "The clinic system's JWT issuer (its iss claim); scope cds only.") var jwtIssuer: String?
        @Option(help: "JWKS file with the issuer's EC P-384 public keys (with --jwt-issuer).") var jwks: String?
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func validate() throws {
            if (jwtIssuer == nil) != (jwks == nil) { throw ValidationError("--jwt-issuer and --jwks go together") }
            if (tokenFile == nil) == (jwtIssuer == nil) { throw ValidationError("give either --token-file or --jwt-issuer with --jwks") }
        }

        func run() async throws {
            guard Username.isValid(name) else { throw AccountsError.badClientName(name) }
            guard let s = ClientScope(rawValue: scope) else { throw AccountsError.badScope(scope) }
            let jurisdiction = try Jurisdiction(code: area, divisions: Divisions.load(schemas: global.schemas()))
            let database = try global.openDatabase()
            let audit = global.audit()
            let client: APIClient
            if let tokenFile {
                let token = try TokenFile.read(path: tokenFile)
                client = try database.write { db in try APIClients.add(db, name: name, scope: s, area: jurisdiction, token: token, audit: audit) }
            } else if let jwtIssuer, let jwks {
                guard s == .cds else {
                    throw CLIError.invalidOption(option: "--jwt-issuer", problem: "JWTs are for scope cds; a voice client uses --token-file", code: "bad_scope")
                }
                guard let handle = FileHandle(forReadingAtPath: jwks) else {
                    throw CLIError.invalidOption(option: "--jwks", problem: "cannot read \(jwks)", code: "file_unreadable")
                }
                let data = (try? handle.read(upToCount: 64 << 10)) ?? Data()
                try? handle.close()
                try CDSClientTrust.checkKeySet(data)
                let text = String(decoding: data, as: UTF8.self)
                client = try database.write { db in
                    try APIClients.addJWT(db, name: name, area: jurisdiction, issuer: jwtIssuer, jwks: text, audit: audit)
                }
            } else {
                throw ValidationError("give either --token-file or --jwt-issuer with --jwks")
            }
            if output.format == .json { return try JSONOutput.print(ClientSummary(client)) }
            print("added client \(client.name): scope \(client.scope.rawValue), area \(client.area.code), " + (client.jwtIssuer == nil ? "token" : "JWTs of its issuer"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List clients: scope, area, token or JWT issuer, created, disabled (never a token).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let clients = try global.openDatabase().read { db in try APIClients.all(db) }.map(ClientSummary.init)
            if output.format == .json { return try JSONOutput.print(clients) }
            print(Listing(columns: ["name", "scope", "area", "credential", "issuer", "created", "disabled"],
                          rows: clients.map { [$0.name, $0.scope, $0.area, $0.credential, $0.issuer ?? "", $0.created, $0.disabled ?? ""] })
                .render(output.format), terminator: "")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a client: its token or JWTs are refused from the next request on.")
        @Option(help: "Client name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let audit = global.audit()
            try global.openDatabase().write { db in try APIClients.disable(db, name: name, audit: audit) }
            print("disabled client \(name)")
        }
    }
}
