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
        let horizon = asOf.addingDays(max(0, within))
        var items: [WorkItem] = []
        for girl in girls {
            let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: asOf)
            switch f.status {
            case .due, .overdue: items.append(WorkItem(girl: girl, forecast: f))
            case .scheduled where f.next!.due <= horizon: items.append(WorkItem(girl: girl, forecast: f))
            default: break
            }
        }
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
        return order.map { items[$0] }
    }
}
