import Foundation
import ScreenVaxTestSupport

/// The built `screenvax` binary, run as a child process: crash tests need a real process to kill.
struct ScreenvaxProcess {
    static var binary: URL {
        get throws {
            let root = schemasURL.deletingLastPathComponent()
            var candidates: [URL] = []
            // Beside the test bundle (swift test) or in the package's debug folder.
            if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("screenvax")) }
            candidates.append(root.appendingPathComponent(".build/debug/screenvax"))
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build screenvax first (swift build): looked in \(candidates.map(\.path))"])
            }
            return found
        }
    }

    let process = Process()
    let output = Pipe()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = try ScreenvaxProcess.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SCREENVAX_SCHEMAS"] = schemasURL.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = output
        process.standardError = output
    }

    func start() throws { try process.run() }

    /// Waits up to `seconds` for the exit; false if it is still running.
    func wait(seconds: Double) -> Bool {
        Poll.blocking(seconds: seconds, every: 0.05) { !process.isRunning }
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Runs to the end (bounded) and returns the exit code and everything it printed.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> (code: Int32, output: String) {
        let p = try ScreenvaxProcess(arguments, environment: environment)
        try p.start()
        if !p.wait(seconds: timeout) { p.kill9() }
        let text = String(decoding: p.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (p.process.terminationStatus, text)
    }
}
