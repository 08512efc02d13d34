/// What a machine client may call: the CDS Hooks services or the voice platform's call queue.
public enum ClientScope: String, CaseIterable, Sendable, Codable {
    case cds, voice
}

/// A machine that calls the registry (a clinic system, the voice platform), limited to one scope
/// and one area. It proves itself with a bearer token (only its SHA-256 is kept) or, for `cds`,
/// with JWTs its issuer signs with the keys of `jwks`.
public struct APIClient: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let scope: ClientScope
    public let area: Jurisdiction
    public let jwtIssuer: String?
    /// The JSON Web Key Set of `jwtIssuer`, as handed over.
    public let jwks: String?
    public let created: String
    public let disabledAt: String?

}

/// A client as `client list` shows it: never a token or its hash.
public struct ClientSummary: Encodable, Sendable {
    public let name: String
    public let scope: String
    public let area: String
    /// `token` or `jwt`.
    public let credential: String
    public let issuer: String?
    public let created: String
    public let disabled: String?

    public init(_ c: APIClient) {
        name = c.name
        scope = c.scope.rawValue
        area = c.area.code
        credential = c.jwtIssuer == nil ? "token" : "jwt"
        issuer = c.jwtIssuer
        created = c.created
        disabled = c.disabledAt
    }
}
