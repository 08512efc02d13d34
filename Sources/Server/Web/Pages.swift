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

    /// The menu in its order: an entry shows to a role that may do its action. 筛查待办 stands twice:
    /// beside the registration pages for those who register, after the reports for those who only read.
    static let menu: [(action: Action, href: String, label: String)] = [
        (.readHPV, "/work", "今日工作"),
        (.uploadRoster, "/roster", "名册导入"),
        (.uploadRoster, "/transfers", "跨县区转入"),
        (.registerGirl, "/register", "门诊登记"),
        (.registerScreening, "/screening/due", "筛查待办"),
        (.registerScreening, "/screening/pregnancies", "孕产妇登记"),
        (.registerScreening, "/screening/newborns", "新生儿登记"),
        (.recordResult, "/screening", "筛查录入"),
        (.readRecall, "/recall", "召回工作台"),
        (.readReports, "/reports", "统计报表"),
        (.readReports, "/reports/screening", "筛查报表"),
        (.setCountyDates, "/county-dates", "接种时间"),
        (.readScreening, "/screening/due", "筛查待办"),
        (.readSync, "/sync", "上报状态"),
        (.workCalls, "/calls", "呼叫清单"),
        (.readHPV, "/girls", "HPV名单"),
        (.readHPV, "/aefi", "AEFI列表"),
    ]

    /// The role's menu; a page the menu lists twice shows once, where it first comes.
    static func nav(_ role: Role) -> [(href: String, label: String)] {
        var shown: Set<String> = []
        return menu.filter { role.may($0.action) && shown.insert($0.href).inserted }.map { (href: $0.href, label: $0.label) }
    }
}
