import Crypto
import Foundation
import Store
import Synchronization

/// Checks a CDS client's JWT in the order the CDS Hooks best-practice page gives: issuer, audience
/// (the exact endpoint called), expiry, signature against the issuer's keys, then the `jti` replay
/// cache. Only ES384 is accepted: `none` and every HMAC algorithm are refused by construction.
public final class CDSClientJWT: Sendable {
    public let trust: CDSClientTrust
    /// jti → when it may be forgotten (its exp, at most an hour away), in Unix seconds; used when
    /// no database is given.
    private let seen = Mutex<[String: Int]>([:])
    /// Where used jtis are kept across restarts (`screenvax serve` passes the registry).
    private let database: RegistryDatabase?
    /// Tokens living longer than this are refused: a replay cache must be able to outlast them.
    static let maxLifetime = 3600

    public init(trust: CDSClientTrust, database: RegistryDatabase? = nil) {
        self.trust = trust
        self.database = database
    }

    /// True when `token` is a valid, unused JWT of the trusted issuer for `path` (e.g.
    /// `/cds-services/hpv-reminder`) at `now` (Unix seconds).
    public func accepts(_ token: String, path: String, now: Int) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]),
              let header = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any],
              let payload = try? JSONSerialization.jsonObject(with: Data(payloadBytes)) as? [String: Any]
        else { return false }
        guard header["alg"] as? String == "ES384", (header["typ"] as? String).map({ $0 == "JWT" }) ?? true else { return false }
        // (1) issuer on the allowlist
        guard payload["iss"] as? String == trust.issuer else { return false }
        // (2) audience is this endpoint
        let audience = trust.publicBaseURL + path
        switch payload["aud"] {
        case let single as String: guard single == audience else { return false }
        case let list as [String]: guard list.contains(audience) else { return false }
        default: return false
        }
        // (3) expiry, and a lifetime short enough for the replay cache
        guard let exp = (payload["exp"] as? NSNumber)?.intValue, exp > now, exp - now <= CDSClientJWT.maxLifetime else { return false }
        // (5) signature, by the key the header names
        guard let kid = header["kid"] as? String, let key = trust.keys[kid], signature.count == 96,
              let ecdsa = try? P384.Signing.ECDSASignature(rawRepresentation: signature)
        else { return false }
        let signed = Data(parts[0].utf8) + Data(".".utf8) + Data(parts[1].utf8)
        guard key.isValidSignature(ecdsa, for: signed) else { return false }
        // (6) each token once
        guard let jti = payload["jti"] as? String, !jti.isEmpty else { return false }
        if let database {
            // A database that cannot say whether the token was used refuses it.
            return (try? database.write { db in try SeenTokens.firstUse(db, id: jti, expires: exp, now: now) }) ?? false
        }
        return seen.withLock { cache in
            cache = cache.filter { $0.value > now }
            guard cache[jti] == nil else { return false }
            cache[jti] = exp
            return true
        }
    }
}
