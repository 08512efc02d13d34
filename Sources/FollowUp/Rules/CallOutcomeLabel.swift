extension CallOutcome {
    /// The outcome as the call list and the province dashboard show it (zh-CN).
    public var label: String {
        switch self {
        case .reached: "已接通"
        case .reachedDeclined: "接通但拒绝"
        case .noAnswer: "无人接听"
        case .busy: "占线"
        case .invalidNumber: "空号/停机"
        case .wrongPerson: "非本人/打错"
        case .voicemail: "语音信箱"
        case .refused: "拒绝随访"
        case .doNotCall: "要求勿再来电"
        }
    }
}
