/// A user as `user list --format json` and `GET /api/v1/me` show it: no hash, no token.
public struct UserSummary: Encodable, Sendable {
    public let username: String
    public let role: String
    public let area: String

    public init(_ user: User) {
        username = user.username
        role = user.role.rawValue
        area = user.area.code
    }
}
