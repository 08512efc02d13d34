import Accounts
import Foundation
import JWTKit
import ScreenVaxCore

/// A clinic system allowed to call the CDS Hooks services with its own signed JWT (CDS Hooks 2.0
/// security): its issuer, its ES384 public keys by `kid` (from the JWKS it handed over, kept in
/// its `api_clients` row), the base URL it calls, from which each endpoint's `aud` is made, and
/// the client it stands for (its name and area).
public struct CDSClientTrust: Sendable {
    public let issuer: String
    let keys: [String: ES384PublicKey]
    /// `https://registry.example:8443` — `aud` must be this plus the path called.
    public let publicBaseURL: String
    /// The client these JWTs act as; nil when only the checks are exercised.
    public let client: APIClient?

    static let maxKeySetBytes = 64 << 10
    static let maxKeys = 20

    public init(issuer: String, jwks: Data, publicBaseURL: String, client: APIClient? = nil) throws(CDSClientTrustError) {
        guard !issuer.isEmpty else { throw .badIssuer }
        self.issuer = issuer
        self.keys = try CDSClientTrust.keys(jwks)
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.client = client
    }

    /// Checks a key set as `client add --jwks` reads it: EC P-384 public keys, each with a kid.
    public static func checkKeySet(_ jwks: Data) throws(CDSClientTrustError) {
        _ = try keys(jwks)
    }

    static func keys(_ jwks: Data) throws(CDSClientTrustError) -> [String: ES384PublicKey] {
        guard jwks.count <= maxKeySetBytes, let set = try? JSONDecoder().decode(JWKS.self, from: jwks) else {
            throw .badJWKS("not a JSON Web Key Set: an object with a \"keys\" array")
        }
        guard set.keys.count <= maxKeys else { throw .badJWKS("the set holds more than \(maxKeys) keys") }
        var keys: [String: ES384PublicKey] = [:]
        for (index, key) in set.keys.enumerated() {
            guard let kid = key.keyIdentifier?.string, !kid.isEmpty, kid.count <= 200 else { throw .badJWKS("key \(index + 1) has no kid") }
            let shown = kid.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } ? kid : "\(index + 1)"
            guard key.keyType.rawValue == "EC", key.curve?.rawValue == "P-384", key.algorithm.map({ $0.rawValue == "ES384" }) ?? true,
                  let x = key.x, let y = key.y, let publicKey = try? ES384PublicKey(parameters: (x: x, y: y))
            else { throw .badJWKS("key \(shown) is not an EC P-384 public key (kty EC, crv P-384, x and y)") }
            guard key.privateExponent == nil else { throw .badJWKS("key \(shown) holds a private key; the set must hold public keys only") }
            keys[kid] = publicKey
        }
        guard !keys.isEmpty else { throw .badJWKS("the set holds no key") }
        return keys
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
        case .badJWKS(let problem): return "--jwks: \(problem); ask the clinic system for its JWKS (ES384 keys)"
        }
    }
}
