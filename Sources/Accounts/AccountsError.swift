import ScreenVaxCore

/// Errors of accounts, logins, sessions and API clients. Login messages never say whether a
/// username exists.
public enum AccountsError: UserError, Equatable {
    case unknownArea(String)
    case unknownRole(String)
    case usernameTaken(String)
    case badUsername(String)
    case weakPassword(minimum: Int)
    case blankPassword
    case passwordTooLong(maximumBytes: Int)
    case wrongCredentials
    case throttled(retryAfter: Int)
    case locked(retryAfter: Int)
    case sessionExpired
    case forbidden(Action)
    case unknownUser(String)
    case badClientName(String)
    case badScope(String)
    case clientNameTaken(String)
    case unknownClient(String)
    case tokenTooShort(minimum: Int)
    case tokenInUse
    case issuerInUse(String)
    case badIssuer

    public var code: String {
        switch self {
        case .unknownArea: "unknown_area"
        case .unknownRole: "unknown_role"
        case .usernameTaken: "username_taken"
        case .badUsername: "bad_username"
        case .weakPassword: "weak_password"
        case .blankPassword: "blank_password"
        case .passwordTooLong: "password_too_long"
        case .wrongCredentials: "wrong_credentials"
        case .throttled: "login_throttled"
        case .locked: "account_locked"
        case .sessionExpired: "session_expired"
        case .forbidden: "forbidden"
        case .unknownUser: "unknown_user"
        case .badClientName: "bad_client_name"
        case .badScope: "bad_scope"
        case .clientNameTaken: "client_name_taken"
        case .unknownClient: "unknown_client"
        case .tokenTooShort: "token_too_short"
        case .tokenInUse: "token_in_use"
        case .issuerInUse: "issuer_in_use"
        case .badIssuer: "jwt_issuer"
        }
    }

    /// Wrong credentials, an expired session and throttling are the server's own answers (401,
    /// 429 with the wait); these are the kinds of the rest.
    public var kind: UserErrorKind {
        switch self {
        case .forbidden: .forbidden
        case .usernameTaken, .clientNameTaken, .issuerInUse, .tokenInUse: .conflict
        default: .invalid
        }
    }

    public var message: String {
        switch self {
        case .unknownArea(let c):
            "area \(Username.shown(c)) is not the province (360000), a city or a county of Schemas/divisions/jiangxi-divisions.csv; use one of its codes"
        case .unknownRole(let r):
            "role \(Username.shown(r)) is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case .usernameTaken(let u):
            "username \(u) is already in use; choose another"
        case .badUsername(let u):
            "username \(Username.shown(u)) must be 2 to \(Username.maximumLength) letters, digits, dots, dashes or underscores"
        case .weakPassword(let n):
            "the password must have at least \(n) characters"
        case .blankPassword:
            "the password is empty or only spaces; choose one of at least \(PasswordRule.minimumCharacters) characters"
        case .passwordTooLong(let n):
            "the password is longer than \(n) bytes in UTF-8 (bcrypt would ignore the rest); choose a shorter one (a Chinese character takes 3 bytes)"
        case .wrongCredentials:
            "wrong username or password"
        case .throttled(let s):
            "too many failed logins; wait \(s) seconds before trying again"
        case .locked(let s):
            "too many failed logins from this computer: this username is locked here for \(s / 60 + 1) minutes; ask an administrator (screenvax user unlock) if you forgot the password"
        case .sessionExpired:
            "the session has expired or was closed; log in again"
        case .forbidden(let a):
            "your role may not do this (\(a.rawValue))"
        case .unknownUser(let u):
            "there is no user \(u); see screenvax user list"
        case .badClientName(let n):
            "client name \(Username.shown(n)) must be 2 to \(Username.maximumLength) letters, digits, dots, dashes or underscores"
        case .badScope(let s):
            "scope \(Username.shown(s)) is not cds (the CDS Hooks services) or voice (the voice platform's call queue)"
        case .clientNameTaken(let n):
            "a client named \(n) already exists (disabled clients keep their name); choose another name"
        case .unknownClient(let n):
            "there is no client \(n); see screenvax client list"
        case .tokenTooShort(let n):
            "the token is shorter than \(n) characters; generate one with: openssl rand -hex 32"
        case .tokenInUse:
            "another client already has this token; generate a new one with: openssl rand -hex 32"
        case .issuerInUse(let i):
            "an enabled client already trusts the issuer \(Username.shown(i)); disable it first (each issuer maps to one area)"
        case .badIssuer:
            "--jwt-issuer is empty or longer than 500 characters; give the clinic system's issuer (its iss claim)"
        }
    }
}
