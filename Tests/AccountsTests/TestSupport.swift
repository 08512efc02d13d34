import Foundation
import ScreenVaxCore
import ScreenVaxTestSupport
import Store

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

func freshDatabase() throws -> RegistryDatabase {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-accounts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try RegistryDatabase(path: dir.appendingPathComponent("registry.sqlite").path, schemas: schemasURL)
}

/// A clock the test moves by hand.
final class ManualTime: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double

    init(_ seconds: Double = 1_700_000_000) { self.seconds = seconds }

    var now: Double { lock.withLock { seconds } }
    func advance(_ s: Double) { lock.withLock { seconds += s } }

    var clock: Clock { Clock(now: { Date(timeIntervalSince1970: self.now) }) }
}

let testAudit = AuditLog(operatorName: "test", timestamp: "2026-11-29T08:00:00+08:00")
