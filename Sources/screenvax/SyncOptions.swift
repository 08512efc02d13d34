import ArgumentParser
import Curl
import Foundation
import Sync

/// Where the platform is and how to reach it: flags, then SCREENVAX_SYNC_* variables, then the
/// config file (--config, SCREENVAX_SYNC_CONFIG, or /etc/screenvax/sync.conf when it exists).
struct SyncOptions: ParsableArguments {
    @Option(help: "Full batch URL, e.g. https://platform.example/api/v1/batches (env SCREENVAX_SYNC_ENDPOINT).")
    var endpoint: String?
    @Option(name: .customLong("token-file"), help: "File holding the platform's bearer token (env SCREENVAX_SYNC_TOKEN_FILE; or the token itself in SCREENVAX_SYNC_TOKEN).")
    var tokenFile: String?
    @Option(help: "This clinic's code, sent as source_clinic (env SCREENVAX_CLINIC).")
    var clinic: String?
    @Option(help: "Records per batch, at most (default 500).")
    var batch: Int?
    @Option(help: "PEM bundle of the CA that signed the platform's certificate (env SCREENVAX_SYNC_CACERT).")
    var cacert: String?
    @Option(help: "PEM client certificate for mutual TLS (env SCREENVAX_SYNC_CERT).")
    var cert: String?
    @Option(help: "PEM key of the client certificate (env SCREENVAX_SYNC_KEY).")
    var key: String?
    @Option(help: "Config file of key = value lines (env SCREENVAX_SYNC_CONFIG).")
    var config: String?
    @Option(name: .customLong("connect-timeout"), help: "Seconds to connect (default 10).")
    var connectTimeout: Double?
    @Option(help: "Seconds for a whole request (default 60).")
    var timeout: Double?
    @Option(name: .customLong("backoff-base"), help: "Seconds of the first retry's backoff ceiling (default 1).")
    var backoffBase: Double?
    @Option(name: .customLong("backoff-cap"), help: "Longest backoff in seconds (default 300).")
    var backoffCap: Double?
    @Flag(name: .customLong("no-gzip"), help: "Send batches uncompressed.")
    var noGzip = false

    func settings(environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> SyncSettings {
        let file: SyncConfigFile
        if let path = config ?? env["SCREENVAX_SYNC_CONFIG"], !path.isEmpty {
            file = try SyncConfigFile(path: path)
        } else if FileManager.default.fileExists(atPath: "/etc/screenvax/sync.conf") {
            file = try SyncConfigFile(path: "/etc/screenvax/sync.conf")
        } else {
            file = SyncConfigFile()
        }
        func pick(_ flag: String?, _ envName: String, _ key: String) -> String? {
            if let flag, !flag.isEmpty { return flag }
            if let v = env[envName], !v.isEmpty { return v }
            return file[key]
        }
        func number(_ flag: Double?, _ key: String) throws -> Double? {
            if let flag { return flag }
            guard let text = file[key] else { return nil }
            guard let n = Double(text), n > 0 else { throw SyncError.configuration("config \(key) = \(text): expected a positive number") }
            return n
        }
        guard let endpointText = pick(endpoint, "SCREENVAX_SYNC_ENDPOINT", "endpoint") else {
            throw SyncError.configuration("no platform endpoint: give --endpoint URL, SCREENVAX_SYNC_ENDPOINT or endpoint = URL in the config file")
        }
        let token: String
        if let tokenFile, !tokenFile.isEmpty {
            token = try SyncSettings.readToken(file: tokenFile)
        } else if let path = env["SCREENVAX_SYNC_TOKEN_FILE"], !path.isEmpty {
            token = try SyncSettings.readToken(file: path)
        } else if let inline = env["SCREENVAX_SYNC_TOKEN"], !inline.isEmpty {
            token = inline.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let path = file["token_file"] {
            token = try SyncSettings.readToken(file: path)
        } else {
            throw SyncError.tokenUnreadable(source: "nowhere (no --token-file, SCREENVAX_SYNC_TOKEN_FILE, SCREENVAX_SYNC_TOKEN or token_file)")
        }
        var s = SyncSettings(endpoint: try SyncSettings.checkEndpoint(endpointText), token: token,
                             sourceClinic: pick(clinic, "SCREENVAX_CLINIC", "clinic") ?? "unknown")
        if let n = try batch.map(Double.init) ?? number(nil, "batch") {
            guard n >= 1, n <= 5000 else { throw SyncError.configuration("--batch must be 1 to 5000 (the platform takes at most 5000 records per batch)") }
            s.batchSize = Int(n)
        }
        s.transfer.caFile = pick(cacert, "SCREENVAX_SYNC_CACERT", "cacert")
        s.transfer.clientCertificate = pick(cert, "SCREENVAX_SYNC_CERT", "cert")
        s.transfer.clientKey = pick(key, "SCREENVAX_SYNC_KEY", "key")
        for path in [s.transfer.caFile, s.transfer.clientCertificate, s.transfer.clientKey].compactMap({ $0 })
        where !FileManager.default.isReadableFile(atPath: path) {
            throw SyncError.configuration("cannot read \(path) (given as --cacert, --cert or --key)")
        }
        if let v = try number(connectTimeout, "connect_timeout") { s.transfer.connectTimeout = v }
        if let v = try number(timeout, "timeout") { s.transfer.totalTimeout = v }
        if let v = try number(backoffBase, "backoff_base") { s.backoff.base = v }
        if let v = try number(backoffCap, "backoff_cap") { s.backoff.cap = v }
        if let v = try number(nil, "interval") { s.pollInterval = v }
        s.gzip = !(noGzip || file["gzip"] == "false")
        return s
    }
}
