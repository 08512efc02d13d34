import GRDB

/// A person who logs in to the web app or the API.
public struct User: Sendable, Hashable {
    public let id: Int64
    public let username: String
    public let role: Role
    public let area: Jurisdiction

    public init(id: Int64, username: String, role: Role, area: Jurisdiction) {
        self.id = id
        self.username = username
        self.role = role
        self.area = area
    }

    init(row: Row) {
        id = row["id"]
        username = row["username"]
        role = Role(rawValue: row["role"]) ?? .officer
        area = Jurisdiction(storedCode: row["area_code"])
    }

    public func may(_ action: Action) -> Bool { role.may(action) }
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
