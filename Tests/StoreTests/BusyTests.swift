import Foundation
import GRDB
import ScreenVaxCore
import ScreenVaxTestSupport
import Testing
@testable import Store

func poll(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool { try Poll.blocking(seconds: seconds, condition) }

/// Another process (the sqlite3 shell) holding the write lock, as a CLI import does.
final class LockHolder {
    let process = Process()
    let input = Pipe()

    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The shell waits for the lock too: our probe below may hold it for a moment.
        input.fileHandleForWriting.write(Data(".timeout 5000\nBEGIN IMMEDIATE;\n".utf8))
        // Ready when our own connection can no longer take the write lock.
        let probe = try DatabaseQueue(path: path)
        let held = try poll(seconds: 20) {
            do { try probe.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE; ROLLBACK;") }; return false } catch let e as DatabaseError {
                return e.resultCode == .SQLITE_BUSY
            }
        }
        guard held else { throw StoreError.cannotOpen(path: path, reason: "the sqlite3 shell never took the lock") }
    }

    func release() {
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

@Suite("A write behind another process's lock", .serialized)
struct BusyTests {
    @Test("The server's short timeout: busy within about 2 s; reads go on; after the lock, the write lands")
    func busyFast() throws {
        let path = try temporaryPath()
        let db = try RegistryDatabase(path: path, schemas: schemasURL, busyTimeout: RegistryDatabase.serverBusyTimeout)
        let holder = try LockHolder(path: path)
        let audit = AuditLog(operatorName: "nurse", timestamp: "2024-05-06T09:00:00+08:00")
        let start = Date()
        var caught: (any Error)?
        do { try db.write { try audit.record($0, action: "create", entity: "x", uuid: "u1", detail: "d") } } catch { caught = error }
        let waited = Date().timeIntervalSince(start)
        #expect(caught as? StoreError == .busy, "\(String(describing: caught))")
        #expect((caught as? StoreError)?.kind == .busy)
        #expect(waited >= 1.5 && waited < 5, "waited \(waited) s")
        #expect(throws: StoreError.busy) { try db.dryRun { try $0.execute(sql: "DELETE FROM sync_batches") } }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_log") } == 0, "WAL readers are never blocked")
        holder.release()
        try db.write { try audit.record($0, action: "create", entity: "x", uuid: "u1", detail: "d") }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_log") } == 1)
    }

    @Test("SQLITE_BUSY and SQLITE_LOCKED are both busy; other errors are not", arguments: [
        (ResultCode.SQLITE_BUSY, true), (.SQLITE_LOCKED, true), (.SQLITE_CONSTRAINT, false), (.SQLITE_IOERR, false),
    ])
    func busyCodes(code: ResultCode, busy: Bool) {
        #expect(RegistryDatabase.isBusy(DatabaseError(resultCode: code)) == busy)
        if busy {
            #expect(throws: StoreError.busy) { try RegistryDatabase.mappingBusy { throw DatabaseError(resultCode: code) } }
        } else {
            #expect(throws: DatabaseError.self) { try RegistryDatabase.mappingBusy { throw DatabaseError(resultCode: code) } }
        }
    }

    @Test("The command line waits 10 s, the server 2 s")
    func timeouts() {
        #expect(RegistryDatabase.commandBusyTimeout == 10)
        #expect(RegistryDatabase.serverBusyTimeout <= 2)
    }

    @Test("A new registry file and its -wal and -shm are readable by their owner only, whatever the umask")
    func privateFiles() throws {
        let path = try temporaryPath()
        let previous = umask(0o022)
        defer { umask(previous) }
        let db = try RegistryDatabase(path: path, schemas: schemasURL)
        try db.write { try $0.execute(sql: "UPDATE sync_state SET last_error = 'x'") }
        for file in [path, path + "-wal", path + "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file): \(String(mode ?? -1, radix: 8))")
        }
    }

    @Test("A dry run returns what its body returned, or its error, and keeps nothing")
    func dryRun() throws {
        let db = try RegistryDatabase(path: try temporaryPath(), schemas: schemasURL)
        struct Boom: Error {}
        #expect(throws: Boom.self) { try db.dryRun { db -> Int in try db.execute(sql: "DELETE FROM sync_state"); throw Boom() } }
        #expect(try db.dryRun { db -> Int in try db.execute(sql: "DELETE FROM sync_state"); return db.changesCount } == 1)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sync_state") } == 1)
    }
}
