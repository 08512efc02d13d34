import ScreenVaxCore

/// Errors of the database layer, in words an operator can act on.
public enum StoreError: UserError, Equatable {
    case cannotOpen(path: String, reason: String)
    case migration(file: String, reason: String)
    case newerSchema(found: Int, known: Int)
    case busy

    public var code: String {
        switch self {
        case .cannotOpen: "db_open"
        case .migration: "db_migration"
        case .newerSchema: "db_newer_schema"
        case .busy: "db_busy"
        }
    }

    public var kind: UserErrorKind {
        switch self {
        case .busy: .busy
        case .cannotOpen, .migration, .newerSchema: .invalid
        }
    }

    public var message: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason); check the path (--db or SCREENVAX_DB) and its permissions"
        case .migration(let file, let reason):
            "migration \(file) failed: \(reason); the database was left at its previous version"
        case .newerSchema(let found, let known):
            "the database is at schema version \(found) but this screenvax knows only up to \(known); use a newer screenvax"
        case .busy:
            "the database stayed locked by another process; try again in a moment"
        }
    }
}
