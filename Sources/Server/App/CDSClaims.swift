import Foundation
import JWTKit

/// The claims of a CDS client's JWT that the registry checks, read leniently: a claim of the wrong
/// type reads as absent (and the token is refused), never as a trap. `aud` is read here rather
/// than with jwt-kit's `AudienceClaim`, which traps on an empty list.
struct CDSClaims: JWTPayload {
    var iss: String?
    var aud: [String]
    var exp: Double?
    var jti: String?

    enum CodingKeys: String, CodingKey { case iss, aud, exp, jti }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        iss = try? c.decodeIfPresent(String.self, forKey: .iss)
        if let one = try? c.decode(String.self, forKey: .aud) {
            aud = [one]
        } else {
            aud = (try? c.decode([String].self, forKey: .aud)) ?? []
        }
        if let e = try? c.decodeIfPresent(Double.self, forKey: .exp), e.isFinite { exp = e } else { exp = nil }
        jti = try? c.decodeIfPresent(String.self, forKey: .jti)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(iss, forKey: .iss)
        try c.encode(aud, forKey: .aud)
        try c.encodeIfPresent(exp, forKey: .exp)
        try c.encodeIfPresent(jti, forKey: .jti)
    }

    /// The registry checks the claims itself, in its own order (`CDSClientJWT`).
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
