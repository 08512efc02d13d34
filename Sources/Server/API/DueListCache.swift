import Foundation
import GRDB
import HPV
import ScreenVaxCore
import Store

/// The work lists the server computed, per (area, as-of, look-ahead), each with the outbox sequence
/// number it is true at: paging through a county of 30,000 girls then costs a slice, not a forecast.
///
/// Every write of a register record (roster, consent, dose, from this server, the CLI or any
/// process) adds its outbox entry in the same transaction, and outbox rows are never deleted, so
/// the entries after a list's number say exactly what changed since. A list is brought up to date
/// girl by girl (a dose recorded moves one girl, not the county); after a large change (a roster
/// import) it is computed again. Sessions and audit rows do not touch the outbox.
final class DueListCache: @unchecked Sendable {
    private struct Key: Hashable {
        let area: String
        let asOf: CalendarDate
        let within: Int
    }

    private struct Entry {
        let seq: Int64
        let items: [WorkItem]
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    private let capacity = 16

    func list(area: String, filter: Register.Filter, programme: HPVProgramme, asOf: CalendarDate, within: Int,
              database: RegistryDatabase) throws -> [WorkItem] {
        let key = Key(area: area, asOf: asOf, within: within)
        let cached = lock.withLock { entries[key] }
        // One read transaction: the changes and the girls are seen as of the same sequence number.
        enum Read { case current(Entry), girls(seq: Int64, [Girl]) }
        let read: Read = try database.read { db in
            let now = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox") ?? 0
            if let cached {
                if cached.seq == now { return .current(cached) }
                if let changed = try Register.changedPersons(db, after: cached.seq) {
                    let girls = try changed.map { person -> (personUUID: String, girl: Girl?) in
                        let girl = try Register.girl(db, programme: programme.id, personID: person.id)
                        return (person.uuid, girl.flatMap { filter.contains($0) ? $0 : nil })
                    }
                    var items = cached.items
                    WorkList.refresh(&items, changed: girls, programme: programme, asOf: asOf, within: within)
                    return .current(Entry(seq: now, items: items))
                }
            }
            return .girls(seq: now, try Register.girls(db, programme: programme.id, filter: filter))
        }
        let entry: Entry = switch read {
        case .current(let entry): entry
        case .girls(let seq, let girls): Entry(seq: seq, items: WorkList.due(girls, programme: programme, asOf: asOf, within: within))
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
