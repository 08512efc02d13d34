import HPV
import ScreenVaxCore

/// `hpv-reminder`: a card when the girl's next programme dose is due or overdue. The forecast is the
/// HPV room's; its closing flag (last day within the programme's `window_closing_days`) makes the
/// card a warning, anything else is info.
public enum HPVReminderCards {
    public static func cards(girl: Girl, programme: HPVProgramme, asOf: CalendarDate, language: CardLanguage) -> [Card] {
        let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: asOf)
        guard f.status == .due || f.status == .overdue, let next = f.next else { return [] }
        return [card(forecast: f, next: next, asOf: asOf, language: language, programmeID: programme.id)]
    }

    static func card(forecast f: HPVForecast, next: NextDose, asOf: CalendarDate, language l: CardLanguage, programmeID: String) -> Card {
        let daysLeft = asOf.days(to: next.latest)
        let summary: String
        if f.windowClosing {
            summary = l.pick("HPV疫苗第\(next.dose)剂接种窗口将于\(next.latest.iso)关闭（剩\(daysLeft)天），请尽快接种",
                             "HPV dose \(next.dose): the window closes on \(next.latest.iso) (\(daysLeft) days left); vaccinate now")
        } else if f.status == .overdue {
            summary = l.pick("HPV疫苗第\(next.dose)剂已逾期（应于\(next.due.iso)起接种），请今日接种",
                             "HPV dose \(next.dose) is overdue (due from \(next.due.iso)); vaccinate today")
        } else {
            summary = l.pick("HPV疫苗第\(next.dose)剂已到期，可今日接种", "HPV dose \(next.dose) is due; it can be given today")
        }
        let valid = f.doses.filter(\.valid).count
        let detail = l.pick("""
            按江西省HPV疫苗免费接种项目（\(programmeID)）规则，截至\(asOf.iso)：
            - 已接种有效剂次：\(valid)
            - 第\(next.dose)剂：最早\(next.earliest.iso)，应种\(next.due.iso)，\(next.overdue.iso)起为逾期，最晚\(next.latest.iso)
            """, """
            Under the county HPV programme (\(programmeID)) as of \(asOf.iso):
            - valid doses so far: \(valid)
            - dose \(next.dose): earliest \(next.earliest.iso), due \(next.due.iso), overdue from \(next.overdue.iso), last day \(next.latest.iso)
            """)
        return Card(summary: summary, detail: detail, indicator: f.windowClosing ? .warning : .info,
                    source: RuleSource.hpv(l, programmeID: programmeID),
                    suggestions: [Suggestion(label: l.pick("今日接种第\(next.dose)剂", "Give dose \(next.dose) today"), isRecommended: true)],
                    overrideReasons: RuleSource.overrideReasons(l))
    }
}
