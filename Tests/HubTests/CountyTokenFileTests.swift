import Foundation
import Hub
import ScreenVaxCore
import Testing

/// `hub county add --token-file`: the registry's token-file rule, plus what a bearer header can carry.
@Suite struct CountyTokenFileTests {
    static let good = String(repeating: "ab", count: 16)

    @Test(arguments: [
        (CountyTokenFileTests.good, 0o600, nil),                                              // 32 characters, owner-only
        (CountyTokenFileTests.good + "\nsecond line\n", 0o600, nil),                          // the first line is the token
        (String(CountyTokenFileTests.good.dropLast()), 0o600, "32 characters"),               // one short
        (CountyTokenFileTests.good, 0o640, "chmod 600"),                                      // group may read it
        (CountyTokenFileTests.good, 0o604, "chmod 600"),                                      // others may read it
        (String(repeating: "a", count: 512), 0o600, nil),                // the longest a header takes
        (String(repeating: "a", count: 513), 0o600, "at most 512"),
        ("abcd efgh" + CountyTokenFileTests.good, 0o600, "printable ASCII"),                  // a space inside
        ("令牌" + CountyTokenFileTests.good, 0o600, "printable ASCII"),
    ] as [(String, Int, String?)])
    func aTokenFileIsReadOnlyUnderTheRule(text: String, mode: Int, problem: String?) throws {
        let folder = try TempFolder()
        let path = folder.path("county.token")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]))
        #expect(chmod(path, mode_t(mode)) == 0)
        do {
            let token = try CountyTokens.read(file: path)
            #expect(problem == nil, "accepted a token the rule refuses")
            #expect(token == text.split(separator: "\n").first.map(String.init))
        } catch {
            let problem = try #require(problem, "refused a good token: \(error.message)")
            #expect(error.code == "hub_token_file" && error.message.contains(problem) && error.message.contains(path))
            #expect(!error.message.contains(CountyTokenFileTests.good), "the message never quotes the token")
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let folder = try TempFolder()
        let path = folder.path("absent.token")
        #expect(throws: HubError.self) { try CountyTokens.read(file: path) }
        do { _ = try CountyTokens.read(file: path) } catch { #expect(error.location?.file == path) }
    }
}
