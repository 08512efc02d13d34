import Foundation

/// Errors reading a CSV file itself (not its rows' content).
public enum CSVError: Error, Sendable {
    case cannotRead(String)
    case encoding(row: Int)
}

/// A streaming CSV reader (RFC 4180 quoting, CR/LF or LF line ends, a UTF-8 BOM or GB18030 input),
/// reading the file in fixed-size chunks so that memory does not grow with the file.
///
/// The encoding is decided on the first chunk: a BOM, else valid UTF-8, else GB18030.
public final class CSVReader {
    private let file: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var eof = false
    private var converter: GB18030Converter?
    public private(set) var encoding: TextEncoding = .utf8
    /// The 1-based line the last returned record started on (the header is 1).
    public private(set) var recordLine = 0
    private var line = 1
    private var started = false
    /// Bytes read so far, for progress.
    public private(set) var bytesRead = 0
    /// FNV-1a over the raw bytes read, to tell one file from another in the import log.
    public private(set) var hash: UInt64 = 0xcbf29ce484222325
    public let fileSize: Int

    public init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVError.cannotRead(path) }
        file = handle
        self.chunkSize = chunkSize
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        fileSize = (attrs?[.size] as? NSNumber)?.intValue ?? 0
    }

    deinit { try? file.close() }

    private func fill() throws {
        guard !eof else { return }
        // The first read is large enough to tell UTF-8 from GB18030 by the header's bytes.
        let data = file.readData(ofLength: started ? chunkSize : max(chunkSize, 1 << 16))
        bytesRead += data.count
        if data.isEmpty { eof = true }
        var bytes = [UInt8](data)
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
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
    public func next() throws -> [String]? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.count == 1 && record[0].isEmpty { continue }
            return record
        }
    }

    private func readRecord() throws -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var fieldStart = true
        var any = false
        recordLine = line
        while true {
            if position >= buffer.count {
                try fill()
                if position >= buffer.count {
                    if !any { return nil }
                    fields.append(try CSVReader.decode(field, line: recordLine))
                    return fields
                }
            }
            let b = buffer[position]
            position += 1
            any = true
            if quoted {
                if b == 0x22 {
                    if position >= buffer.count { try fill() }
                    if position < buffer.count && buffer[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                continue
            }
            switch b {
            case 0x22 where fieldStart:
                quoted = true
                fieldStart = false
            case 0x2C:
                fields.append(try CSVReader.decode(field, line: recordLine))
                field.removeAll(keepingCapacity: true)
                fieldStart = true
            case 0x0A:
                line += 1
                fields.append(try CSVReader.decode(field, line: recordLine))
                return fields
            case 0x0D:
                break
            default:
                field.append(b)
                fieldStart = false
            }
        }
    }

    static func decode(_ bytes: [UInt8], line: Int) throws -> String {
        // Most cells of a lab file are empty (one service's values per row out of all services').
        if bytes.isEmpty { return "" }
        guard let s = String(validating: bytes, as: UTF8.self) else { throw CSVError.encoding(row: line) }
        return s
    }
}
