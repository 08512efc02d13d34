import GRDB
import ScreenVaxCore
import Store

/// The users table.
public enum UserRecords {
    public static func find(_ db: Database, username: String) throws -> (user: User, passwordHash: String)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ? AND disabled = 0",
                                         arguments: [username]) else { return nil }
        return (User(row: row), row["password_hash"])
    }

    public static func all(_ db: Database) throws -> [User] {
        try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY username").map(User.init(row:))
    }

    static func isValidUsername(_ u: String) -> Bool {
        (2...64).contains(u.count) && u.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
        }
    }

    /// Adds a user with an already made bcrypt hash; the audit row names the user, never the password.
    public static func insert(_ db: Database, username: String, passwordHash: String, role: Role, area: Jurisdiction,
                              audit: AuditLog) throws -> User {
        if try find(db, username: username) != nil { throw AccountsError.usernameTaken(username) }
        try db.execute(sql: "INSERT INTO users (username, password_hash, role, area_code, created_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [username, passwordHash, role.rawValue, area.code, audit.timestamp])
        let user = User(id: db.lastInsertedRowID, username: username, role: role, area: area)
        try audit.record(db, action: "user_add", entity: "user", uuid: nil, detail: "\(username) role=\(role.rawValue) area=\(area.code)")
        return user
    }
}
