import Crypto
import Foundation
import Logging
import PostgresNIO
import ScreenVaxCore

/// The counties allowed to push and their bearer tokens, of which the hub keeps only a SHA-256.
public enum CountyTokens {
    /// Tokens shorter than this are refused: a county's token is its whole credential.
    public static let minimumLength = 32
    static let maximumLength = 512

    /// Reads a token file: its first line, trimmed. The file must not be readable or writable by
    /// group or others, and the token must have at least 32 characters. Errors name the file,
    /// never the token.
    public static func read(file path: String) throws(HubError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .tokenFile(path: path, problem: "cannot be read (does it exist?)") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .tokenFile(path: path, problem: "is not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            throw .tokenFile(path: path, problem: "gives group or others access; run chmod 600 on it")
        }
        guard info.st_size <= 4096, let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw .tokenFile(path: path, problem: "is not a small UTF-8 text file holding the token on its first line")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= minimumLength else {
            throw .tokenFile(path: path, problem: "the token must have at least \(minimumLength) characters (e.g. openssl rand -hex 32)")
        }
        guard token.count <= maximumLength, token.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }) else {
            throw .tokenFile(path: path, problem: "the token must be printable ASCII without spaces, at most \(maximumLength) characters")
        }
        return token
    }

    static func hash(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Data(token.utf8))) }

    /// Registers a county (or replaces its token: the old one stops working at once).
    /// Returns true when the county was new.
    @discardableResult
    public static func add(code: String, token: String, divisions: Divisions, database: HubDatabase) async throws -> Bool {
        guard divisions.county(code: code) != nil else { throw HubError.badCounty(code) }
        let digest = ByteBuffer(bytes: hash(token))
        return try await database.transaction { connection in
            let logger = database.logger
            let owner = try await connection.query("SELECT code FROM hub_counties WHERE token_hash = \(digest)", logger: logger)
                .collect().first?.decode(String.self)
            if let owner, owner != code { throw HubError.tokenInUse }
            let rows = try await connection.query("""
                INSERT INTO hub_counties (code, token_hash) VALUES (\(code), \(digest))
                ON CONFLICT (code) DO UPDATE SET token_hash = EXCLUDED.token_hash, updated_at = now()
                RETURNING (xmax = 0)
                """, logger: logger).collect()
            return try rows.first?.decode(Bool.self) ?? false
        }
    }

    /// The county a bearer token belongs to, or nil.
    static func county(token: String, connection: PostgresConnection, logger: Logger) async throws -> String? {
        guard !token.isEmpty, token.utf8.count <= maximumLength else { return nil }
        let digest = ByteBuffer(bytes: hash(token))
        return try await connection.query("SELECT code FROM hub_counties WHERE token_hash = \(digest)", logger: logger)
            .collect().first?.decode(String.self)
    }
}
