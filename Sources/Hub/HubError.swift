import ScreenVaxCore

/// What goes wrong at the provincial hub, in words the province's operator can act on. Never
/// carries a token, a full resident ID or a record's content.
public enum HubError: UserError, Equatable {
    case badURL(String)
    case noURL
    case unreachable(String)
    case database(String)
    case migration(file: String, reason: String)
    case newerSchema(found: Int, known: Int)
    case notMigrated
    case badCounty(String)
    case tokenFile(path: String, problem: String)
    case tokenInUse
    case badOption(field: String, problem: String)

    public var code: String {
        switch self {
        case .badURL: "hub_url"
        case .noURL: "hub_url_missing"
        case .unreachable: "hub_unreachable"
        case .database: "hub_database"
        case .migration: "hub_migration"
        case .newerSchema: "hub_newer_schema"
        case .notMigrated: "hub_not_migrated"
        case .badCounty: "unknown_county"
        case .tokenFile: "hub_token_file"
        case .tokenInUse: "hub_token_in_use"
        case .badOption: "bad_option"
        }
    }

    public var message: String {
        switch self {
        case .badURL(let why):
            "the PostgreSQL URL is not usable: \(why); write postgres://USER@HOST:PORT/DB (or ?host=/socket/dir)"
        case .noURL:
            "no PostgreSQL URL: give --postgres postgres://USER@HOST:PORT/DB or set SCREENVAX_POSTGRES"
        case .unreachable(let why):
            "cannot reach PostgreSQL (\(why)); check that the server runs and the URL's host, port, user and database"
        case .database(let why):
            "PostgreSQL refused the statement: \(why)"
        case .migration(let file, let reason):
            "migration \(file) failed: \(reason); nothing of it was applied"
        case .newerSchema(let found, let known):
            "the hub database is at migration \(found), newer than this program knows (\(known)); run a newer screenvax"
        case .notMigrated:
            "the hub database has no schema yet; run screenvax hub migrate --postgres URL first"
        case .badCounty(let code):
            "\(code) is not a county code of Schemas/divisions/jiangxi-divisions.csv; give the county's 6-digit code (e.g. 360102)"
        case .tokenFile(let path, let problem):
            "token file \(path): \(problem)"
        case .tokenInUse:
            "this token is already another county's; give each county a token of its own (e.g. openssl rand -hex 32)"
        case .badOption(let field, let problem):
            "\(field): \(problem)"
        }
    }

    public var location: InputLocation? {
        switch self {
        case .badOption(let field, _): InputLocation(field: field)
        default: nil
        }
    }
}
