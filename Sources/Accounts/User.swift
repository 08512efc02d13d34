import GRDB

/// A person who logs in to the web app or the API.
public struct User: Sendable, Hashable {
    public let id: Int64
    public let username: String
    public let role: Role
    public let area: Jurisdiction

    public func may(_ action: Action) -> Bool { role.may(action) }
}

// In an extension, so that the memberwise initialiser stays.
extension User {
    init(row: Row) {
        self.init(id: row["id"], username: row["username"], role: Role(rawValue: row["role"]) ?? .officer,
                  area: Jurisdiction(storedCode: row["area_code"]))
    }
}

/// A logged-in session as a request sees it.
public struct Session: Sendable {
    public let user: User
    public let csrfToken: String
    /// The product, lot and expiry of the last dose recorded in this session.
    public let lastProduct: String?
    public let lastLot: String?
    public let lastExpiry: String?
}
