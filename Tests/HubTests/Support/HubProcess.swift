import Foundation
import ScreenVaxTestSupport

/// The built `screenvax` binary as a child process: the crash test needs a real hub to kill.
final class HubProcess: @unchecked Sendable {
    static var binary: URL {
        get throws {
            let root = schemasURL.deletingLastPathComponent()
            var candidates: [URL] = []
            if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("screenvax")) }
            candidates.append(root.appendingPathComponent(".build/debug/screenvax"))
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build screenvax first (swift build): looked in \(candidates.map(\.path))"])
            }
            return found
        }
    }

    let process = Process()
    let log: URL

    init(_ arguments: [String], log: URL, environment: [String: String] = [:]) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = try HubProcess.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SCREENVAX_SCHEMAS"] = schemasURL.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
    }

    func start() throws { try process.run() }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits (polling, bounded) until the hub prints its port.
    func waitListening(seconds: Double = 30) async throws {
        let settled = await Poll.until(seconds: seconds, every: .milliseconds(50)) { output.contains("hub listening on") || !process.isRunning }
        if settled, output.contains("hub listening on") { return }
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: (settled ? "hub exited: " : "hub did not start: ") + output])
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        // Polled: waitUntilExit waits on a run loop that a test's thread does not turn.
        _ = Poll.blocking(seconds: 30) { !process.isRunning }
    }

    /// Runs a command to the end (bounded) and returns its exit code and output.
    static func run(_ arguments: [String], folder: TempFolder, environment: [String: String] = [:],
                    timeout: Double = 120) async throws -> (code: Int32, output: String) {
        let p = try HubProcess(arguments, log: folder.url.appendingPathComponent("run-\(UUID().uuidString.prefix(6)).log"),
                               environment: environment)
        try p.start()
        if !(await Poll.until(seconds: timeout) { !p.process.isRunning }) { p.kill9() }
        return (p.process.terminationStatus, p.output)
    }
}
