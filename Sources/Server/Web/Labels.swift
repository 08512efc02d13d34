import Assist
import FollowUp
import HPV

/// The words the pages use for the registry's codes (zh-CN).
enum Labels {
    static func status(_ s: HPVStatus) -> String { s.label }

    static func reason(_ r: DoseReason?) -> String {
        guard let r else { return "" }
        return switch r {
        case .tooYoung: "年龄过小"
        case .tooOld: "首剂超龄"
        case .tooSoon: "间隔不足"
        case .seriesAgeLimit: "超过全程年龄上限"
        case .expiredLot: "疫苗已过期"
        case .productNotAllowed: "非项目疫苗"
        case .extraDose: "多余剂次"
        case .gracePeriod: "宽限期内有效"
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
