import Assist
import Foundation
import HPV
import ScreenVaxCore
import Screening
import Testing

@Suite("Rule cards: indicators at and around every boundary")
struct RuleCardTests {
    /// The girl's dose-2 last day under the programme (dose 1 on 2023-10-10).
    static func lastDay(_ r: Registry) throws -> CalendarDate {
        let girl = try #require(try r.facts(Registry.girl).girl)
        let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: hpvProgramme, asOf: day("2025-01-01"))
        return try #require(f.next).latest
    }

    @Test("hpv-reminder: warning when the window closes within 30 days (29), info at 30 and 31; none once closed",
          arguments: [(31, Card.Indicator.info), (30, .info), (29, .warning), (1, .warning), (0, .warning), (-1, nil)])
    func hpvWindowClosing(daysLeft: Int, expected: Card.Indicator?) throws {
        let r = try Registry()
        let asOf = try Self.lastDay(r).addingDays(-daysLeft)
        let cards = r.engine().ruleCards(try r.facts(Registry.girl), services: [.hpvReminder], asOf: asOf, language: .en)
        #expect(cards.map(\.indicator) == (expected.map { [$0] } ?? []))
        if let card = cards.first {
            #expect(card.summary.contains("HPV dose 2"))
            #expect(card.summary.count < 140)
            #expect(card.source.label.contains("HPV programme"))
            #expect(card.selectionBehavior == "at-most-one")
        }
    }

    @Test("hpv-reminder: no card before dose 2 is due, an info card on the due day and when overdue")
    func hpvDueAndOverdue() throws {
        let r = try Registry()
        let girl = try #require(try r.facts(Registry.girl).girl)
        let next = try #require(Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: hpvProgramme, asOf: day("2023-10-11")).next)
        let facts = try r.facts(Registry.girl)
        let engine = r.engine()
        #expect(engine.ruleCards(facts, services: [.hpvReminder], asOf: next.due.addingDays(-1), language: .en).isEmpty)
        let due = engine.ruleCards(facts, services: [.hpvReminder], asOf: next.due, language: .en)
        #expect(due.map(\.indicator) == [.info])
        #expect(due.first?.summary.contains("is due") == true)
        let overdue = engine.ruleCards(facts, services: [.hpvReminder], asOf: next.overdue, language: .en)
        #expect(overdue.map(\.indicator) == [.info])
        #expect(overdue.first?.summary.contains("overdue") == true)
    }

    @Test("recall-alert: warning the day before and on the deadline (2023-03-23), critical the day after",
          arguments: [("2023-03-22", Card.Indicator.warning), ("2023-03-23", .warning), ("2023-03-24", .critical)])
    func recallDeadline(asOf: String, expected: Card.Indicator) throws {
        let r = try Registry()
        let cards = r.engine().ruleCards(try r.facts(Registry.mother), services: [.recallAlert], asOf: day(asOf), language: .zh)
        #expect(cards.map(\.indicator) == [expected])
        #expect(cards[0].summary.contains("2023-03-23"))
        #expect(cards[0].summary.contains(expected == .critical ? "已超期" : "待办"))
    }

    @Test("recall-alert: no card for a woman without an open case")
    func noRecall() throws {
        let r = try Registry()
        #expect(r.engine().ruleCards(try r.facts(Registry.quietMother), services: [.recallAlert], asOf: day("2023-03-24"), language: .zh).isEmpty)
    }

    /// NT window for LMP 2023-01-01: 11+0 to 13+6 weeks = 2023-03-19 to 2023-04-08; closing with
    /// at most 7 days left.
    @Test("screening-reminder: NT window not yet open, open, closing at 7 days left, closed",
          arguments: [("2023-03-18", nil), ("2023-03-19", Card.Indicator.info), ("2023-03-31", .info), ("2023-04-01", .warning),
                      ("2023-04-08", .warning), ("2023-04-09", nil)])
    func ntWindow(asOf: String, expected: Card.Indicator?) throws {
        let r = try Registry()
        let cards = r.engine().ruleCards(try r.facts(Registry.quietMother), services: [.screeningReminder], asOf: day(asOf), language: .en)
        let nt = cards.filter { $0.summary.hasPrefix("Nuchal translucency") }
        #expect(nt.map(\.indicator) == (expected.map { [$0] } ?? []))
        if expected == .warning { #expect(nt[0].summary.contains("window closes 2023-04-08")) }
    }

    @Test("Cards come most urgent first and in the asked language; every summary is under 140 characters")
    func orderAndLanguage() throws {
        let r = try Registry()
        let facts = try r.facts(Registry.mother)
        let zh = r.engine().ruleCards(facts, services: AssistServiceID.rules, asOf: day("2023-03-24"), language: .zh)
        #expect(zh.count >= 2)
        #expect(zh.first?.indicator == .critical)
        #expect(zh.map(\.indicator) == zh.map(\.indicator).sorted(by: >))
        #expect(zh.allSatisfy { $0.summary.count < 140 && !$0.source.label.isEmpty })
        #expect(zh[0].source.label.contains("筛查"))
        let en = r.engine().ruleCards(facts, services: AssistServiceID.rules, asOf: day("2023-03-24"), language: .en)
        #expect(en.count == zh.count)
        #expect(en[0].summary.hasPrefix("Recall overdue"))
    }

    @Test("A summary of 140 characters or more is cut below 140")
    func summaryCap() {
        let long = Card(summary: String(repeating: "长", count: 200), indicator: .info, source: Source(label: "x"))
        #expect(long.summary.count == 139)
        let exact = Card(summary: String(repeating: "a", count: 139), indicator: .info, source: Source(label: "x"))
        #expect(exact.summary.count == 139 && !exact.summary.hasSuffix("…"))
        let at140 = Card(summary: String(repeating: "a", count: 140), indicator: .info, source: Source(label: "x"))
        #expect(at140.summary.count == 139 && at140.summary.hasSuffix("…"))
    }

    @Test("Accept-Language picks English only when English is preferred", arguments: [
        (nil, CardLanguage.zh), ("", .zh), ("en", .en), ("en-US,en;q=0.9", .en), ("zh-CN,zh;q=0.9,en;q=0.8", .zh),
        ("zh-CN;q=0.5, en;q=0.8", .en), ("fr", .zh), ("EN-gb", .en),
    ])
    func acceptLanguage(header: String?, expected: CardLanguage) {
        #expect(CardLanguage(acceptLanguage: header) == expected)
    }
}
