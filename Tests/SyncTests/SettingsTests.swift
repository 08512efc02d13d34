import Foundation
import ScreenVaxCore
import Sync
import Testing

@Suite struct SettingsTests {
    @Test("endpoints", arguments: [
        ("https://platform.example/api/v1/batches", true),
        ("http://127.0.0.1:8080/api/v1/batches", true),
        ("http://localhost:8080/api/v1/batches", true),
        ("http://platform.example/api/v1/batches", false),  // full IDs never over plain http
        ("ftp://platform.example/x", false),
        ("platform.example", false),
    ])
    func endpointRules(url: String, allowed: Bool) {
        #expect(((try? SyncSettings.checkEndpoint(url)) != nil) == allowed)
    }

    @Test func configFileReadsKeysAndRefusesUnknownOnes() throws {
        let folder = try TempFolder()
        let good = folder.path("sync.conf")
        try "# county A\nendpoint = https://p.example/api/v1/batches\nclinic=360102001  # code\n\nbatch = 200\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        let file = try SyncConfigFile(path: good)
        #expect(file["endpoint"] == "https://p.example/api/v1/batches")
        #expect(file["clinic"] == "360102001")
        #expect(file["batch"] == "200")
        let bad = folder.path("bad.conf")
        try "endpiont = https://p.example\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: SyncError.self) { try SyncConfigFile(path: bad) }
    }

    @Test func tokenFileGivesItsFirstLineAndErrorsNeverShowIt() throws {
        let folder = try TempFolder()
        let path = folder.path("token")
        try "  abc.def.ghi.0123456789abcdef0123456789 \nsecond line\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try SyncSettings.readToken(file: path) == "abc.def.ghi.0123456789abcdef0123456789")
        // The registry's one token-file rule (TokenFile) holds here too: owner-only mode.
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: TokenFileError.openToOthers(path, mode: 0o640)) { try SyncSettings.readToken(file: path) }
        do {
            _ = try SyncSettings.readToken(file: folder.path("missing"))
            Issue.record("a missing token file is an error")
        } catch let error as SyncError {
            #expect(error.code == "sync_token")
        }
    }
}

@Suite struct BackoffTests {
    @Test("full jitter stays under min(cap, base·2^(n-1))", arguments: [1, 2, 3, 5, 10, 40])
    func jitterCeiling(failures: Int) {
        let backoff = Backoff(base: 1, cap: 300)
        let ceiling = min(300, pow(2, Double(failures - 1)))
        var top = 0.0
        let wait = backoff.delay(failures: failures, retryAfter: nil) { range in top = range.upperBound; return range.upperBound }
        #expect(top == ceiling)
        #expect(wait == ceiling)
        for _ in 0..<50 { #expect((0...ceiling).contains(backoff.delay(failures: failures, retryAfter: nil))) }
    }

    @Test func retryAfterIsAFloorAndItsLimitACeiling() {
        let backoff = Backoff(base: 0.1, cap: 1)
        #expect(backoff.delay(failures: 1, retryAfter: 2) { _ in 0 } == 2)
        #expect(backoff.delay(failures: 9, retryAfter: 0) { $0.upperBound } == 1)
        #expect(backoff.delay(failures: 1, retryAfter: 86_400 * 3) { _ in 0 } == 3600)
    }
}
