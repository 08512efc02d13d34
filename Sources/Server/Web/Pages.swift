import Accounts
import Mustache

/// The page templates, parsed once. Values are HTML-escaped by mustache (`{{x}}`); only our own
/// rendered fragments (a page body, an SVG chart) go in unescaped (`{{{x}}}`).
struct Pages: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        try library.register(LayoutTemplate.text, named: "layout")
        try library.register(LoginTemplate.text, named: "login")
        try library.register(WorkTemplate.text, named: "work")
        try library.register(GirlTemplate.text, named: "girl")
        try library.register(RosterTemplate.text, named: "roster")
        try library.register(ReportTemplate.text, named: "report")
        try library.register(SyncTemplate.text, named: "sync")
        try library.register(MessageTemplate.text, named: "message")
        try library.register(RecallTemplate.text, named: "recall")
        try library.register(ScreeningTemplate.text, named: "screening")
        try library.register(PregnanciesTemplate.text, named: "pregnancies")
        try library.register(PregnancyTemplate.text, named: "pregnancy")
        try library.register(NewbornTemplate.text, named: "newborn")
        try library.register(ScreeningDueTemplate.text, named: "screeningDue")
        try library.register(ScreeningReportTemplate.text, named: "screeningReport")
        try library.register(CallsTemplate.text, named: "calls")
        try library.register(EscalatedTemplate.text, named: "escalated")
        try library.register(GirlsTemplate.text, named: "girls")
        try library.register(AEFITemplate.text, named: "aefi")
        try library.register(TransfersTemplate.text, named: "transfers")
        try library.register(RegisterGirlTemplate.text, named: "registerGirl")
        try library.register(CountyDatesTemplate.text, named: "countyDates")
        try library.register(AEFICourseTemplate.text, named: "aefiCourse")
        self.library = library
    }

    /// A whole page: the template's body inside the layout.
    func render(_ template: String, title: String, values: [String: Any], frame: Frame) -> String {
        let body = library.render(values, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "body": body]
        if let flash = frame.flash { layout["flash"] = flash }
        if let error = frame.error { layout["error"] = error }
        if let session = frame.session {
            let user = session.user
            layout["user"] = [
                "username": user.username, "roleLabel": user.role.label, "areaName": frame.areaName, "csrf": session.csrfToken,
                "nav": Pages.nav(user.role).map { ["href": $0.href, "label": $0.label, "current": $0.href == frame.current] },
            ] as [String: Any]
        }
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    struct Frame {
        var session: Session?
        var areaName = ""
        var current = ""
        var flash: String?
        var error: String?
    }

    static func nav(_ role: Role) -> [(href: String, label: String)] {
        var items: [(String, String)] = []
        if role.may(.readHPV) { items.append(("/work", "今日工作")) }
        if role.may(.uploadRoster) { items.append(("/roster", "名册导入")) }
        if role.may(.uploadRoster) { items.append(("/transfers", "跨县区转入")) }
        if role.may(.registerGirl) { items.append(("/register", "门诊登记")) }
        if role.may(.registerScreening) { items.append(("/screening/due", "筛查待办")) }
        if role.may(.registerScreening) { items.append(("/screening/pregnancies", "孕产妇登记")) }
        if role.may(.registerScreening) { items.append(("/screening/newborns", "新生儿登记")) }
        if role.may(.recordResult) { items.append(("/screening", "筛查录入")) }
        if role.may(.readRecall) { items.append(("/recall", "召回工作台")) }
        if role.may(.readReports) { items.append(("/reports", "统计报表")) }
        if role.may(.readReports) { items.append(("/reports/screening", "筛查报表")) }
        if role.may(.setCountyDates) { items.append(("/county-dates", "接种时间")) }
        if role.may(.readScreening), !role.may(.registerScreening) { items.append(("/screening/due", "筛查待办")) }
        if role.may(.readSync) { items.append(("/sync", "上报状态")) }
        if role.may(.workCalls) { items.append(("/calls", "呼叫清单")) }
        if role.may(.readHPV) { items += [("/girls", "HPV名单"), ("/aefi", "AEFI列表")] }
        return items.map { (href: $0.0, label: $0.1) }
    }
}
