import ScreenVaxCore
import Screening

/// `recall-alert`: one card per open recall case. The deadline is the Screening room's
/// (`RecallTransitions.deadline`); the card is critical once the deadline has passed, a warning
/// up to and on the deadline day.
public enum RecallAlertCards {
    public static func cards(cases: [RecallCaseRecord], programme: ScreeningProgramme, asOf: CalendarDate, language: CardLanguage) -> [Card] {
        cases.compactMap { c in
            guard c.state.stage.isOpen, let service = programme.service(c.service) else { return nil }
            return card(c, service: service, programme: programme, asOf: asOf, language: language)
        }
    }

    static func card(_ c: RecallCaseRecord, service: Service, programme: ScreeningProgramme, asOf: CalendarDate,
                     language l: CardLanguage) -> Card {
        let deadline = RecallTransitions.deadline(c.state, policy: programme.recall, service: service)
        let overdue = RecallTransitions.isOverdue(c.state, policy: programme.recall, service: service, asOf: asOf)
        let name = l.pick(service.nameZh, service.nameEn)
        let step = RecallTransitions.nextStep(c.state).map { stepName($0, l) } ?? l.pick("结案", "close")
        let due = deadline?.iso ?? "-"
        let summary = overdue
            ? l.pick("召回已超期：\(name)，下一步\(step)，期限\(due)", "Recall overdue: \(name); next step \(step), deadline \(due)")
            : l.pick("召回待办：\(name)，下一步\(step)，期限\(due)", "Recall open: \(name); next step \(step), deadline \(due)")
        let detail = l.pick("""
            召回个案于\(c.openedOn.iso)开启，当前阶段：\(c.state.stage.rawValue)（自\(c.state.stageSince.iso)），未接通联系\(c.state.attempts)次。
            请核实联系方式并按期完成下一步。
            """, """
            Recall case opened \(c.openedOn.iso); stage \(c.state.stage.rawValue) since \(c.state.stageSince.iso); \(c.state.attempts) failed contact attempts.
            Confirm the contact details and complete the next step by its deadline.
            """)
        return Card(summary: summary, detail: detail, indicator: overdue ? .critical : .warning,
                    source: RuleSource.screening(l, programmeID: programme.id),
                    suggestions: [Suggestion(label: l.pick("今日联系并转诊", "Contact and refer today"), isRecommended: true)],
                    overrideReasons: RuleSource.overrideReasons(l))
    }

    static func stepName(_ s: RecallStep, _ l: CardLanguage) -> String {
        switch s {
        case .contact: l.pick("联系告知", "contact")
        case .referred: l.pick("转诊", "referral")
        case .diagnosed: l.pick("确诊", "diagnosis")
        case .managed: l.pick("干预管理", "management")
        case .closed: l.pick("结案", "close")
        case .lost: l.pick("失访", "lost to follow-up")
        case .counselled: l.pick("咨询指导", "counselling")
        }
    }
}
