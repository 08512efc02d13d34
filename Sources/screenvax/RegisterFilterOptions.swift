import ArgumentParser
import HPV
import ScreenVaxCore

/// `--county` and `--school`: which part of the register a listing covers.
struct RegisterFilterOptions: ParsableArguments {
    @Option(help: "County code (e.g. 360102) or name (东湖区).") var county: String?
    @Option(help: "School name, exactly as on the roster.") var school: String?

    func filter(_ divisions: Divisions) throws -> Register.Filter {
        try Register.Filter(countyCode: county.map { try resolveCounty($0, divisions) }, school: school)
    }
}

func resolveCounty(_ text: String, _ divisions: Divisions) throws -> String {
    guard let c = divisions.resolve(text) else {
        throw CLIError.invalidOption(option: "--county", problem: "\"\(text)\" is not a county of Jiangxi; give its code (360102) or name (东湖区)", code: "unknown_area")
    }
    return c.code
}
