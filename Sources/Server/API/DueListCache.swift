import Foundation
import GRDB
import HPV
import ScreenVaxCore
import Store

/// The work lists the server computed last, per (area, as-of, look-ahead), kept while the database
/// has not changed: paging through a county of 30,000 girls then costs a slice, not a forecast.
///
/// "Not changed" is read on the writer connection: `PRAGMA data_version` moves when another
/// connection (a CLI import, another process) commits, `total_changes()` when this process's writer
/// does. Either moving drops every list.
final class DueListCache: @unchecked Sendable {
    private struct Key: Hashable {
        let area: String
        let asOf: CalendarDate
        let within: Int
    }

    private struct Stamp: Equatable {
        let dataVersion: Int64
        let changes: Int64
    }

    private let lock = NSLock()
    private var stamp: Stamp?
    private var lists: [Key: [WorkItem]] = [:]
    private var order: [Key] = []
    private let capacity = 16

    func stamp(_ database: RegistryDatabase) throws -> (Int64, Int64) {
        try database.pool.writeWithoutTransaction { db in
            let version = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            let changes = try Int64.fetchOne(db, sql: "SELECT total_changes()") ?? 0
            return (version, changes)
        }
    }

    /// The cached list, or `compute()`'s, remembered under the stamp read before computing (a change
    /// that lands while computing moves the stamp, so the next call computes again).
    func list(area: String, asOf: CalendarDate, within: Int, database: RegistryDatabase,
              compute: () throws -> [WorkItem]) throws -> [WorkItem] {
        let (v, c) = try stamp(database)
        let now = Stamp(dataVersion: v, changes: c)
        let key = Key(area: area, asOf: asOf, within: within)
        let cached: [WorkItem]? = lock.withLock {
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
