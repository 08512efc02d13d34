import Foundation
import JWTKit
import Store
import Synchronization

/// Checks a CDS client's JWT with jwt-kit, in the order the CDS Hooks best-practice page gives:
/// issuer, audience (the exact endpoint called), expiry, the signature by the key `kid` names,
/// then the `jti` replay store. Only ES384 is accepted: `none`, HMAC and every other algorithm
/// are refused before any key is touched.
public final class CDSClientJWT: Sendable {
    public let trust: CDSClientTrust
    /// jti → when it may be forgotten (its exp, at most an hour away), in Unix seconds; used when
    /// no database is given.
    private let seen = Mutex<[String: Int]>([:])
    /// Where used jtis are kept across restarts (`screenvax serve` passes the registry).
    private let database: RegistryDatabase?
    /// Tokens living longer than this are refused: a replay cache must be able to outlast them.
    static let maxLifetime = 3600
    /// A CDS client JWT is a few hundred bytes; anything far larger is not one.
    static let maxTokenBytes = 8 << 10
    static let maxJTI = 200

    public init(trust: CDSClientTrust, database: RegistryDatabase? = nil) {
        self.trust = trust
        self.database = database
    }

    /// The issuer a token claims, unverified: which client's keys to check it with.
    public static func claimedIssuer(_ token: String) -> String? {
        guard token.utf8.count <= maxTokenBytes,
              let parsed = try? DefaultJWTParser().parse(Array(token.utf8), as: CDSClaims.self) else { return nil }
        return parsed.payload.iss
    }

    /// True when `token` is a valid, unused JWT of the trusted issuer for `path` (e.g.
    /// `/cds-services/hpv-reminder`) at `now` (Unix seconds).
    public func accepts(_ token: String, path: String, now: Int) async -> Bool {
        let bytes = Array(token.utf8)
        guard bytes.count <= CDSClientJWT.maxTokenBytes,
              let (header, claims, _) = try? DefaultJWTParser().parse(bytes, as: CDSClaims.self)
        else { return false }
        guard header.alg == "ES384", header.typ.map({ $0 == "JWT" }) ?? true else { return false }
        // (1) issuer on the allowlist
        guard claims.iss == trust.issuer else { return false }
        // (2) audience is this endpoint
        guard claims.aud.contains(trust.publicBaseURL + path) else { return false }
        // (3) expiry, and a lifetime short enough for the replay cache
        guard let exp = claims.exp, exp > Double(now), exp - Double(now) <= Double(CDSClientJWT.maxLifetime) else { return false }
        let expires = Int(exp.rounded(.up))
        // (5) signature, by the key the header names (jwt-kit would fall back to another key for an unknown kid)
        guard let kid = header.kid, let key = trust.keys[kid] else { return false }
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        guard (try? await keys.verify(bytes, as: CDSClaims.self)) != nil else { return false }
        // (6) each token once
        guard let jti = claims.jti, !jti.isEmpty, jti.count <= CDSClientJWT.maxJTI else { return false }
        if let database {
            // A database that cannot say whether the token was used refuses it.
            return (try? await database.pool.write { db in try SeenTokens.firstUse(db, id: jti, expires: expires, now: now) }) ?? false
        }
        return seen.withLock { cache in
            cache = cache.filter { $0.value > now }
            guard cache[jti] == nil else { return false }
            cache[jti] = expires
            return true
        }
    }
}
