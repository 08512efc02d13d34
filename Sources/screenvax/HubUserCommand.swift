import Accounts
import ArgumentParser
import Foundation
import Hub
import ScreenVaxCore

/// `hub user add`: officer accounts of the province dashboard that `hub serve` mounts.
struct HubUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Officer accounts of the province dashboard.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an officer of the province, a city or a county (or give one a new password and area; her sessions end).",
            discussion: "The password is read from a file (its first line), never from the command line, and is stored only as a bcrypt hash.")
        @OptionGroup var hub: HubOptions
        @Option(help: "Login name (letters, digits, . - _; at most 64).") var username: String
        @Option(help: "Role: officer (read-only figures of the area).") var role: String
        @Option(help: "Area: the province (360000), a city code (360100) or a county code (360102).") var area: String
        @Option(name: .customLong("password-file"), help: "File whose first line is the password (12 characters to 72 bytes).")
        var passwordFile: String

        func run() async throws {
            guard Role(rawValue: role) == .officer else { throw AccountsError.unknownRole(role) }
            guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
            let url = try hub.url()
            let schemas = try SchemasDirectory.locate()
            let divisions = try Divisions.load(schemas: schemas)
            let jurisdiction = try Jurisdiction(code: area, divisions: divisions)
            let password = try readPasswordFile(passwordFile)
            try PasswordRule.check(password)
            let username = self.username
            let isNew = try await HubDatabase.using(url) { database in
                try await HubMigrations.load(schemas: schemas).check(database)
                return try await OfficerAccounts(database: database).add(username: username, password: password, area: jurisdiction)
            }
            let name = jurisdiction.code == Jurisdiction.provinceCode ? "江西省"
                : divisions.cityName(code: jurisdiction.code) ?? divisions.county(code: jurisdiction.code)?.name ?? jurisdiction.code
            print(isNew ? "added officer \(username): area \(jurisdiction.code) \(name)"
                        : "officer \(username): password and area \(jurisdiction.code) \(name) set; her sessions ended")
        }
    }
}
