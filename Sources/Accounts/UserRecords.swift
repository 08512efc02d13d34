import GRDB
import ScreenVaxCore
import Store

/// The users table.
public enum UserRecords {
    /// An enabled user and her password hash (a disabled user cannot log in).
    public static func find(_ db: Database, username: String) throws -> (user: User, passwordHash: String)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE username = ? AND disabled = 0"),
                                         arguments: [username]) else { return nil }
        return (User(row: row), row["password_hash"])
    }

    /// A user whether enabled or not, for the administrator's commands.
    static func any(_ db: Database, username: String) throws -> (user: User, disabled: Bool)? {
        try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]).map { (User(row: $0), $0["disabled"]) }
    }

    public static func all(_ db: Database) throws -> [User] {
        try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY username").map(User.init(row:))
    }

    /// Every user with whether she is disabled, for `user list`.
    public static func listing(_ db: Database) throws -> [(user: User, disabled: Bool)] {
        try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY username").map { (User(row: $0), $0["disabled"]) }
    }

    static func isValidUsername(_ u: String) -> Bool { Username.isValid(u) }

    /// Adds a user with an already made bcrypt hash; the audit row names the user, never the password.
    public static func insert(_ db: Database, username: String, passwordHash: String, role: Role, area: Jurisdiction,
                              audit: AuditLog) throws -> User {
        if try any(db, username: username) != nil { throw AccountsError.usernameTaken(username) }
        try db.execute(sql: "INSERT INTO users (username, password_hash, role, area_code, created_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [username, passwordHash, role.rawValue, area.code, audit.timestamp])
        let user = User(id: db.lastInsertedRowID, username: username, role: role, area: area)
        try audit.record(db, action: "user_add", entity: "user", uuid: nil, detail: "\(username) role=\(role.rawValue) area=\(area.code)")
        return user
    }

    static func setDisabled(_ db: Database, userID: Int64, _ disabled: Bool) throws {
        try db.execute(sql: "UPDATE users SET disabled = ? WHERE id = ?", arguments: [disabled, userID])
    }

    static func setPasswordHash(_ db: Database, userID: Int64, _ hash: String) throws {
        try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, userID])
    }
}
