import ScreenVaxCore
import Store

/// One line of the morning's work list.
public struct WorkItem: Sendable {
    public let girl: Girl
    public let forecast: HPVForecast
    public var next: NextDose { forecast.next! }

    /// Urgency class: 0 window closing, 1 overdue, 2 due, 3 coming due within the look-ahead.
    public var urgency: Int {
        if forecast.windowClosing { return 0 }
        switch forecast.status {
        case .overdue: return 1
        case .due: return 2
        default: return 3
        }
    }

    /// The day the line's urgency is about: the latest date when the window is closing, the overdue
    /// date when overdue, else the due date.
    var sortDay: CalendarDate {
        switch urgency {
        case 0: next.latest
        case 1: next.overdue
        default: next.due
        }
    }
}

public enum WorkList {
    /// How far a list may look ahead (`--within`, `within`), in days: ten years covers any schedule,
    /// and a day count beyond it is a typing error, never a date to compute.
    public static let lookAhead = 0...3650

    /// `within` brought inside `lookAhead` (a list function is total over any Int).
    static func horizon(_ asOf: CalendarDate, within: Int) -> CalendarDate {
        asOf.addingDays(min(max(within, lookAhead.lowerBound), lookAhead.upperBound))
    }

    /// The girl's line on the list of `asOf` looking ahead to `horizon`, or nil when she is not on it.
    static func item(_ girl: Girl, programme: HPVProgramme, asOf: CalendarDate, horizon: CalendarDate) -> WorkItem? {
        let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: asOf)
        switch f.status {
        case .due, .overdue: return WorkItem(girl: girl, forecast: f)
        case .scheduled where f.next.map({ $0.due <= horizon }) ?? false: return WorkItem(girl: girl, forecast: f)
        default: return nil
        }
    }

    /// A list of `due` brought up to date for the girls whose facts changed (`ListRefresh`).
    public static func refresh(_ items: inout [WorkItem], changed girls: [(personUUID: PersonUUID, girl: Girl?)],
                               programme: HPVProgramme, asOf: CalendarDate, within: Int = 0) {
        let horizon = WorkList.horizon(asOf, within: within)
        ListRefresh.apply(&items, changed: girls, personUUID: \.girl.personUUID,
                          line: { item($0, programme: programme, asOf: asOf, horizon: horizon) }, precedes: precedes)
    }

    /// The list's order between two lines (the same as `order`'s, for putting one line in place).
    static func precedes(_ a: WorkItem, _ b: WorkItem) -> Bool {
        let (ua, ub) = (a.urgency, b.urgency)
        if ua != ub { return ua < ub }
        let (da, db) = (a.sortDay, b.sortDay)
        if da != db { return da < db }
        return SchoolOrder.compare((a.girl.school, a.girl.className, a.girl.name), (b.girl.school, b.girl.className, b.girl.name)) < 0
    }

    /// The list's order as indices into `items`: urgency class, then the day that class is about
    /// (the latest date when closing, the overdue date, else the due date), then school, class and
    /// name, as a nurse walks a school.
    ///
    /// Each item's place by school, class and name is ranked once (`SchoolOrder`); the main sort
    /// then orders one packed integer per item. Sorting the items themselves copied a girl's
    /// thirteen strings on every comparison.
    static func order(_ items: [WorkItem]) -> [Int] {
        let byName = SchoolOrder.indices(schools: items.map(\.girl.school), classes: items.map(\.girl.className),
                                         names: items.map(\.girl.name))
        var packed: [UInt64] = []
        packed.reserveCapacity(items.count)
        for (rank, i) in byName.enumerated() {
            let urgency = items[i].urgency
            let day = items[i].sortDay
            // Day numbers count from 1970 and fit 30 bits with the bias; ranks fit 32 bits.
            let biasedDay = UInt64(day.dayNumber + (1 << 29))
            packed.append(UInt64(urgency) << 62 | biasedDay << 32 | UInt64(rank))
        }
        packed.sort()
        return packed.map { byName[Int($0 & 0xFFFF_FFFF)] }
    }

    /// Girls to vaccinate and call on `asOf`, most urgent first: window closing soonest, then overdue,
    /// then due; with `within` days, also girls whose next dose comes due by then. Declined girls,
    /// complete girls and girls awaiting consent are never on it.
    public static func due(_ girls: [Girl], programme: HPVProgramme, asOf: CalendarDate, within: Int = 0) -> [WorkItem] {
        var list = Builder(programme: programme, asOf: asOf, within: within)
        for girl in girls { list.add(girl) }
        return list.finished()
    }

    /// Builds the list one girl at a time, so that girls can be streamed from the register.
    public struct Builder {
        let programme: HPVProgramme
        let asOf: CalendarDate
        let horizon: CalendarDate
        /// Items kept in fixed-size chunks: one growing array doubled its capacity as it went and,
        /// while copying, held the old and the new storage at once (the peak of a province's list).
        var chunks: [[WorkItem]] = []
        var current: [WorkItem] = []
        static let chunkSize = 4096

        public init(programme: HPVProgramme, asOf: CalendarDate, within: Int = 0) {
            self.programme = programme
            self.asOf = asOf
            horizon = WorkList.horizon(asOf, within: within)
        }

        /// Forecasts the girl and keeps her when she belongs on the list.
        public mutating func add(_ girl: Girl) {
            if let item = WorkList.item(girl, programme: programme, asOf: asOf, horizon: horizon) { keep(item) }
        }

        private mutating func keep(_ item: WorkItem) {
            if current.capacity < Builder.chunkSize { current.reserveCapacity(Builder.chunkSize) }
            current.append(item)
            if current.count == Builder.chunkSize {
                chunks.append(current)
                current = []
            }
        }

        /// The list, most urgent first. Takes the items out of the builder.
        public mutating func finished() -> [WorkItem] {
            // One array of the list's own size, filled chunk by chunk, each chunk let go once copied.
            var items: [WorkItem] = []
            items.reserveCapacity(chunks.count * Builder.chunkSize + current.count)
            for i in chunks.indices {
                items.append(contentsOf: chunks[i])
                chunks[i] = []
            }
            items.append(contentsOf: current)
            chunks = []
            current = []
            let order = WorkList.order(items)
            // The order applied in place, cycle by cycle (position k gets the item at order[k]): a
            // sorted copy would hold the province's list twice.
            var placed = [Bool](repeating: false, count: items.count)
            for start in items.indices where !placed[start] {
                var k = start
                while true {
                    placed[k] = true
                    let next = order[k]
                    if next == start { break }
                    items.swapAt(k, next)
                    k = next
                }
            }
            return items
        }
    }
}
