import Accounts
import Foundation
import ScreenVaxCore

/// A private folder beside the database (owner only) for what a roster upload leaves behind: the
/// unlinked file an upload is read through and each import's errors file, which its uploader
/// downloads until it expires. Emptied when the server starts: nothing in it outlives a restart.
final class UploadFolder: @unchecked Sendable {
    /// How long an errors file stays downloadable.
    static let keepSeconds: TimeInterval = 3600

    let path: String
    private let clock: Clock
    private let lock = NSLock()
    private var files: [String: ErrorsFile] = [:]

    struct ErrorsFile {
        let path: String
        let username: String
        let area: Jurisdiction
        let expires: Date
    }

    init(path: String, clock: Clock) throws {
        self.path = path
        self.clock = clock
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            for name in (try? fm.contentsOfDirectory(atPath: path)) ?? [] { try? fm.removeItem(atPath: path + "/" + name) }
        } else {
            try? fm.removeItem(atPath: path)
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: false) } catch { throw CoreError.cannotWrite(path) }
        }
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
    }

    /// A fresh token and the path its errors file is written to (registered by `keep` once complete).
    func newErrorsFile() -> (token: String, path: String) {
        let token = UUID().uuidString.lowercased()
        return (token, path + "/errors-" + token + ".csv")
    }

    /// Makes a written errors file downloadable by its uploader (and her area's other clerks) for `keepSeconds`.
    func keep(token: String, path file: String, for user: User) {
        let now = clock.now()
        let expired: [String] = lock.withLock {
            files[token] = ErrorsFile(path: file, username: user.username, area: user.area, expires: now.addingTimeInterval(UploadFolder.keepSeconds))
            let old = files.filter { $0.value.expires <= now }
            for key in old.keys { files[key] = nil }
            return old.values.map(\.path)
        }
        for p in expired { try? FileManager.default.removeItem(atPath: p) }
    }

    /// The errors file for a user who may read it, or nil (unknown, expired, or another's).
    func errorsFile(token: String, for user: User) -> String? {
        let now = clock.now()
        let entry: ErrorsFile? = lock.withLock {
            guard let e = files[token] else { return nil }
            if e.expires <= now {
                files[token] = nil
                try? FileManager.default.removeItem(atPath: e.path)
                return nil
            }
            return e
        }
        guard let entry, entry.username == user.username || (entry.area == user.area && user.may(.uploadRoster)) else { return nil }
        return entry.path
    }
}
