import ScreenVaxCore
import Store

/// Girls in the order a nurse walks a school: by school, class and name, compared by UTF-8 bytes
/// (code point order). Swift's own comparison of Chinese text normalises as it goes and cost more
/// than the forecasts when a county's lists were sorted with it; for the NFC text rosters hold the
/// two orders agree.
public enum SchoolOrder {
    /// Negative, zero or positive as (school, class, name) `a` comes before, with or after `b`.
    public static func compare(_ a: (school: String, className: String, name: String),
                               _ b: (school: String, className: String, name: String)) -> Int {
        let school = a.school.utf8Compare(b.school)
        if school != 0 { return school }
        let className = a.className.utf8Compare(b.className)
        if className != 0 { return className }
        return a.name.utf8Compare(b.name)
    }

    /// Indices of the lines in that order, from three flat columns (sorting the lines themselves
    /// would copy every line's strings on each comparison).
    public static func indices(schools: [String], classes: [String], names: [String]) -> [Int] {
        schools.indices.sorted { i, j in
            compare((schools[i], classes[i], names[i]), (schools[j], classes[j], names[j])) < 0
        }
    }
}

/// A sorted list of per-girl lines brought up to date for the girls whose facts changed, without
/// judging the others again: each changed girl's old line is taken out and her new one, if she
/// still has one, put in its place in the order.
public enum ListRefresh {
    /// - Parameters:
    ///   - changed: the changed girls as they are now (nil for a person no longer on the register
    ///     or outside the list's area), by person uuid.
    ///   - line: the girl's line, or nil when she is not on the list.
    ///   - precedes: the list's order.
    public static func apply<Item>(_ items: inout [Item], changed: [(personUUID: PersonUUID, girl: Girl?)],
                                   personUUID: (Item) -> PersonUUID, line: (Girl) -> Item?,
                                   precedes: (Item, Item) -> Bool) {
        let leaving = Set(changed.map(\.personUUID))
        items.removeAll { leaving.contains(personUUID($0)) }
        for case (_, let girl?) in changed {
            guard let item = line(girl) else { continue }
            var low = 0, high = items.count
            while low < high {
                let mid = (low + high) / 2
                if precedes(items[mid], item) { low = mid + 1 } else { high = mid }
            }
            items.insert(item, at: low)
        }
    }
}
