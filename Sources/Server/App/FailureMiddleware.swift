import Hummingbird

/// Answers whatever a route group's handlers throw as that group's `HTTPFailure`, so a handler
/// just throws its room's error and the status follows from the error's kind.
struct FailureMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let dialect: HTTPFailure.Dialect

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Already an answer: ours, or the router's own (an unknown path's 404).
            throw error
        } catch {
            throw HTTPFailure.from(error, dialect: dialect)
        }
    }
}
