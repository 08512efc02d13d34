import Testing
@testable import ScreenVaxCore

@Suite("Dates and answers as forms write them")
struct FormDateTests {
    @Test("Accepted date spellings", arguments: [
        ("2009-05-01", "2009-05-01"), ("2009/5/1", "2009-05-01"), ("2009/05/01", "2009-05-01"), ("20090501", "2009-05-01"),
        ("2009年5月1日", "2009-05-01"), ("2009年05月01日", "2009-05-01"), (" 2009-05-01 ", "2009-05-01"), ("2009.5.1", "2009-05-01"),
        ("2012年2月29日", "2012-02-29"),
    ])
    func accepted(text: String, iso: String) {
        #expect(FormDate.parse(text) == CalendarDate(iso: iso))
    }

    @Test("Refused date spellings", arguments: [
        "2009-02-29", "2009/13/1", "20090230", "5/1/2009", "2009年5月", "2009-5", "yesterday", "", "2009/5-1", "200905011",
    ])
    func refused(text: String) {
        #expect(FormDate.parse(text) == nil)
    }

    @Test("Yes and no", arguments: [("是", true), ("否", false), ("有", true), ("无", false), ("Y", true), ("n", false), (" 是 ", true)])
    func answers(text: String, expected: Bool) {
        #expect(FormAnswer.parse(text) == expected)
    }
}
