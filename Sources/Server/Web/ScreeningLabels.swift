import ScreenVaxCore
import Screening

/// The screening room's errors in Chinese for the nurse at the form, in its words (`ScreeningWords`).
enum ScreeningLabels {
    /// What a form shows beside it for an error of its input; nil for errors that are not the
    /// input's (not found, wrong role, expired form), which the error page answers.
    static func formError(_ error: any Error) -> String? {
        if let e = error as? any UserError { return message(e) }
        if let e = error as? HTTPFailure, e.status == .unprocessableContent || e.status == .badRequest {
            return ScreeningWords.messages[e.code] ?? e.pageMessage ?? "提交的内容未通过检查，请核对后重试。"
        }
        return nil
    }

    /// The error in Chinese with the field it concerns. No code and no English: a nurse reads
    /// what to fix; a value out of range says the range, one not allowed what was typed.
    static func message(_ error: any UserError) -> String {
        let field = error.location?.field.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }.flatMap { ScreeningWords.fields[$0] }
        let prefix = field.map { "【\($0)】" } ?? ""
        let text = ScreeningWords.messages[error.code] ?? "提交的内容未通过检查，请核对后重试。"
        return prefix + text + detail(error)
    }

    /// The numbers behind a range or a list refusal, which the words alone do not carry.
    static func detail(_ error: any UserError) -> String {
        var inner = (error as? ScreeningError) ?? (error as? ResultErrors)?.first
        while case .located(let e, _)? = inner { inner = e }
        switch inner {
        case .outOfRange(_, let value, let lo, let hi, let unit)?:
            return "（填写 \(value)，合理范围 \(FieldValue.number(lo).text)–\(FieldValue.number(hi).text)\(unit.map { " " + $0 } ?? "")）"
        case .badValue(_, let value, _)?:
            // What was expected is said in codes (outcome names, sexes): the form's choices say it.
            return "（填写 \(value)）"
        default:
            return ""
        }
    }
}
