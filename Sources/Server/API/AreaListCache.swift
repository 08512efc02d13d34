import Foundation
import GRDB
import HPV
import ScreenVaxCore
import Store

/// Lists the server computed last (the HPV register's listing), per (area, as-of, variant), kept
/// while the database has not changed: paging through a county of 30,000 girls then costs a slice,
/// not a forecast. (The work list, viewed far more often, is brought up to date girl by girl
/// instead: `DueListCache`.)
///
/// "Not changed" is the outbox's last sequence number: every write of a register record (roster,
/// consent, dose, from this server, the CLI or any process) adds its outbox entry in the same
/// transaction, and outbox rows are never deleted. Sessions and audit rows do not touch it, so a
/// login or a page view does not drop the lists. Any new entry drops every list.
final class AreaListCache<Item: Sendable>: @unchecked Sendable {
    private struct Key: Hashable {
        let area: String
        let asOf: CalendarDate
        let variant: String
    }

    private struct Stamp: Equatable {
        let lastOutboxSeq: Int64
    }

    private let lock = NSLock()
    private var stamp: Stamp?
    private var lists: [Key: [Item]] = [:]
    private var order: [Key] = []
    private let capacity = 16

    func stamp(_ database: RegistryDatabase) throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox") ?? 0 }
    }

    /// The cached list, or `compute()`'s, remembered under the stamp read before computing (a change
    /// that lands while computing moves the stamp, so the next call computes again).
    func list(area: String, asOf: CalendarDate, variant: String = "", database: RegistryDatabase,
              compute: () throws -> [Item]) throws -> [Item] {
        let now = Stamp(lastOutboxSeq: try stamp(database))
        let key = Key(area: area, asOf: asOf, variant: variant)
        let cached: [Item]? = lock.withLock {
            if stamp != now {
                stamp = now
                lists = [:]
                order = []
            }
            return lists[key]
        }
        if let cached { return cached }
        let items = try compute()
        lock.withLock {
            guard stamp == now else { return }
            lists[key] = items
            order.append(key)
            if order.count > capacity { lists[order.removeFirst()] = nil }
        }
        return items
    }
}
