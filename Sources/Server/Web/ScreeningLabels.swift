import ScreenVaxCore
import Screening

/// The screening room's errors in Chinese for the nurse at the form, in its words (`ScreeningWords`).
enum ScreeningLabels {
    /// What a form shows beside it for an error of its input; nil for errors that are not the
    /// input's (not found, wrong role, expired form), which the error page answers.
    static func formError(_ error: any Error) -> String? {
        if let e = error as? any UserError { return message(e) }
        if let e = error as? HTTPFailure, e.code == "outside_area" || e.status == .unprocessableContent || e.status == .badRequest {
            return ScreeningWords.messages[e.code].map { $0 + "（\(e.code)）" } ?? e.message
        }
        return nil
    }

    /// The error in Chinese with the field it concerns; the code (and the room's English detail where
    /// it carries the numbers) stays beside it for the help desk.
    static func message(_ error: any UserError) -> String {
        let field = error.location?.field.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }.flatMap { ScreeningWords.fields[$0] }
        let prefix = field.map { "【\($0)】" } ?? ""
        guard let text = ScreeningWords.messages[error.code] else { return prefix + error.message }
        let detail = ["bad_value", "value_out_of_range"].contains(error.code) ? "：" + error.message : ""
        return prefix + text + "（\(error.code)\(detail)）"
    }
}
