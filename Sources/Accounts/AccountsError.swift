import ScreenVaxCore

/// Errors of accounts, logins and sessions. Messages never say whether a username exists.
public enum AccountsError: UserError, Equatable {
    case unknownArea(String)
    case unknownRole(String)
    case usernameTaken(String)
    case badUsername(String)
    case weakPassword(minimum: Int)
    case wrongCredentials
    case throttled(retryAfter: Int)
    case locked(retryAfter: Int)
    case sessionExpired
    case forbidden(Action)

    public var code: String {
        switch self {
        case .unknownArea: "unknown_area"
        case .unknownRole: "unknown_role"
        case .usernameTaken: "username_taken"
        case .badUsername: "bad_username"
        case .weakPassword: "weak_password"
        case .wrongCredentials: "wrong_credentials"
        case .throttled: "login_throttled"
        case .locked: "account_locked"
        case .sessionExpired: "session_expired"
        case .forbidden: "forbidden"
        }
    }

    public var message: String {
        switch self {
        case .unknownArea(let c):
            "area \(c) is not the province (360000), a city or a county of Schemas/divisions/jiangxi-divisions.csv; use one of its codes"
        case .unknownRole(let r):
            "role \(r) is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case .usernameTaken(let u):
            "username \(u) is already in use; choose another"
        case .badUsername(let u):
            "username \"\(u)\" must be 2 to 64 letters, digits, dots, dashes or underscores"
        case .weakPassword(let n):
            "the password must have at least \(n) characters"
        case .wrongCredentials:
            "wrong username or password"
        case .throttled(let s):
            "too many failed logins; wait \(s) seconds before trying again"
        case .locked(let s):
            "too many failed logins: this username is locked for \(s / 60 + 1) minutes; ask an administrator if you forgot the password"
        case .sessionExpired:
            "the session has expired or was closed; log in again"
        case .forbidden(let a):
            "your role may not do this (\(a.rawValue))"
        }
    }
}
