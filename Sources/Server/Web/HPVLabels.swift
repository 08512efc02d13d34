import HPV
import ScreenVaxCore

/// The HPV pages' words come from the HPV room (`HPVWords`).
extension Labels {
    static func hpvError(_ e: any UserError) -> String { HPVWords.message(code: e.code) }

    static func rowError(_ code: String) -> String { HPVWords.rowProblem(code: code) }

    static func history(action: String, entity: String) -> String { HPVWords.history(action: action, entity: entity) }
}
