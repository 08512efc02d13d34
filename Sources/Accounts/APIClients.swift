import GRDB
import ScreenVaxCore
import Store

/// The api_clients table: machine clients, their scope, area and credential.
public enum APIClients {
    /// A token shorter than this is refused (256 bits as hex is 64; `openssl rand -hex 32`).
    public static let minimumTokenLength = 32
    public static let maximumIssuerLength = 500

    /// Adds a client that sends a bearer token; only the token's SHA-256 is stored.
    public static func add(_ db: Database, name: String, scope: ClientScope, area: Jurisdiction, token: String,
                           audit: AuditLog) throws -> APIClient {
        guard Username.isValid(name) else { throw AccountsError.badClientName(name) }
        guard token.count >= minimumTokenLength else { throw AccountsError.tokenTooShort(minimum: minimumTokenLength) }
        let hash = SessionToken.hash(token)
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_clients WHERE token_hash = ?", arguments: [hash]) == true {
            throw AccountsError.tokenInUse
        }
        return try insert(db, name: name, scope: scope, area: area, tokenHash: hash, issuer: nil, jwks: nil, audit: audit)
    }

    /// Adds a CDS client that signs JWTs; `jwks` must already have been checked by whoever reads JWTs.
    public static func addJWT(_ db: Database, name: String, area: Jurisdiction, issuer: String, jwks: String,
                              audit: AuditLog) throws -> APIClient {
        guard Username.isValid(name) else { throw AccountsError.badClientName(name) }
        guard !issuer.isEmpty, issuer.count <= maximumIssuerLength else { throw AccountsError.badIssuer }
        if try find(db, issuer: issuer) != nil { throw AccountsError.issuerInUse(issuer) }
        return try insert(db, name: name, scope: .cds, area: area, tokenHash: nil, issuer: issuer, jwks: jwks, audit: audit)
    }

    private static func insert(_ db: Database, name: String, scope: ClientScope, area: Jurisdiction, tokenHash: String?,
                               issuer: String?, jwks: String?, audit: AuditLog) throws -> APIClient {
        guard Username.isValid(name) else { throw AccountsError.badClientName(name) }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_clients WHERE name = ?", arguments: [name]) == true {
            throw AccountsError.clientNameTaken(name)
        }
        try db.execute(sql: """
            INSERT INTO api_clients (name, scope, area_code, token_hash, jwt_issuer, jwks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [name, scope.rawValue, area.code, tokenHash, issuer, jwks, audit.timestamp])
        try audit.record(db, action: "client_add", entity: "api_client", uuid: nil,
                         detail: "\(name) scope=\(scope.rawValue) area=\(area.code) " + (issuer == nil ? "token" : "jwt"))
        return APIClient(id: db.lastInsertedRowID, name: name, scope: scope, area: area, jwtIssuer: issuer, jwks: jwks,
                         created: audit.timestamp, disabledAt: nil)
    }

    /// Disables a client: its token or JWTs are refused from the next request on.
    public static func disable(_ db: Database, name: String, audit: AuditLog) throws {
        guard Username.isValid(name) else { throw AccountsError.badClientName(name) }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM api_clients WHERE name = ?", arguments: [name]) == true else {
            throw AccountsError.unknownClient(name)
        }
        try db.execute(sql: "UPDATE api_clients SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL", arguments: [audit.timestamp, name])
        try audit.record(db, action: "client_disable", entity: "api_client", uuid: nil, detail: name)
    }

    public static func all(_ db: Database) throws -> [APIClient] {
        try Row.fetchAll(db, sql: "SELECT * FROM api_clients ORDER BY name").map(client)
    }

    /// The enabled client whose token this is.
    public static func find(_ db: Database, token: String) throws -> APIClient? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_clients WHERE token_hash = ? AND disabled_at IS NULL"),
                         arguments: [SessionToken.hash(token)]).map(client)
    }

    /// The enabled client that trusts this JWT issuer.
    public static func find(_ db: Database, issuer: String) throws -> APIClient? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_clients WHERE jwt_issuer = ? AND disabled_at IS NULL"),
                         arguments: [issuer]).map(client)
    }

    static func client(_ row: Row) -> APIClient {
        APIClient(id: row["id"], name: row["name"], scope: ClientScope(rawValue: row["scope"]) ?? .cds,
                  area: Jurisdiction(storedCode: row["area_code"]), jwtIssuer: row["jwt_issuer"], jwks: row["jwks"],
                  created: row["created_at"], disabledAt: row["disabled_at"])
    }
}
