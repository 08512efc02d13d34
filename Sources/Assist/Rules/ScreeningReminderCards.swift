import ScreenVaxCore
import Screening

/// `screening-reminder`: one card per free screening service the Screening room's due list puts
/// open, closing, in catch-up or up for a repeat for this patient. Closing, overdue and repeat
/// windows are warnings; open ones info; windows not yet open get no card.
public enum ScreeningReminderCards {
    public static func cards(subjects: [DueSubject], programme: ScreeningProgramme, asOf: CalendarDate, language: CardLanguage) -> [Card] {
        let items = DueList.sorted(subjects.flatMap { DueList.items(for: $0, programme: programme, asOf: asOf) })
        return items.compactMap { item in
            guard item.status != .upcoming, let service = programme.service(item.service) else { return nil }
            return card(item, service: service, programme: programme, language: language)
        }
    }

    static func card(_ item: DueItem, service: Service, programme: ScreeningProgramme, language l: CardLanguage) -> Card {
        let name = l.pick(service.nameZh, service.nameEn)
        let closes = item.closes.iso
        let summary: String
        let indicator: Card.Indicator
        switch item.status {
        case .closing:
            summary = l.pick("\(name)：窗口将于\(closes)关闭（剩\(item.daysLeft)天）", "\(name): window closes \(closes) (\(item.daysLeft) days left)")
            indicator = .warning
        case .overdue:
            summary = l.pick("\(name)：窗口已于\(closes)关闭，仍可补做", "\(name): window closed \(closes); catch-up still useful")
            indicator = .warning
        case .repeatDue:
            summary = l.pick("\(name)：需复查，请于\(closes)前完成", "\(name): repeat needed by \(closes)")
            indicator = .warning
        case .recollect:
            summary = l.pick("\(name)：标本不合格，请于\(closes)前补采", "\(name): specimen rejected, recollect by \(closes)")
            indicator = .warning
        case .open, .upcoming:
            summary = l.pick("\(name)：窗口已开放，至\(closes)", "\(name): window open until \(closes)")
            indicator = .info
        }
        let detail = l.pick("""
            按\(programme.nameZh)（\(programme.id)）规则：第\(item.slot)次免费服务，窗口\(item.opens.iso)至\(closes)。
            """, """
            Under \(programme.nameEn) (\(programme.id)): free service \(item.slot), window \(item.opens.iso) to \(closes).
            """)
        return Card(summary: summary, detail: detail, indicator: indicator, source: RuleSource.screening(l, programmeID: programme.id),
                    suggestions: [Suggestion(label: l.pick("安排\(name)", "Arrange: \(service.nameEn)"), isRecommended: true)],
                    overrideReasons: RuleSource.overrideReasons(l))
    }
}
