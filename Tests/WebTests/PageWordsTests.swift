import HPV
import ScreenVaxCore
import Screening
import Testing
@testable import Server

/// A zh-CN page shows a refusal in Chinese, from the room that refused: no internal code, no
/// English message, the numbers a range refusal needs.
struct PageWordsTests {
    @Test(arguments: [
        (ScreeningError.outOfRange("weight_g", "9000", min: 300, max: 8000, unit: "g"), "数值超出合理范围", "合理范围 300–8000 g"),
        (ScreeningError.located(.outOfRange("weeks", "19", min: 20, max: 45, unit: nil), InputLocation(field: "weeks")),
         "【孕周】", "合理范围 20–45）"),
        (ScreeningError.badValue("outcome", "lost", expected: "live_birth or stillbirth"), "填写的值不正确", "（填写 lost）"),
        (ScreeningError.caseNotFound("c-1"), "提交的内容未通过检查", ""),
    ])
    func screeningRefusals(error: ScreeningError, words: String, detail: String) throws {
        let text = Labels.refusal(error)
        #expect(text.contains(words) && (detail.isEmpty || text.contains(detail)), "\(text)")
        #expect(!text.contains(error.code) && !text.contains("live_birth") && !text.contains("outside"), "\(text)")
    }

    @Test(arguments: [
        (HPVError.notEnrolled("3601**********0026"), "没有该学生的名册记录"),
        (HPVError.transferPending(masked: "3601**********0026"), "待处理的转入申请"),
        (HPVError.field(code: "no_words_yet", message: "an English message", field: "x"), "提交的内容未通过检查"),
    ])
    func hpvRefusals(error: HPVError, words: String) {
        let text = Labels.refusal(error)
        #expect(text.contains(words) && !text.contains(error.code) && !text.contains("English"), "\(text)")
    }

    /// Every kind an HTTP status: the clinic API hides what was not found, the platforms name it.
    @Test(arguments: [
        (HPVError.notEnrolled("x") as any UserError, HTTPFailure.Dialect.clinic, 404, "not_found"),
        (FollowUpErrorStandIn.notFound, HTTPFailure.Dialect.platform, 404, "call_not_found"),
        (HPVError.transferPending(masked: "x"), HTTPFailure.Dialect.clinic, 409, "transfer_pending"),
        (HPVError.outsideArea(county: "360702", area: "360102"), HTTPFailure.Dialect.clinic, 403, "outside_area"),
        (HPVError.badOnset("x"), HTTPFailure.Dialect.clinic, 422, "bad_onset"),
        (HPVError.badOnset("x"), HTTPFailure.Dialect.platform, 400, "bad_onset"),
        (CoreError.idFormat, HTTPFailure.Dialect.clinic, 422, "id_format"),
    ])
    func kindsPickTheStatus(error: any UserError, dialect: HTTPFailure.Dialect, status: Int, code: String) {
        let failure = HTTPFailure.from(error, dialect: dialect)
        #expect(failure.status.code == status && failure.code == code)
    }
}

/// A not-found error of another room, as the voice platform's routes see one.
enum FollowUpErrorStandIn: UserError {
    case notFound
    var code: String { "call_not_found" }
    var kind: UserErrorKind { .notFound }
    var message: String { "no call" }
}
