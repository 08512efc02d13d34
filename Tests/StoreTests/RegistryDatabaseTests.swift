import Foundation
import GRDB
import ScreenVaxCore
import ScreenVaxTestSupport
import Testing
@testable import Store

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

func temporaryPath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("registry.sqlite").path
}

@Suite("The registry database")
struct RegistryDatabaseTests {
    @Test("Opens in WAL with foreign keys, at the latest migration, and reports row counts")
    func openAndInfo() throws {
        let db = try RegistryDatabase(path: try temporaryPath(), schemas: schemasURL)
        let info = try db.info()
        #expect(info.journalMode == "wal")
        #expect(info.schemaVersion == db.migrations.latest)
        #expect(info.tables.map(\.table).contains("persons"))
        #expect(try db.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") } == 1)
    }

    @Test("Reopening applies nothing twice; a database from a newer screenvax is refused")
    func migrations() throws {
        let path = try temporaryPath()
        _ = try RegistryDatabase(path: path, schemas: schemasURL)
        _ = try RegistryDatabase(path: path, schemas: schemasURL)
        let all = try Migrations.load(from: schemasURL.appendingPathComponent("sql"))
        let older = Migrations(steps: Array(all.steps.dropLast()))
        do {
            _ = try RegistryDatabase(path: path, migrations: older)
            Issue.record("opened a newer database with older migrations")
        } catch let error as StoreError {
            #expect(error.code == "db_newer_schema")
        }
    }

    @Test("A failing migration leaves the database at its previous version")
    func failingMigration() throws {
        let path = try temporaryPath()
        let all = try Migrations.load(from: schemasURL.appendingPathComponent("sql"))
        let broken = Migrations(steps: all.steps + [.init(number: 9999, name: "9999_broken", sql: "CREATE TABLE x (a); CREATE TABLE x (a);")])
        #expect(throws: StoreError.self) { try RegistryDatabase(path: path, migrations: broken) }
        let db = try RegistryDatabase(path: path, migrations: all)
        #expect(try db.info().schemaVersion == all.latest)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'x'") } == 0)
    }

    @Test("The audit log is append-only")
    func auditAppendOnly() throws {
        let db = try RegistryDatabase(path: try temporaryPath(), schemas: schemasURL)
        let audit = AuditLog(operatorName: "nurse", timestamp: "2023-10-10T09:00:00+08:00")
        try db.write { try audit.record($0, action: "create", entity: "x", uuid: "u1", detail: "d") }
        #expect(throws: DatabaseError.self) { try db.write { try $0.execute(sql: "UPDATE audit_log SET operator = 'someone else'") } }
        #expect(throws: DatabaseError.self) { try db.write { try $0.execute(sql: "DELETE FROM audit_log") } }
        let entries = try db.read { try AuditLog.entries($0) }
        #expect(entries.map(\.operator) == ["nurse"])
    }

    @Test("A write that throws leaves nothing behind; a dry run sees its own writes and keeps none")
    func transactions() throws {
        let db = try RegistryDatabase(path: try temporaryPath(), schemas: schemasURL)
        struct Boom: Error {}
        let id = try ResidentID("11010519491231002X")
        #expect(throws: Boom.self) {
            try db.write { db in
                _ = try Persons.findOrCreate(db, id: id, name: "王芳", at: "2023-01-01T00:00:00+08:00")
                throw Boom()
            }
        }
        let seen = try db.dryRun { db -> Int in
            _ = try Persons.findOrCreate(db, id: id, name: "王芳", at: "2023-01-01T00:00:00+08:00")
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM persons")!
        }
        #expect(seen == 1)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM persons") } == 0)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox") } == 0)
    }

    @Test("One person per ID: the same name again is the same person; another name is a conflict naming both")
    func identity() throws {
        let db = try RegistryDatabase(path: try temporaryPath(), schemas: schemasURL)
        let id = try ResidentID("11010519491231002X")
        let at = "2023-01-01T00:00:00+08:00"
        let first = try db.write { try Persons.findOrCreate($0, id: id, name: "王芳", at: at) }
        let again = try db.write { try Persons.findOrCreate($0, id: id, name: "王 芳", at: at) }
        guard case .created(let a) = first, case .existing(let b) = again else {
            Issue.record("expected created then existing")
            return
        }
        #expect(a.uuid == b.uuid)
        do {
            _ = try db.write { try Persons.findOrCreate($0, id: id, name: "李芳", at: at) }
            Issue.record("accepted another name for the same ID")
        } catch let conflict as IdentityConflict {
            #expect(conflict.message.contains("王芳") && conflict.message.contains("李芳"))
            #expect(!conflict.message.contains("11010519491231002X"))
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox WHERE record_type = 'person'") } == 1)
    }
}
