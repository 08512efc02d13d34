import Foundation

/// A libpq connection URL: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?host=/socket/dir&sslmode=M]`.
///
/// `?host=` starting with `/` names the folder of a Unix socket (`.s.PGSQL.<port>` inside it), as
/// libpq reads it. `sslmode`: `disable`, `prefer` (default for a network host) or `require`;
/// loopback addresses and sockets default to `disable`. The password may also come from
/// `PGPASSWORD`. `description` never shows the password.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case socket(path: String)
    }

    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public let endpoint: Endpoint
    public let user: String
    public let password: String?
    public let database: String
    public let tls: TLSMode

    /// The URL from `--postgres`, else `SCREENVAX_POSTGRES`.
    public static func resolve(_ flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(HubError) -> PostgresURL {
        if let flag, !flag.isEmpty { return try PostgresURL(flag, environment: environment) }
        if let env = environment["SCREENVAX_POSTGRES"], !env.isEmpty { return try PostgresURL(env, environment: environment) }
        throw .noURL
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(HubError) {
        guard text.count <= 2048 else { throw .badURL("longer than 2048 characters") }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .badURL("not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else { throw .badURL("the scheme must be postgres://") }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard ["host", "port", "sslmode", "user", "password", "dbname"].contains(item.name) else {
                throw .badURL("parameter \(item.name) is not supported (host, port, sslmode, user, password, dbname)")
            }
            query[item.name] = item.value ?? ""
        }
        let portText = query["port"] ?? components.port.map(String.init)
        var port = 5432
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else { throw .badURL("the port must be 1 to 65535") }
            port = p
        }
        guard let user = query["user"] ?? components.user?.removingPercentEncoding ?? components.user, !user.isEmpty else {
            throw .badURL("no user: write postgres://USER@…")
        }
        self.user = user
        password = query["password"] ?? components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = query["dbname"] ?? (path.isEmpty ? user : (path.removingPercentEncoding ?? path))
        let host = query["host"] ?? components.host ?? ""
        if host.hasPrefix("/") {
            endpoint = .socket(path: (host.hasSuffix("/") ? host : host + "/") + ".s.PGSQL.\(port)")
        } else {
            guard !host.isEmpty else { throw .badURL("no host: write postgres://USER@HOST:PORT/DB or ?host=/socket/dir") }
            endpoint = .tcp(host: host, port: port)
        }
        if let mode = query["sslmode"] {
            switch mode {
            case "disable": tls = .disable
            case "allow", "prefer": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: throw .badURL("sslmode \(mode) is not one of disable, prefer, require")
            }
        } else {
            switch endpoint {
            case .socket: tls = .disable
            case .tcp(let host, _): tls = ["127.0.0.1", "localhost", "::1"].contains(host) ? .disable : .prefer
            }
        }
    }

    public var description: String {
        switch endpoint {
        case .tcp(let host, let port): "postgres://\(user)@\(host):\(port)/\(database)"
        case .socket(let path): "postgres://\(user)@/\(database)?host=\((path as NSString).deletingLastPathComponent)"
        }
    }
}
