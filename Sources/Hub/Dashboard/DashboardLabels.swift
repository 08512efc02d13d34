import FollowUp

/// The dashboard's words for the hub's codes (zh-CN pages show no internal codes).
enum DashboardLabels {
    static func conflict(_ kind: String) -> String {
        switch kind {
        case "id_conflict": "身份证号相同但姓名或出生日期不同"
        case "duplicate_enrolment": "同一女生在两个县区的接种名册"
        case "duplicate_pregnancy": "同一孕妇在两个县区登记同一次妊娠"
        case "duplicate_service": "同一对象在两个县区做了同一项筛查（重复补助）"
        default: "其他冲突"
        }
    }

    /// What a screening line's denominator counts.
    static func basis(_ basis: String) -> String {
        switch basis {
        case "deliveries": "产妇数"
        case "live_births": "活产数"
        default: "—"
        }
    }

    /// Call outcomes in the follow-up programme's order, with the call list's words.
    static let callOutcomes: [(code: String, label: String)] = CallOutcome.allCases.map { ($0.rawValue, $0.label) }
}
