import Assist
import Logging
import Server

/// The route groups `screenvax serve` mounts, in order, after the open `GET /healthz`.
/// Add a group with one line here; each group's file says its paths and its auth.
enum ServeRoutes {
    static func all(_ serve: ServeCommand, environment: ServerEnvironment) throws -> [RouteRegistration] {
        [
            // CDS Hooks: GET /cds-services, POST /cds-services/{id}, POST /cds-services/{id}/feedback (bearer).
            CDSHooksRoutes.registration(engine: try AssistEngine(
                database: environment.database, schemas: environment.schemas, ai: try serve.aiConfiguration(),
                clock: environment.clock, logger: Logger(label: "screenvax.assist"))),
            CallsRoutes.registration,
            ClinicRoutes.registration(),  // /api/v1 (session, hpv, reports, sync) and the web pages; users log in
        ]
    }
}
