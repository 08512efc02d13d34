/// What a user does at the clinic; each role may do only its own work.
public enum Role: String, CaseIterable, Sendable, Codable {
    case vaccinator, screening, followup, officer, admin

    /// The actions this role may take. Reading is granted with the work it serves.
    public var allowed: Set<Action> {
        switch self {
        case .vaccinator: [.readHPV, .uploadRoster, .registerGirl, .recordConsent, .recordDose, .recordAEFI]
        case .screening: [.readScreening, .registerScreening, .recordResult]
        case .followup: [.readHPV, .readScreening, .readRecall, .recordRecallStep, .workCalls]
        // The county's officer keeps the county's own programme dates and follows adverse events to
        // their conclusion; everything else she reads.
        case .officer: [.readHPV, .readScreening, .readRecall, .readReports, .readSync, .setCountyDates, .followAEFI]
        case .admin: [.manageUsers, .readSync]
        }
    }

    public func may(_ action: Action) -> Bool { allowed.contains(action) }

    /// 角色 as the web pages show it.
    public var label: String {
        switch self {
        case .vaccinator: "接种人员"
        case .screening: "筛查人员"
        case .followup: "随访人员"
        case .officer: "管理人员"
        case .admin: "系统管理员"
        }
    }
}

/// Everything the web app and the API let a user do, one case per kind of work.
public enum Action: String, CaseIterable, Sendable {
    case readHPV, uploadRoster, registerGirl, recordConsent, recordDose, recordAEFI, setCountyDates, followAEFI
    case readScreening, registerScreening, recordResult
    case readRecall, recordRecallStep, workCalls
    case readReports, readSync, manageUsers
}
