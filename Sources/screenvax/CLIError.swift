import ScreenVaxCore

/// Bad values given on the command line (after ArgumentParser accepted their shape).
enum CLIError: UserError {
    case invalidOption(option: String, problem: String, code: String)

    var code: String {
        switch self { case .invalidOption(_, _, let code): code }
    }

    var message: String {
        switch self { case .invalidOption(let option, let problem, _): "\(option): \(problem)" }
    }
}
