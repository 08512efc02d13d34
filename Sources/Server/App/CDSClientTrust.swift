import Crypto
import Foundation
import ScreenVaxCore

/// A clinic system allowed to call the CDS Hooks services with its own signed JWT (CDS Hooks 2.0
/// security) instead of the shared service token: its issuer, its ES384 public keys by `kid`
/// (read from a JWKS file the province hands out), and the base URL it calls, from which each
/// endpoint's `aud` is made.
public struct CDSClientTrust: Sendable {
    public let issuer: String
    public let keys: [String: P384.Signing.PublicKey]
    /// `https://registry.example:8443` — `aud` must be this plus the path called.
    public let publicBaseURL: String

    public init(issuer: String, jwks: Data, publicBaseURL: String) throws(CDSClientTrustError) {
        guard !issuer.isEmpty else { throw .badIssuer }
        guard let object = try? JSONSerialization.jsonObject(with: jwks) as? [String: Any],
              let list = object["keys"] as? [[String: Any]]
        else { throw .badJWKS("not a JSON Web Key Set: an object with a \"keys\" array") }
        var keys: [String: P384.Signing.PublicKey] = [:]
        for (index, key) in list.enumerated() {
            guard let kid = key["kid"] as? String, !kid.isEmpty else { throw .badJWKS("key \(index + 1) has no kid") }
            guard key["kty"] as? String == "EC", key["crv"] as? String == "P-384",
                  let x = (key["x"] as? String).flatMap(Base64URL.decode), let y = (key["y"] as? String).flatMap(Base64URL.decode),
                  x.count == 48, y.count == 48,
                  let publicKey = try? P384.Signing.PublicKey(rawRepresentation: x + y)
            else { throw .badJWKS("key \(kid) is not an EC P-384 public key (kty EC, crv P-384, x and y)") }
            keys[kid] = publicKey
        }
        guard !keys.isEmpty else { throw .badJWKS("the set holds no key") }
        self.issuer = issuer
        self.keys = keys
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
    }
}

public enum CDSClientTrustError: UserError, Equatable {
    case badIssuer
    case badJWKS(String)

    public var code: String {
        switch self {
        case .badIssuer: return "jwt_issuer"
        case .badJWKS: return "jwt_jwks"
        }
    }

    public var message: String {
        switch self {
        case .badIssuer: return "--jwt-issuer is empty; give the clinic system's issuer (its iss claim)"
        case .badJWKS(let problem): return "--jwt-jwks: \(problem); ask the clinic system for its JWKS (ES384 keys)"
        }
    }
}

/// base64url without padding, as JWTs and JWKs use it.
enum Base64URL {
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map { [UInt8]($0) }
    }
}
