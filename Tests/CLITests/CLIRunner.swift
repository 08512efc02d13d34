import Foundation
import ScreenVaxCore
import ScreenVaxTestSupport

/// Runs the `screenvax` binary built beside the tests, in a temporary folder with its own database.
struct CLI {
    let directory: URL
    let db: String

    static let binary: URL = {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("screenvax"),
            repo.appendingPathComponent(".build/debug/screenvax"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        db = directory.appendingPathComponent("registry.sqlite").path
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
        func object() throws -> [String: Any] { try json() as! [String: Any] }
        func array() throws -> [[String: Any]] { try json() as! [[String: Any]] }
    }

    /// Runs the binary; one still running after `timeout` seconds is killed (its status is then 9).
    @discardableResult
    func run(_ args: [String], env: [String: String] = [:], timeout: Double = 300) throws -> Result {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = args
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SCREENVAX_OPERATOR"] = "cli-test"
        environment.removeValue(forKey: "SCREENVAX_DB")
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

func makeID(_ birth: String, region: String = "360102", sequence: Int = 2) -> String {
    TestIDs.residentID(born: birth, region: region, sequence: sequence)
}
