import Foundation
import ScreenVaxCore
import Testing

/// The one rule for token files: owner-only mode, a first line of at least 32 characters.
struct TokenFileTests {
    static let token32 = String(repeating: "a1", count: 16)

    func file(_ text: String, mode: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokenfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("token").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// Mode → accepted? Any bit for group or others refuses the file, read or write alike.
    @Test(arguments: [(0o600, true), (0o400, true), (0o700, true), (0o640, false), (0o604, false), (0o620, false),
                      (0o602, false), (0o610, false), (0o601, false), (0o644, false), (0o666, false)])
    func mode(mode: Int, accepted: Bool) throws {
        let path = try file(Self.token32 + "\n", mode: mode)
        if accepted {
            #expect(try TokenFile.read(path: path) == Self.token32)
        } else {
            #expect(throws: TokenFileError.openToOthers(path, mode: mode)) { try TokenFile.read(path: path) }
            let e = TokenFileError.openToOthers(path, mode: mode)
            #expect(e.message.contains("chmod 600") && !e.description.contains(Self.token32))
        }
    }

    /// Length of the first line (trimmed) → accepted? 31 is refused with how to make one.
    @Test(arguments: [(1, false), (31, false), (32, true), (64, true)])
    func length(count: Int, accepted: Bool) throws {
        let token = String(repeating: "x", count: count)
        let path = try file("  " + token + " \nsecond line\n", mode: 0o600)
        if accepted {
            #expect(try TokenFile.read(path: path) == token)
        } else {
            #expect(throws: TokenFileError.tooShort(path, minimum: 32)) { try TokenFile.read(path: path) }
            #expect(TokenFileError.tooShort(path, minimum: 32).message.contains("openssl rand -hex 32"))
        }
    }

    @Test func missingEmptyOrAFolderIsUnreadable() throws {
        let empty = try file("\n", mode: 0o600)
        #expect(throws: TokenFileError.unreadable(empty)) { try TokenFile.read(path: empty) }
        let folder = URL(fileURLWithPath: empty).deletingLastPathComponent().path
        #expect(throws: TokenFileError.unreadable(folder)) { try TokenFile.read(path: folder) }
        #expect(throws: TokenFileError.unreadable(folder + "/none")) { try TokenFile.read(path: folder + "/none") }
    }
}
