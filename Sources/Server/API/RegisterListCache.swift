import Foundation
import GRDB
import HPV
import ScreenVaxCore
import Store

/// Lists over an area's girls (the work list, the HPV listing) that the server computed, per
/// (area, as-of, variant such as the look-ahead), each with the outbox sequence number it is true
/// at: paging through a county of 30,000 girls then costs a slice, not a forecast.
///
/// Every write of a register record (roster, consent, dose, from this server, the CLI or any
/// process) adds its outbox entry in the same transaction, and outbox rows are never deleted, so
/// the entries after a list's number say exactly what changed since. A list is brought up to date
/// girl by girl (a dose recorded moves one girl, not the county); after a large change (a roster
/// import) it is computed again. Sessions and audit rows do not touch the outbox.
final class RegisterListCache<Item: Sendable>: @unchecked Sendable {
    private struct Key: Hashable {
        let area: String
        let asOf: CalendarDate
        let variant: String
    }

    private struct Entry {
        let seq: Int64
        let items: [Item]
    }

    /// What one read of the database found: the list is current, or these girls changed, or all of them.
    private enum Read { case current(Entry), changed(seq: Int64, [(personUUID: PersonUUID, girl: Girl?)]), girls(seq: Int64, [Girl]) }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    private let capacity = 16

    /// - Parameters:
    ///   - build: the whole list from the area's girls.
    ///   - refresh: brings a list up to date for the girls that changed (as they are now; nil when
    ///     gone from the register or the area).
    func list(area: String, asOf: CalendarDate, variant: String = "", filter: Register.Filter, programme: String,
              database: RegistryDatabase, build: ([Girl]) -> [Item],
              refresh: (inout [Item], [(personUUID: PersonUUID, girl: Girl?)]) -> Void) throws -> [Item] {
        let key = Key(area: area, asOf: asOf, variant: variant)
        let cached = lock.withLock { entries[key] }
        // One read transaction: the changes and the girls are seen as of the same sequence number.
        let read: Read = try database.read { db in
            let now = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox") ?? 0
            if let cached {
                if cached.seq == now { return .current(cached) }
                if let changed = try Register.changedPersons(db, after: cached.seq) {
                    return .changed(seq: now, try changed.map { person in
                        let girl = try Register.girl(db, programme: programme, personID: person.id)
                        return (person.uuid, girl.flatMap { filter.contains($0) ? $0 : nil })
                    })
                }
            }
            return .girls(seq: now, try Register.girls(db, programme: programme, filter: filter))
        }
        let entry: Entry
        switch read {
        case .current(let e): entry = e
        case .changed(let seq, let girls):
            var items = cached!.items
            refresh(&items, girls)
            entry = Entry(seq: seq, items: items)
        case .girls(let seq, let girls): entry = Entry(seq: seq, items: build(girls))
        }
        lock.withLock {
            // Another request may have stored a newer list meanwhile; keep the newest.
            if let existing = entries[key] {
                if existing.seq < entry.seq { entries[key] = entry }
                return
            }
            entries[key] = entry
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        return entry.items
    }
}
