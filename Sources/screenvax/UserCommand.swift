import Accounts
import ArgumentParser
import Foundation
import ScreenVaxCore
import Store

/// `screenvax user ...`: accounts of the web app and the API (the first admin is made here). Every
/// change is audited in the operator's name with the username, never the password.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts of the web app and the JSON API.",
        subcommands: [Add.self, List.self, Unlock.self, Disable.self, Enable.self, Passwd.self, Sessions.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a user with a role and an area.",
            discussion: "The password is read from a file (its first line), never from the command line, and is stored only as a bcrypt hash.")

        @Option(help: "Login name (letters, digits, . - _; at most 64).") var username: String
        @Option(name: .customLong("password-file"), help: "File whose first line is the password (12 characters to 72 bytes).") var passwordFile: String
        @Option(help: "Role: vaccinator, screening, followup, officer or admin.") var role: String
        @Option(help: "Area: a county code (360102), a city code (360100) or the province (360000).") var area: String
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            guard let r = Role(rawValue: role) else { throw AccountsError.unknownRole(role) }
            guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
            let jurisdiction = try Jurisdiction(code: area, divisions: Divisions.load(schemas: global.schemas()))
            let password = try readPasswordFile(passwordFile)
            let auth = Authenticator(database: try global.openDatabase())
            let user = try auth.addUser(username: username, password: password, role: r, area: jurisdiction, audit: global.audit())
            if output.format == .json { return try JSONOutput.print(UserSummary(user)) }
            print("added user \(user.username): role \(user.role.rawValue), area \(user.area.code)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users, their roles, areas and whether they are disabled.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        struct Line: Encodable {
            let username, role, area: String
            let disabled: Bool
        }

        func run() async throws {
            let users = try global.openDatabase().read { db in try UserRecords.listing(db) }
                .map { Line(username: $0.user.username, role: $0.user.role.rawValue, area: $0.user.area.code, disabled: $0.disabled) }
            if output.format == .json { return try JSONOutput.print(users) }
            print(Listing(columns: ["username", "role", "area", "status"],
                          rows: users.map { [$0.username, $0.role, $0.area, $0.disabled ? "disabled" : "active"] })
                .render(output.format), terminator: "")
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Clear a user's failed-login counters at every client address (ends a lock).")
        @OptionGroup var account: AccountChange

        func run() async throws {
            try account.apply { auth, username, audit in
                let n = try auth.unlock(username: username, audit: audit)
                return "unlocked \(username): \(n) failure counters cleared"
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a user: she cannot log in and her sessions end now.")
        @OptionGroup var account: AccountChange

        func run() async throws {
            try account.apply { auth, username, audit in
                let n = try auth.disable(username: username, audit: audit)
                return "disabled \(username): \(n) sessions ended"
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled user again.")
        @OptionGroup var account: AccountChange

        func run() async throws {
            try account.apply { auth, username, audit in
                try auth.enable(username: username, audit: audit)
                return "enabled \(username)"
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a user's password (from a file) and end her sessions.")
        @Option(help: "Login name.") var username: String
        @Option(name: .customLong("password-file"), help: "File whose first line is the new password (12 characters to 72 bytes).") var passwordFile: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
            let password = try readPasswordFile(passwordFile)
            let n = try Authenticator(database: global.openDatabase()).setPassword(username: username, password: password, audit: global.audit())
            print("password of \(username) changed: \(n) sessions ended")
        }
    }

    struct Sessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List a user's open sessions (no token shown); --revoke ends them.")
        @Option(help: "Login name.") var username: String
        @Flag(help: "End all her sessions now.") var revoke = false
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let auth = Authenticator(database: try global.openDatabase())
            if revoke {
                let n = try auth.revokeSessions(username: username, audit: global.audit())
                if output.format == .json { return try JSONOutput.print(["revoked": n]) }
                return print("ended \(n) sessions of \(username)")
            }
            let sessions = try auth.sessions(username: username)
            if output.format == .json { return try JSONOutput.print(sessions) }
            print(Listing(columns: ["created", "last_seen", "closes_by"], rows: sessions.map { [$0.created, $0.lastSeen, $0.closesBy] })
                .render(output.format), terminator: "")
        }
    }
}

/// The account `user unlock`, `disable` and `enable` change, and the database and operator they change it with.
struct AccountChange: ParsableArguments {
    @Option(help: "Login name.") var username: String
    @OptionGroup var global: GlobalOptions

    /// Makes the change in the operator's name (the accounts audit it) and prints the line it returns.
    func apply(_ change: (Authenticator, String, AuditLog) throws -> String) throws {
        print(try change(Authenticator(database: global.openDatabase()), username, global.audit()))
    }
}

/// The first line of a password file (a trailing CR dropped): passwords never go on a command line.
func readPasswordFile(_ path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw CLIError.invalidOption(option: "--password-file", problem: "cannot read \(path)", code: "file_unreadable")
    }
    let data = (try? handle.read(upToCount: 4096)) ?? Data()
    try? handle.close()
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first
        .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) } ?? ""
}
