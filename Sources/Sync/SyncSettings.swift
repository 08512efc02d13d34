import Curl
import Foundation
import ScreenVaxCore

/// Everything a push needs, resolved from flags, then the environment, then a config file.
///
/// The token itself is held here only to be put in the Authorization header: it is not part of
/// `description` and never logged.
public struct SyncSettings: Sendable {
    public var endpoint: String
    public var token: String
    public var sourceClinic: String
    public var batchSize: Int = 500
    public var transfer = TransferOptions()
    public var backoff = Backoff()
    /// Consecutive failed tries before `sync push` gives up (records stay pending); nil: never
    /// (the daemon).
    public var maxTries: Int? = 10
    /// Seconds the daemon waits between polls once the outbox is drained.
    public var pollInterval: Double = 30
    public var gzip = true

    public init(endpoint: String, token: String, sourceClinic: String) {
        self.endpoint = endpoint
        self.token = token
        self.sourceClinic = sourceClinic
    }

    /// The endpoint must be https, or http to a loopback address (tests and demos): resident IDs
    /// travel only over TLS.
    public static func checkEndpoint(_ text: String) throws -> String {
        switch OutboundURL.problem(text) {
        case .notAURL:
            throw SyncError.configuration("--endpoint \"\(text)\" is not a URL; give the full batch URL, e.g. https://platform.example/api/v1/batches")
        case .insecure:
            throw SyncError.configuration("--endpoint must use https (plain http is allowed only to 127.0.0.1, for tests); records carry full resident IDs")
        case nil: break
        }
        return text
    }

    /// Reads a token file under the registry's one rule (`TokenFile`: owner-only mode, at least 32
    /// characters). The path may appear in errors, the token never.
    public static func readToken(file: String) throws -> String {
        do { return try TokenFile.read(path: file) } catch .unreadable { throw SyncError.tokenUnreadable(source: file) }
    }
}

/// A `key = value` config file (`#` starts a comment), e.g. /etc/screenvax/sync.conf:
///
///     endpoint = https://platform.example/api/v1/batches
///     token_file = /etc/screenvax/platform.token
///     clinic = 360102001
///     cacert = /etc/screenvax/platform-ca.pem
public struct SyncConfigFile: Sendable {
    public static let knownKeys: Set<String> = [
        "endpoint", "token_file", "clinic", "batch", "cacert", "cert", "key", "interval",
        "connect_timeout", "timeout", "backoff_base", "backoff_cap", "gzip",
    ]
    public let values: [String: String]

    public init(values: [String: String] = [:]) { self.values = values }

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SyncError.configuration("cannot read the config file \(path)")
        }
        var values: [String: String] = [:]
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw SyncError.configuration("\(path) line \(n + 1): write key = value")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard SyncConfigFile.knownKeys.contains(key) else {
                throw SyncError.configuration("\(path) line \(n + 1): unknown key \(key) (known: \(SyncConfigFile.knownKeys.sorted().joined(separator: ", ")))")
            }
            values[key] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        self.values = values
    }

    public subscript(key: String) -> String? { values[key] }
}
