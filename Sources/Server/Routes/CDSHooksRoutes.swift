import Assist
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScreenVaxCore

/// The CDS Hooks 2.0 endpoints, for `cds` clients only (their bearer token or their issuer's JWT):
/// `GET /cds-services`, `POST /cds-services/{id}`, `POST /cds-services/{id}/feedback`. A hook
/// answers only about patients registered inside the client's area; any other patient gets the
/// answer an unknown one gets.
public enum CDSHooksRoutes {
    /// Request bodies larger than this are refused: a hook request is a few hundred bytes.
    static let maxBody = 1 << 20

    public static func registration(engine: AssistEngine) -> RouteRegistration {
        RouteRegistration(name: "cds-hooks") { router, environment in
            let auth = CDSHooksAuthMiddleware(bearer: environment.bearer(.cds), publicBaseURL: environment.configuration.publicBaseURL,
                                              clock: environment.clock)
            let group = router.group("cds-services").add(middleware: auth).add(middleware: FailureMiddleware(dialect: .platform))
            let discovery = try encode(DiscoveryResponse(services: AssistServiceID.allCases.map(\.descriptor)))
            group.get { _, _ in JSONAnswer.ok(discovery) }
            group.post(":id") { request, context in
                try await call(request, context: context, engine: engine)
            }
            group.post(":id/feedback") { request, context in
                try await feedback(request, context: context, engine: engine)
            }
        }
    }

    static func call(_ request: Request, context: AppRequestContext, engine: AssistEngine) async throws -> Response {
        let service = try serviceID(context)
        let hook = try await decode(HookRequest.self, from: request)
        let language = CardLanguage(acceptLanguage: request.headers[.acceptLanguage])
        // The middleware always sets the client; without one the area is empty, never the province.
        guard let principal = context.principal, let area = principal.area else { throw HTTPFailure.noBearer }
        let caller = HookCaller(client: principal.id, area: area.scope)
        let answer = try await engine.answer(service: service, request: hook, language: language, origin: .http, caller: caller)
        return JSONAnswer.ok(try encode(CardsResponse(cards: answer.cards)))
    }

    static func feedback(_ request: Request, context: AppRequestContext, engine: AssistEngine) async throws -> Response {
        let service = try serviceID(context)
        let body = try await decode(FeedbackRequest.self, from: request)
        let added = try await engine.feedback(service: service, request: body)
        return JSONAnswer.ok("{\"recorded\":\(added)}")
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maxBody) } catch {
            throw AssistError.badRequest("the body is larger than \(maxBody) bytes")
        }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        do { return try JSONDecoder().decode(T.self, from: Data(bytes)) } catch let error as DecodingError {
            throw AssistError.badRequest(describe(error))
        } catch {
            throw AssistError.badRequest("it is not JSON")
        }
    }

    /// Which field is wrong, without echoing values (they may be personal data).
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])) is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c.codingPath)) has the wrong type"
        case .dataCorrupted(let c): return c.codingPath.isEmpty ? "it is not JSON" : "\(path(c.codingPath)) is not valid"
        @unknown default: return "it does not match the CDS Hooks request"
        }
    }

    static func serviceID(_ context: AppRequestContext) throws -> AssistServiceID {
        let id = context.parameters.get("id") ?? ""
        guard let service = AssistServiceID(rawValue: id) else { throw AssistError.unknownService(id) }
        return service
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
