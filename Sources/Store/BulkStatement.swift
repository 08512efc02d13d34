import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API, for the few statements that run
/// once per row of a province-sized import; GRDB's argument boxing costs more than the insert there.
///
/// It runs inside GRDB's transaction on the same connection; failures become `DatabaseError`s.
public struct BulkStatement {
    let handle: OpaquePointer
    let db: Database

    public init(_ db: Database, sql: String) throws {
        self.db = db
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// The texts of one execution, laid end to end and bound in place: SQLite reads them where they
    /// are until the step is done, instead of copying each into an allocation of its own.
    private final class Arena {
        var bytes: [UInt8] = []
    }
    private let arena = Arena()

    /// A value to bind, in parameter order.
    public enum Value {
        case text(String?)
        /// Text already encoded as UTF-8 (a payload the JSON writer made): bound without becoming a String.
        case utf8([UInt8])
        case int(Int64?)

        public static func bool(_ b: Bool) -> Value { .int(b ? 1 : 0) }
    }

    /// Binds each value at its parameter, texts (a `.text` or `.utf8` value) through `text`.
    private func bind(_ values: [Value], text: (Int32, Value) -> Void) {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .text(.some), .utf8: text(index, value)
            case .int(let n?): sqlite3_bind_int64(handle, index, n)
            case .text(nil), .int(nil): sqlite3_bind_null(handle, index)
            }
        }
    }

    /// Binds `values` with SQLite copying each text (the bindings outlive the call).
    private func bindCopying(_ values: [Value]) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bind(values) { index, value in
            BulkStatement.withBytes(of: value) { buf in
                if let base = buf.baseAddress {
                    let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(handle, index, chars, Int32(buf.count), BulkStatement.transient)
                } else {
                    sqlite3_bind_text(handle, index, "", 0, nil)
                }
            }
        }
    }

    /// Calls `body` with the UTF-8 bytes of a text value (none for a number or a null).
    private static func withBytes(of value: Value, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        switch value {
        case .text(var s?): s.withUTF8(body)
        case .utf8(let bytes): bytes.withUnsafeBufferPointer(body)
        default: break
        }
    }

    /// Binds `values` with their texts in the arena and runs `body` while SQLite may read them;
    /// the bindings are cleared before the arena is reused.
    private func withBound<T>(_ values: [Value], _ body: () throws -> T) rethrows -> T {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        arena.bytes.removeAll(keepingCapacity: true)
        for value in values { BulkStatement.withBytes(of: value) { arena.bytes.append(contentsOf: $0) } }
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        return try arena.bytes.withUnsafeBufferPointer { bytes in
            // The texts lie in parameter order: each starts where the one before it ended.
            var start = 0
            bind(values) { index, value in
                var count = 0
                BulkStatement.withBytes(of: value) { count = $0.count }
                defer { start += count }
                // SQLITE_STATIC (no destructor): the bytes stay put until the bindings are cleared.
                if let base = bytes.baseAddress, count > 0 {
                    let chars = UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(handle, index, chars, Int32(count), nil)
                } else {
                    sqlite3_bind_text(handle, index, "", 0, nil)
                }
            }
            return try body()
        }
    }

    private func fail(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }

    /// Runs a statement that returns no rows.
    public func execute(_ values: [Value]) throws {
        try withBound(values) {
            let rc = sqlite3_step(handle)
            guard rc == SQLITE_DONE else { throw fail(rc) }
        }
    }

    /// Runs a query and hands the first row's columns to `read`; nil when there is no row.
    public func first<T>(_ values: [Value], _ read: (Columns) -> T) throws -> T? {
        try withBound(values) {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return nil }
            guard rc == SQLITE_ROW else { throw fail(rc) }
            return read(Columns(handle: handle))
        }
    }

    /// Runs a query and hands each row's columns to `read`, in order.
    public func each(_ values: [Value], _ read: (Columns) throws -> Void) throws {
        try withBound(values) {
            while true {
                let rc = sqlite3_step(handle)
                if rc == SQLITE_DONE { return }
                guard rc == SQLITE_ROW else { throw fail(rc) }
                try read(Columns(handle: handle))
            }
        }
    }

    /// Binds `values` for stepping with `step()`: for reading two statements side by side.
    public func start(_ values: [Value]) { bindCopying(values) }

    /// The next row of a statement begun with `start`, or nil after the last one.
    public func step() throws -> Columns? {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return Columns(handle: handle) }
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else { throw fail(rc) }
        return nil
    }

    /// The columns of the current row, by index.
    public struct Columns {
        let handle: OpaquePointer

        public func text(_ i: Int32) -> String? {
            guard let p = sqlite3_column_text(handle, i) else { return nil }
            return String(cString: p)
        }

        public func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

        public func optionalInt(_ i: Int32) -> Int64? { isNull(i) ? nil : sqlite3_column_int64(handle, i) }

        public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    }
}
