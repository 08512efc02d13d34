/// Who a rule card comes from, and the reasons a clinician may give for not following it.
enum RuleSource {
    static let system = "https://screenvax.example/cds/programme"

    static func hpv(_ l: CardLanguage, programmeID: String) -> Source {
        Source(label: l.pick("ScreenVax 江西HPV疫苗接种项目规则", "ScreenVax Jiangxi HPV programme rules"),
               topic: Coding(system: system, code: programmeID, display: l.pick("HPV疫苗接种", "HPV vaccination")))
    }

    static func screening(_ l: CardLanguage, programmeID: String) -> Source {
        Source(label: l.pick("ScreenVax 产前及新生儿筛查项目规则", "ScreenVax prenatal and newborn screening rules"),
               topic: Coding(system: system, code: programmeID, display: l.pick("出生缺陷防控筛查", "Birth-defect screening")))
    }

    static let overrideSystem = "https://screenvax.example/cds/override-reason"

    static func overrideReasons(_ l: CardLanguage) -> [Coding] {
        [
            Coding(system: overrideSystem, code: "already-done", display: l.pick("已在他处完成", "Already done elsewhere")),
            Coding(system: overrideSystem, code: "declined", display: l.pick("本人或家属拒绝", "Declined by patient or family")),
            Coding(system: overrideSystem, code: "not-today", display: l.pick("今日不适宜", "Not appropriate today")),
        ]
    }
}
