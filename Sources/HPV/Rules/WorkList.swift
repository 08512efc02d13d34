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
        return items.sorted { a, b in
            if a.urgency != b.urgency { return a.urgency < b.urgency }
            switch a.urgency {
            case 0: if a.next.latest != b.next.latest { return a.next.latest < b.next.latest }
            case 1: if a.next.overdue != b.next.overdue { return a.next.overdue < b.next.overdue }
            default: if a.next.due != b.next.due { return a.next.due < b.next.due }
            }
            return (a.girl.school, a.girl.className, a.girl.name) < (b.girl.school, b.girl.className, b.girl.name)
        }
    }
}
