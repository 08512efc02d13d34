import Accounts
import ArgumentParser
import Foundation
import ScreenVaxCore

/// `screenvax user add|list`: accounts of the web app and the API (the first admin is made here).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts of the web app and the JSON API.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user with a role and an area.",
            discussion: "The password is read from a file (its first line), never from the command line, and is stored only as a bcrypt hash.")

        @Option(help: "Login name (letters, digits, . - _).") var username: String
        @Option(name: .customLong("password-file"), help: "File whose first line is the password (at least 8 characters).") var passwordFile: String
        @Option(help: "Role: vaccinator, screening, followup, officer or admin.") var role: String
        @Option(help: "Area: a county code (360102), a city code (360100) or the province (360000).") var area: String
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            guard let r = Role(rawValue: role) else { throw AccountsError.unknownRole(role) }
            let schemas = try global.schemas()
            let jurisdiction = try Jurisdiction(code: area, divisions: Divisions.load(schemas: schemas))
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw CLIError.invalidOption(option: "--password-file", problem: "cannot read \(passwordFile)", code: "file_unreadable")
            }
            let password = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first
                .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) } ?? ""
            let auth = Authenticator(database: try global.openDatabase())
            let user = try auth.addUser(username: username, password: password, role: r, area: jurisdiction, audit: global.audit())
            let line = UserSummary(user)
            if output.format == .json { return try JSONOutput.print(line) }
            print("added user \(user.username): role \(user.role.rawValue), area \(user.area.code)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users, their roles and areas.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let users = try global.openDatabase().read { db in try UserRecords.all(db) }.map(UserSummary.init)
            if output.format == .json { return try JSONOutput.print(users) }
            print(Listing(columns: ["username", "role", "area"], rows: users.map { [$0.username, $0.role, $0.area] })
                .render(output.format), terminator: "")
        }
    }
}
