extension AccountsError {
    /// What a login page says when a login is refused (zh-CN); a wrong password and an unknown
    /// username read the same.
    public var loginPageText: String {
        switch self {
        case .throttled(let s): "登录失败次数过多，请 \(s) 秒后再试。"
        case .locked(let s): "登录失败次数过多，该账号已锁定 \(s / 60 + 1) 分钟；如忘记密码请联系管理员。"
        default: "用户名或密码错误。"
        }
    }

    /// The refusal is the login policy's (too many failures: HTTP 429), not the credentials' (401).
    public var isLoginLimit: Bool {
        switch self {
        case .throttled, .locked: true
        default: false
        }
    }
}
