import ScreenVaxCore

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
}

public enum WorkList {
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
            horizon = asOf.addingDays(max(0, within))
        }

        /// Forecasts the girl and keeps her when she belongs on the list.
        public mutating func add(_ girl: Girl) {
            let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: asOf)
            switch f.status {
            case .due, .overdue: keep(WorkItem(girl: girl, forecast: f))
            case .scheduled where f.next!.due <= horizon: keep(WorkItem(girl: girl, forecast: f))
            default: break
            }
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
            // Sorted through an index with the numeric keys computed once: moving WorkItems (a girl's
            // strings and her forecast) inside the sort cost more than the forecasts themselves.
            let keys = items.map { item -> (urgency: Int, day: Int) in
                let next = item.next
                let day = switch item.urgency {
                case 0: next.latest
                case 1: next.overdue
                default: next.due
                }
                return (item.urgency, day.dayNumber)
            }
            let order = items.indices.sorted { i, j in
                if keys[i].urgency != keys[j].urgency { return keys[i].urgency < keys[j].urgency }
                if keys[i].day != keys[j].day { return keys[i].day < keys[j].day }
                return (items[i].girl.school, items[i].girl.className, items[i].girl.name)
                    < (items[j].girl.school, items[j].girl.className, items[j].girl.name)
            }
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
