import HPV

/// The words the pages use for the registry's codes (zh-CN).
enum Labels {
    static func status(_ s: HPVStatus) -> String {
        switch s {
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
}
