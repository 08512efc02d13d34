import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Accounts

struct APIClientsTests {
    static let token = "9f2c4e1a7b3d5f60819a2b3c4d5e6f70"
    let db: RegistryDatabase
    let admin = AuditLog(operatorName: "admin.wu", timestamp: "2026-11-29T09:00:00+08:00")

    init() throws { db = try freshDatabase() }

    @Test func aTokenClientIsFoundByItsTokenAndStoredOnlyAsAHash() throws {
        let added = try db.write { db in try APIClients.add(db, name: "his-donghu", scope: .cds, area: .county("360102"), token: Self.token, audit: admin) }
        #expect(added.scope == .cds && added.area == .county("360102"))
        let found = try db.read { db in try APIClients.find(db, token: Self.token) }
        #expect(found?.name == "his-donghu")
        let stored = try db.read { db in try String.fetchOne(db, sql: "SELECT token_hash FROM api_clients") }
        #expect(stored == SessionToken.hash(Self.token))
        let everything = try db.read { db in try String.fetchAll(db, sql: "SELECT name || scope || area_code || COALESCE(token_hash, '') || created_at FROM api_clients") }
        #expect(!everything.joined().contains(Self.token))
        let audit = try db.read { db in try AuditLog.entries(db, limit: 1) }
        #expect(audit.first?.action == "client_add" && audit.first?.detail == "his-donghu scope=cds area=360102 token")
        #expect(audit.first?.operator == "admin.wu")
    }

    @Test func disabledClientsAreNotFoundAndKeepTheirName() throws {
        _ = try db.write { db in try APIClients.add(db, name: "voice-1", scope: .voice, area: .city("360100"), token: Self.token, audit: admin) }
        try db.write { db in try APIClients.disable(db, name: "voice-1", audit: admin) }
        #expect(try db.read { db in try APIClients.find(db, token: Self.token) } == nil)
        #expect(try db.read { db in try APIClients.all(db) }.first?.disabledAt == admin.timestamp)
        #expect(throws: AccountsError.clientNameTaken("voice-1")) {
            try db.write { db in try APIClients.add(db, name: "voice-1", scope: .voice, area: .province, token: Self.token + "x", audit: admin) }
        }
        #expect(throws: AccountsError.unknownClient("voice-2")) { try db.write { db in try APIClients.disable(db, name: "voice-2", audit: admin) } }
    }

    @Test(arguments: [(31, false), (32, true)])
    func tokensOf32CharactersAtLeast(length: Int, accepted: Bool) throws {
        let token = String(repeating: "t", count: length)
        let result = Result { try db.write { db in try APIClients.add(db, name: "c1", scope: .cds, area: .province, token: token, audit: admin) } }
        if accepted { _ = try result.get() } else {
            #expect(throws: AccountsError.tokenTooShort(minimum: 32)) { try result.get() }
        }
    }

    @Test func aTokenOrAnIssuerBelongsToOneClient() throws {
        _ = try db.write { db in try APIClients.add(db, name: "a1", scope: .cds, area: .province, token: Self.token, audit: admin) }
        #expect(throws: AccountsError.tokenInUse) {
            try db.write { db in try APIClients.add(db, name: "a2", scope: .voice, area: .province, token: Self.token, audit: admin) }
        }
        _ = try db.write { db in try APIClients.addJWT(db, name: "j1", area: .county("360102"), issuer: "https://his.example", jwks: "{}", audit: admin) }
        #expect(throws: AccountsError.issuerInUse("https://his.example")) {
            try db.write { db in try APIClients.addJWT(db, name: "j2", area: .province, issuer: "https://his.example", jwks: "{}", audit: admin) }
        }
        let jwt = try db.read { db in try APIClients.find(db, issuer: "https://his.example") }
        #expect(jwt?.name == "j1" && jwt?.scope == .cds && jwt?.area == .county("360102"))
        // Disabled, the issuer may be mapped to another area.
        try db.write { db in try APIClients.disable(db, name: "j1", audit: admin) }
        _ = try db.write { db in try APIClients.addJWT(db, name: "j2", area: .province, issuer: "https://his.example", jwks: "{}", audit: admin) }
    }

    @Test(arguments: ["a", "his donghu", "客户端", String(repeating: "c", count: 65)])
    func clientNamesFollowTheUsernameRule(name: String) {
        #expect(throws: AccountsError.badClientName(name)) {
            try db.write { db in try APIClients.add(db, name: name, scope: .cds, area: .province, token: Self.token, audit: admin) }
        }
    }
}
