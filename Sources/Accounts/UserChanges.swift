import Foundation
import GRDB
import ScreenVaxCore
import Store

/// A session as an administrator sees it: when it was opened, last used and when it closes at
/// the latest; never its token or the token's hash.
public struct SessionSummary: Encodable, Sendable, Equatable {
    public let created: String
    public let lastSeen: String
    public let closesBy: String
}

/// What an administrator does to an account (`screenvax user ...`). Each runs in one transaction
/// and is audited in the operator's name with the username, never a password.
extension Authenticator {
    /// Clears the failure counters of every client address for this user; how many there were.
    @discardableResult
    public func unlock(username: String, audit: AuditLog) throws -> Int {
        try change(username, audit: audit) { db, user in
            let n = try LoginFailures.clearUser(db, username: user.username)
            return (n, "user_unlock", "\(user.username): \(n) failure counters cleared")
        }
    }

    /// Disables a user: she cannot log in, and her sessions end now; how many ended.
    @discardableResult
    public func disable(username: String, audit: AuditLog) throws -> Int {
        try change(username, audit: audit) { db, user in
            try UserRecords.setDisabled(db, userID: user.id, true)
            let n = try SessionRecords.end(db, userID: user.id)
            return (n, "user_disable", "\(user.username): disabled, \(n) sessions ended")
        }
    }

    public func enable(username: String, audit: AuditLog) throws {
        _ = try change(username, audit: audit) { db, user in
            try UserRecords.setDisabled(db, userID: user.id, false)
            return (0, "user_enable", "\(user.username): enabled")
        }
    }

    /// Sets a new password (checked against `PasswordRule`) and ends her sessions; how many ended.
    @discardableResult
    public func setPassword(username: String, password: String, audit: AuditLog) throws -> Int {
        guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
        try PasswordRule.check(password)
        let hash = PasswordHash.make(password, cost: bcryptCost)
        return try change(username, audit: audit) { db, user in
            try UserRecords.setPasswordHash(db, userID: user.id, hash)
            let n = try SessionRecords.end(db, userID: user.id)
            return (n, "user_passwd", "\(user.username): password changed, \(n) sessions ended")
        }
    }

    /// Her open sessions, the latest first (expired ones are purged first).
    public func sessions(username: String) throws -> [SessionSummary] {
        guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
        let t = now
        let policy = self.policy
        return try database.write { db in
            guard let (user, _) = try UserRecords.any(db, username: username) else { throw AccountsError.unknownUser(username) }
            try purge(db, now: t)
            return try SessionRecords.of(db, userID: user.id).map { s in
                SessionSummary(created: Authenticator.time(s.created), lastSeen: Authenticator.time(s.lastSeen),
                               closesBy: Authenticator.time(min(s.lastSeen + policy.idleSeconds, s.created + policy.maxSessionSeconds)))
            }
        }
    }

    /// Ends all her sessions now; how many ended.
    @discardableResult
    public func revokeSessions(username: String, audit: AuditLog) throws -> Int {
        try change(username, audit: audit) { db, user in
            let n = try SessionRecords.end(db, userID: user.id)
            return (n, "user_sessions_revoke", "\(user.username): \(n) sessions ended")
        }
    }

    /// Checks the name, finds the user (enabled or not), applies `body` and audits what it says, in one transaction.
    private func change(_ username: String, audit: AuditLog,
                        _ body: (Database, User) throws -> (count: Int, action: String, detail: String)) throws -> Int {
        guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
        return try database.write { db in
            guard let (user, _) = try UserRecords.any(db, username: username) else { throw AccountsError.unknownUser(username) }
            let (count, action, detail) = try body(db, user)
            try audit.record(db, action: action, entity: "user", uuid: nil, detail: detail)
            return count
        }
    }

    static func time(_ seconds: Double) -> String {
        Clock.timestamp(Date(timeIntervalSince1970: seconds.isFinite ? seconds : 0))
    }
}
