import GRDB

/// The counts of one imported file, stored so that every imported row can name its file.
public struct ImportBatch: Sendable {
    public var kind: String
    public var fileName: String
    public var hash: String
    public var rows = 0
    public var imported = 0
    public var unchanged = 0
    public var excluded = 0
    public var rejected = 0

    public init(kind: String, fileName: String, hash: String) {
        self.kind = kind
        self.fileName = fileName
        self.hash = hash
    }

    /// Inserts the batch row (counts filled in later by `finish`) and returns its id.
    public static func begin(_ db: Database, kind: String, fileName: String, hash: String, operatorName: String, at: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO import_batches (kind, file_name, file_hash, operator, at, rows, imported, unchanged, excluded, rejected)
            VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0)
            """, arguments: [kind, fileName, hash, operatorName, at])
        return db.lastInsertedRowID
    }

    public func finish(_ db: Database, id: Int64) throws {
        try db.execute(sql: """
            UPDATE import_batches SET file_hash = ?, rows = ?, imported = ?, unchanged = ?, excluded = ?, rejected = ? WHERE id = ?
            """, arguments: [hash, rows, imported, unchanged, excluded, rejected, id])
    }
}
