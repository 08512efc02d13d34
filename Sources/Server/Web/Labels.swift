import Assist
import FollowUp
import HPV
import ScreenVaxCore
import Screening

/// The words the pages use for the registry's codes (zh-CN).
enum Labels {
    static func status(_ s: HPVStatus) -> String { s.label }

    static func reason(_ r: DoseReason?) -> String { r.map(HPVWords.reason) ?? "" }

    /// A refusal in Chinese, in the words of the room it came from; an error of a room without
    /// words for it is said in general terms, never in English or as its code.
    static func refusal(_ error: any UserError) -> String {
        switch error {
        case is ScreeningError, is ResultErrors, is LocatedError: ScreeningLabels.message(error)
        default: HPVWords.message(code: error.code)
        }
    }

    /// The outcome buttons of the call list, in the policy's order of outcomes.
    static func outcome(_ o: CallOutcome) -> String { o.label }

    /// An outcome code as stored (a task's cause may also be `recall`).
    static func outcome(code: String?) -> String {
        guard let code, !code.isEmpty else { return "" }
        if code == "recall" { return "阳性召回" }
        return CallOutcome(rawValue: code).map { outcome($0) } ?? code
    }

    static func callStatus(_ s: String) -> String {
        switch s {
        case "planned": "待呼叫"
        case "dispatched": "已交语音平台"
        case "waiting": "今日暂停，待再呼"
        case "done": "已完成"
        case "stopped": "已停止呼叫"
        case "escalated": "已转人工随访"
        default: s
        }
    }

    static func priority(_ p: String) -> String {
        switch p {
        case "recall": "召回"
        case "window_closing": "窗口即将关闭"
        case "overdue": "逾期"
        case "due": "应种"
        default: p
        }
    }

    /// A reason code of a call: `recall`, `hpv_window_closing`, `screening_overdue`, ...
    static func callReason(_ code: String) -> String {
        if code == "recall" { return "筛查阳性召回" }
        for (prefix, label) in [("hpv_", "HPV疫苗"), ("screening_", "筛查")] where code.hasPrefix(prefix) {
            return label + priority(String(code.dropFirst(prefix.count)))
        }
        return code
    }

    static func taskKind(_ k: String) -> String { k == "home_visit" ? "入户随访" : k == "staff_call" ? "人工电话" : k }

    static func indicator(_ i: Card.Indicator) -> String {
        switch i {
        case .info: "提示"
        case .warning: "警告"
        case .critical: "紧急"
        }
    }
}
