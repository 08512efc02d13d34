extension HPVStatus {
    /// The status in zh-CN, as the clinic's pages and the school's roster-status file write it.
    public var label: String {
        switch self {
        case .notStarted: "待知情同意"
        case .due: "应种"
        case .scheduled: "未到期"
        case .overdue: "逾期"
        case .complete: "已完成"
        case .windowClosed: "已错过接种窗口"
        case .declined: "拒绝接种"
        case .previouslyVaccinated: "既往已接种"
        case .ineligible: "不符合条件"
        }
    }
}
