import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A streaming CSV reader (RFC 4180 quoting, CR/LF or LF line ends, a UTF-8 BOM or GB18030 input),
/// reading the file in fixed-size chunks so that memory does not grow with the file.
///
/// The encoding is decided on the first chunk: a BOM, else valid UTF-8, else GB18030.
///
/// Bounded and linear for any input: a cell longer than `Limits.fieldBytes`, a record longer than
/// `Limits.recordBytes` or wider than `Limits.columns` stops the read with a coded error naming the
/// file, row and column; only regular files are opened (a device such as /dev/zero never ends).
public final class CSVReader {
    public struct Limits: Sendable {
        /// The longest cell, in UTF-8 bytes: a name, an address or a lab comment is far shorter.
        public var fieldBytes: Int
        /// The longest record, in UTF-8 bytes, delimiters included.
        public var recordBytes: Int
        public var columns: Int

        public init(fieldBytes: Int = 4096, recordBytes: Int = 64 << 10, columns: Int = 256) {
            self.fieldBytes = fieldBytes
            self.recordBytes = recordBytes
            self.columns = columns
        }
    }

    private let descriptor: Int32
    private let fileName: String
    private let limits: Limits
    private var header: [String]?
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var eof = false
    private var converter: GB18030Converter?
    public private(set) var encoding: TextEncoding = .utf8
    /// The 1-based line the last returned record started on (the header is 1).
    public private(set) var recordLine = 0
    /// Line breaks inside the quoted fields of the last returned record.
    public private(set) var recordBreaks = 0
    private var line = 1
    private var started = false
    /// Bytes read so far, for progress.
    public private(set) var bytesRead = 0
    /// FNV-1a over the raw bytes read, to tell one file from another in the import log.
    public private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    public let fileSize: Int

    /// Opens `path`, which must be a regular file (or a link to one).
    public init(path: String, chunkSize: Int = 1 << 20, limits: Limits = Limits()) throws {
        // Non-blocking, so that opening a FIFO nobody writes to returns at once (and is refused below).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw CSVError.cannotRead(path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { close(fd); throw CSVError.cannotRead(path) }
        guard info.st_mode & S_IFMT == S_IFREG else { close(fd); throw CSVError.notAFile(path) }
        descriptor = fd
        fileName = URL(fileURLWithPath: path).lastPathComponent
        self.chunkSize = max(1, chunkSize)
        self.limits = limits
        fileSize = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Refuses a path that exists but is not a regular file, for readers that take the whole file
    /// at once (a path that does not exist is left to the caller's own message).
    public static func checkRegularFile(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG { throw CSVError.notAFile(path) }
    }

    /// Up to `count` bytes; empty at the end of the file.
    private func readChunk(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        while true {
            let n = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, count) }
            if n >= 0 { bytes.removeSubrange(n...); return bytes }
            if errno != EINTR { throw CSVError.cannotRead(fileName) }
        }
    }

    private func fill() throws {
        guard !eof else { return }
        // The first read is large enough to tell UTF-8 from GB18030 by the header's bytes.
        var bytes = try readChunk(started ? chunkSize : max(chunkSize, 1 << 16))
        bytesRead += bytes.count
        if bytes.isEmpty { eof = true }
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        if !started {
            started = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                encoding = .utf8BOM
                bytes.removeFirst(3)
            } else if !CSVReader.isValidUTF8Prefix(bytes, final: eof) {
                encoding = .gb18030
                converter = GB18030Converter()
            }
        }
        if let converter {
            guard let converted = converter.convert(bytes[...], final: eof) else { throw CSVError.encoding(row: line) }
            bytes = converted
        }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Whether `bytes` is UTF-8, allowing a character cut at the end of a chunk.
    static func isValidUTF8Prefix(_ bytes: [UInt8], final: Bool) -> Bool {
        var trimmed = bytes[...]
        if !final {
            // Drop up to 3 trailing bytes of a possibly cut character.
            var back = 0
            while back < 3, let last = trimmed.last, last & 0xC0 == 0x80 { trimmed = trimmed.dropLast(); back += 1 }
            if let last = trimmed.last, last >= 0xC0 { trimmed = trimmed.dropLast() }
        }
        return String(validating: trimmed, as: UTF8.self) != nil
    }

    /// The next record's fields, or nil at the end of the file. Blank lines are skipped.
    ///
    /// - Parameter keeping: when given, only the fields whose column is true in it are read into
    ///   text (and checked for their encoding); the others come back empty. For a pass that needs
    ///   two columns of a large file.
    public func next(keeping: [Bool]? = nil) throws -> [String]? {
        while true {
            guard let record = try readRecord(keeping: keeping) else { return nil }
            if record.count == 1 && record[0].isEmpty { continue }
            if header == nil { header = record }
            return record
        }
    }

    private func fieldTooLong(column: Int) -> CSVError {
        .fieldTooLong(file: fileName, row: recordLine, column: columnName(column), limit: limits.fieldBytes)
    }

    private func recordTooLong(column: Int) -> CSVError {
        .recordTooLong(file: fileName, row: recordLine, column: columnName(column), bytes: limits.recordBytes, columns: limits.columns)
    }

    /// The header's name for a column (0-based), else its 1-based number.
    private func columnName(_ index: Int) -> String {
        if let header, index < header.count, !header[index].isEmpty { return header[index] }
        return String(index + 1)
    }

    private func readRecord(keeping: [Bool]?) throws -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        // A column the caller does not keep is scanned and counted against the limits, never copied.
        var keep = Self.keeps(keeping, column: 0)
        var fieldBytes = 0
        var quoted = false
        var fieldStart = true
        var any = false
        var recordBytes = 0
        let fieldLimit = limits.fieldBytes, recordLimit = limits.recordBytes
        recordLine = line
        recordBreaks = 0
        while true {
            if position >= buffer.count {
                try fill()
                if position >= buffer.count {
                    if !any { return nil }
                    fields.append(try decode(field, column: fields.count, keeping: keeping))
                    return fields
                }
            }
            if !quoted {
                // The run of plain bytes up to the next delimiter or quote, taken in one step: most
                // of a roster is such runs, and byte by byte they cost more than the rest of the read.
                let start = position
                let end = buffer.withUnsafeBufferPointer { bytes -> Int in
                    var i = start
                    while i < bytes.count {
                        let b = bytes[i]
                        if b == 0x2C || b == 0x0A || b == 0x0D || b == 0x22 { break }
                        i += 1
                    }
                    return i
                }
                if end > start {
                    let run = end - start
                    // The first limit the bytes one at a time would have crossed is the one told.
                    let toRecordLimit = recordLimit - recordBytes + 1, toFieldLimit = fieldLimit - fieldBytes + 1
                    if run >= min(toRecordLimit, toFieldLimit) {
                        throw toRecordLimit <= toFieldLimit ? recordTooLong(column: fields.count) : fieldTooLong(column: fields.count)
                    }
                    if keep { field.append(contentsOf: buffer[start..<end]) }
                    fieldBytes += run
                    position = end
                    recordBytes += run
                    any = true
                    fieldStart = false
                    continue
                }
            }
            let b = buffer[position]
            position += 1
            any = true
            recordBytes += 1
            if recordBytes > recordLimit { throw recordTooLong(column: fields.count) }
            if quoted {
                if b == 0x22 {
                    if position >= buffer.count { try fill() }
                    if position < buffer.count && buffer[position] == 0x22 {
                        if keep { field.append(0x22) }
                        fieldBytes += 1
                        position += 1
                        recordBytes += 1
                        if fieldBytes > fieldLimit { throw fieldTooLong(column: fields.count) }
                    } else {
                        quoted = false
                    }
                } else {
                    if b == 0x0A {
                        line += 1
                        recordBreaks += 1
                    }
                    if keep { field.append(b) }
                    fieldBytes += 1
                    if fieldBytes > fieldLimit { throw fieldTooLong(column: fields.count) }
                }
                continue
            }
            switch b {
            case 0x22 where fieldStart:
                quoted = true
                fieldStart = false
            case 0x2C:
                fields.append(try decode(field, column: fields.count, keeping: keeping))
                field.removeAll(keepingCapacity: true)
                fieldBytes = 0
                keep = Self.keeps(keeping, column: fields.count)
                fieldStart = true
                if fields.count >= limits.columns { throw recordTooLong(column: fields.count) }
            case 0x0A:
                line += 1
                fields.append(try decode(field, column: fields.count, keeping: keeping))
                return fields
            case 0x0D:
                break
            default:
                if keep { field.append(b) }
                fieldBytes += 1
                fieldStart = false
                if fieldBytes > fieldLimit { throw fieldTooLong(column: fields.count) }
            }
        }
    }

    /// Whether `next(keeping:)` reads this column (0-based) into text.
    private static func keeps(_ keeping: [Bool]?, column: Int) -> Bool {
        guard let keeping else { return true }
        return column < keeping.count && keeping[column]
    }

    private func decode(_ bytes: [UInt8], column: Int, keeping: [Bool]?) throws -> String {
        guard Self.keeps(keeping, column: column) else { return "" }
        return try CSVReader.decode(bytes, line: recordLine)
    }

    static func decode(_ bytes: [UInt8], line: Int) throws -> String {
        // Most cells of a lab file are empty (one service's values per row out of all services').
        if bytes.isEmpty { return "" }
        // `String(validating:)` is generic and unspecialised here (a metadata lookup per cell); the
        // decoding initialiser is not, and gives back the same bytes exactly when they were valid.
        let s = String(decoding: bytes, as: UTF8.self)
        guard bytes.allSatisfy({ $0 < 0x80 }) || s.utf8.elementsEqual(bytes) else { throw CSVError.encoding(row: line) }
        return s
    }
}
