import Server

/// The route groups `screenvax serve` mounts, in order, after the open `GET /healthz`.
/// Add a group with one line here; each group's file says its paths and its auth.
enum ServeRoutes {
    static func all(_ serve: ServeCommand, environment: ServerEnvironment) throws -> [RouteRegistration] {
        [
            CallsRoutes.registration,
            ClinicRoutes.registration(),  // /api/v1 (session, hpv, reports, sync) and the web pages; users log in
        ]
    }
}
