import HTTPTypes
import Hummingbird

/// Lets a request through only with `Authorization: Bearer <token>`; otherwise 401 with a JSON
/// error and `WWW-Authenticate: Bearer`. The comparison takes the same time wherever the first
/// wrong byte is, so the token cannot be guessed byte by byte from response times.
public struct BearerTokenMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    private let expected: [UInt8]

    public init(token: String) {
        expected = Array(token.utf8)
    }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = BearerTokenMiddleware.bearer(request.headers[.authorization]),
              BearerTokenMiddleware.constantTimeEqual(Array(presented.utf8), expected)
        else {
            return JSONAnswer.error(401, code: "unauthorized", message: "a valid bearer token is required",
                                    extra: [.wwwAuthenticate: "Bearer"])
        }
        var context = context
        context.principal = Principal(kind: .serviceToken, id: "bearer")
        return try await next(request, context)
    }

    /// The credentials of a `Bearer` authorization header (scheme case-insensitive), or nil.
    static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// Equal bytes, compared without an early exit; a length difference still reads every byte.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        if a.count != b.count { difference |= 1 }
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
