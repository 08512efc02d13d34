import ArgumentParser
import Foundation
import ScreenVaxCore

struct ScreenVax: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screenvax",
        abstract: "County registry for Jiangxi's HPV cohort vaccination and prenatal and newborn screening.",
        discussion: """
            Global options: --db PATH (or SCREENVAX_DB; default ./screenvax.sqlite), \
            --operator NAME (or SCREENVAX_OPERATOR), --format table|csv|json on every listing.
            Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.
            """,
        subcommands: CommandRegistry.all
    )

    /// Parses and runs one command line; returns the process exit code (0, 1 or 2).
    static func runCommand(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as any UserError {
            FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
            return 1
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            // ArgumentParser says 64 for usage errors; the contract says 2.
            return code == .validationFailure ? 2 : (code.rawValue == 0 ? 0 : 1)
        }
    }
}
