import Foundation
import Store

/// The outbox status lives in Store (the server shows it without linking Sync); the sync
/// commands keep their name for it.
public typealias SyncStatus = OutboxStatus

extension SyncQueue {
    public func status(now: Date = Date()) throws -> SyncStatus {
        try database.outboxStatus(now: now)
    }
}
