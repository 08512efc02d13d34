import Accounts
import Assist
import Crypto
import Curl
import Foundation
import GRDB
import Server
import Store
import Testing

/// CDS Hooks client JWTs (ES384): what the best-practice checks refuse, over the real server,
/// with tokens minted here by a key only this test holds.
@Suite struct CDSClientJWTTests {
    static let issuer = "https://his.county.example"
    static let publicURL = "https://registry.example"
    static let key = P384.Signing.PrivateKey()
    static let path = "/cds-services/recall-alert"
    /// The registry's test clock: 2023-03-24T02:00:00Z.
    static let now = 1_679_623_200

    static func b64(_ data: some Sequence<UInt8>) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func jwks(kid: String = "k1") -> Data {
        let raw = [UInt8](key.publicKey.rawRepresentation)
        return Data(#"{"keys":[{"kty":"EC","crv":"P-384","kid":"\#(kid)","x":"\#(b64(raw[0..<48]))","y":"\#(b64(raw[48..<96]))"}]}"#.utf8)
    }

    struct Claims {
        var alg = "ES384"
        var kid = "k1"
        var iss = CDSClientJWTTests.issuer
        var aud = CDSClientJWTTests.publicURL + CDSClientJWTTests.path
        var exp = CDSClientJWTTests.now + 300
        var jti = UUID().uuidString
        var signer = CDSClientJWTTests.key
    }

    static func mint(_ c: Claims) throws -> String {
        let header = b64(Data(#"{"alg":"\#(c.alg)","typ":"JWT","kid":"\#(c.kid)"}"#.utf8))
        let payload = b64(Data(#"{"iss":"\#(c.iss)","aud":"\#(c.aud)","exp":\#(c.exp),"iat":\#(now),"jti":"\#(c.jti)"}"#.utf8))
        let signature = try c.signer.signature(for: Data("\(header).\(payload)".utf8))
        return "\(header).\(payload).\(b64(signature.rawRepresentation))"
    }

    static func verifier() throws -> CDSClientJWT {
        CDSClientJWT(trust: try CDSClientTrust(issuer: issuer, jwks: jwks(), publicBaseURL: publicURL))
    }

    /// Each case changes one thing of a valid token.
    static func claims(_ name: String) -> Claims {
        var c = Claims()
        switch name {
        case "other issuer": c.iss = "https://evil.example"
        case "other endpoint as audience": c.aud = publicURL + "/cds-services/hpv-reminder"
        case "expired a second ago": c.exp = now - 1
        case "expires now": c.exp = now
        case "expires in a second": c.exp = now + 1
        case "lives an hour": c.exp = now + 3600
        case "lives longer than the replay cache": c.exp = now + 3601
        case "unknown kid": c.kid = "k2"
        case "signed by another key": c.signer = P384.Signing.PrivateKey()
        case "alg none": c.alg = "none"
        case "alg HS256": c.alg = "HS256"
        case "no jti": c.jti = ""
        default: break
        }
        return c
    }

    @Test("Each check refuses its own bad token", arguments: [
        ("valid", true),
        ("other issuer", false),
        ("other endpoint as audience", false),
        ("expired a second ago", false),
        ("expires now", false),
        ("expires in a second", true),
        ("lives an hour", true),
        ("lives longer than the replay cache", false),
        ("unknown kid", false),
        ("signed by another key", false),
        ("alg none", false),
        ("alg HS256", false),
        ("no jti", false),
    ])
    func checks(name: String, accepted: Bool) async throws {
        #expect(await (try Self.verifier()).accepts(try Self.mint(Self.claims(name)), path: Self.path, now: Self.now) == accepted, "\(name)")
    }

    /// Claims of the wrong shape are refused, never a trap (jwt-kit's own audience claim traps on `[]`).
    @Test("Malformed claims are refused", arguments: [
        #"{"iss":"https://his.county.example","aud":[],"exp":1679623500,"jti":"a"}"#,
        #"{"iss":"https://his.county.example","aud":"https://registry.example/cds-services/recall-alert","exp":1e300,"jti":"a"}"#,
        #"{"iss":"https://his.county.example","aud":"https://registry.example/cds-services/recall-alert","exp":"soon","jti":"a"}"#,
        #"{"iss":["x"],"aud":{"a":1},"exp":null}"#,
        #"[]"#,
    ])
    func malformedClaims(payload: String) async throws {
        let header = Self.b64(Data(#"{"alg":"ES384","typ":"JWT","kid":"k1"}"#.utf8))
        let body = Self.b64(Data(payload.utf8))
        let signature = try Self.key.signature(for: Data("\(header).\(body)".utf8))
        let token = "\(header).\(body).\(Self.b64(signature.rawRepresentation))"
        #expect(await (try Self.verifier()).accepts(token, path: Self.path, now: Self.now) == false)
    }

    @Test func aTokenIsAcceptedOnceOnly() async throws {
        let verifier = try Self.verifier()
        let token = try Self.mint(Claims())
        #expect(await verifier.accepts(token, path: Self.path, now: Self.now))
        #expect(await !verifier.accepts(token, path: Self.path, now: Self.now + 10))
    }

    /// `serve` keeps used jtis in the registry: a token used before a restart stays refused after
    /// it, until it expires; another token is accepted.
    @Test func aUsedTokenStaysRefusedAcrossARestart() async throws {
        let registry = try ServerRegistry()
        let trust = try CDSClientTrust(issuer: Self.issuer, jwks: Self.jwks(), publicBaseURL: Self.publicURL)
        let token = try Self.mint(Claims())
        #expect(await CDSClientJWT(trust: trust, database: registry.database).accepts(token, path: Self.path, now: Self.now))
        let restarted = CDSClientJWT(trust: trust, database: try RegistryDatabase(path: registry.database.path, schemas: schemasURL))
        #expect(await !restarted.accepts(token, path: Self.path, now: Self.now + 10))
        #expect(await restarted.accepts(try Self.mint(Claims()), path: Self.path, now: Self.now + 10))
        let kept = try registry.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cds_jwt_seen") }
        #expect(kept == 2)
        // Once both have expired they are forgotten on the next check.
        #expect(await restarted.accepts(try Self.mint(Claims(exp: Self.now + 900)), path: Self.path, now: Self.now + 400))
        let left = try registry.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cds_jwt_seen") }
        #expect(left == 1)
    }

    @Test func aBadKeySetIsAClearError() {
        #expect(throws: CDSClientTrustError.badJWKS("not a JSON Web Key Set: an object with a \"keys\" array")) {
            try CDSClientTrust(issuer: Self.issuer, jwks: Data("[]".utf8), publicBaseURL: Self.publicURL)
        }
        #expect(throws: CDSClientTrustError.badJWKS("key k1 is not an EC P-384 public key (kty EC, crv P-384, x and y)")) {
            try CDSClientTrust(issuer: Self.issuer, jwks: Data(#"{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]}"#.utf8),
                               publicBaseURL: Self.publicURL)
        }
    }

    @Test("Over HTTP: the JWT opens the hook, a replay or a forged one gets a bare 401, the token still works")
    func overHTTP() async throws {
        let registry = try ServerRegistry()
        try registry.addJWTClient("his-jwt", area: .province, issuer: Self.issuer, jwks: Self.jwks())
        let server = try await TestServer.start(registry: registry)
        do {
            let hook = CDSHooksServerTests.hook
            let token = try Self.mint(Claims())
            let first = try await HTTP.post(server.base + Self.path, json: hook, token: token)
            #expect(first.status == 200)
            #expect((try HTTP.json(first)["cards"] as? [Any])?.isEmpty == false)
            let replay = try await HTTP.post(server.base + Self.path, json: hook, token: token)
            #expect(replay.status == 401)
            #expect(replay.body.isEmpty)
            var forged = Claims()
            forged.signer = P384.Signing.PrivateKey()
            let bad = try await HTTP.post(server.base + Self.path, json: hook, token: try Self.mint(forged))
            #expect(bad.status == 401)
            #expect(bad.body.isEmpty)
            let shared = try await HTTP.post(server.base + Self.path, json: hook)
            #expect(shared.status == 200)
            let discovery = try await HTTP.get(server.base + "/cds-services", token: try Self.mint(Claims(aud: Self.publicURL + "/cds-services")))
            #expect(discovery.status == 200)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The issuer maps to a client and its area: a county's clinic system gets the cards of its own
    /// county's patient, and for another county's patient exactly what an unknown patient gets; the
    /// hook audit names the client either way. A disabled client's JWTs get a bare 401.
    @Test func aJWTActsAsItsClientInsideItsArea() async throws {
        let registry = try ServerRegistry()
        try registry.addJWTClient("his-xihu", area: .county("360103"), issuer: "https://his.xihu.example", jwks: Self.jwks())
        try registry.addJWTClient("his-donghu", area: .county("360102"), issuer: Self.issuer, jwks: Self.jwks())
        let server = try await TestServer.start(registry: registry)
        do {
            let hook = CDSHooksServerTests.hook
            let own = try await HTTP.post(server.base + Self.path, json: hook, token: try Self.mint(Claims()))
            #expect(try own.status == 200 && (HTTP.json(own)["cards"] as? [Any])?.isEmpty == false)
            let other = try await HTTP.post(server.base + Self.path, json: hook, token: try Self.mint(Claims(iss: "https://his.xihu.example")))
            let stranger = hook.replacingOccurrences(of: ServerRegistry.mother, with: residentID("1980-02-02"))
            let unknown = try await HTTP.post(server.base + Self.path, json: stranger, token: try Self.mint(Claims(iss: "https://his.xihu.example")))
            #expect(other.status == 200 && other.bodyText == #"{"cards":[]}"#)
            func shape(_ r: Curl.HTTPResponse) -> [String] {
                r.headers.filter { $0.name.lowercased() != "date" }.map { "\($0.name): \($0.value)" }
            }
            #expect(other.status == unknown.status && other.bodyText == unknown.bodyText && shape(other) == shape(unknown))
            let audit = try registry.database.read { db in try HookAudit.entries(db) }
            #expect(audit.map(\.client) == ["his-xihu", "his-xihu", "his-donghu"])
            #expect(audit.map(\.outsideArea) == [false, true, false])
            #expect(audit[1].patientFound == false && audit[1].cardIDs.isEmpty)
            try registry.database.write { db in try APIClients.disable(db, name: "his-donghu", audit: ServerRegistry.admin) }
            let disabled = try await HTTP.post(server.base + Self.path, json: hook, token: try Self.mint(Claims()))
            #expect(disabled.status == 401 && disabled.body.isEmpty)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
