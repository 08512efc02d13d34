import Accounts
import Hummingbird

/// Who is asking: a bearer token (machines, the API) or the session cookie (the browser).
public struct Caller: Sendable {
    public let session: Session
    public let token: String
    public let viaCookie: Bool
    public var user: User { session.user }

    /// The session cookie's name.
    public static let cookieName = "sv_session"

    public static func resolve(_ request: Request, services: ClinicServices) throws -> Caller? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            return try services.authenticator.session(token: token).map { Caller(session: $0, token: token, viaCookie: false) }
        }
        if let token = request.cookies[Caller.cookieName]?.value, !token.isEmpty {
            return try services.authenticator.session(token: token).map { Caller(session: $0, token: token, viaCookie: true) }
        }
        return nil
    }

    /// Refuses what the user's role may not do.
    public func require(_ action: Action) throws {
        guard user.may(action) else { throw HTTPFailure(.forbidden, code: "forbidden", message: AccountsError.forbidden(action).message) }
    }
}
