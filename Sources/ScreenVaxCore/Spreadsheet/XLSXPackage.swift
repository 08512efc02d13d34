import Foundation
import ZIPFoundation

/// An xlsx file as the ZIP archive it is (ZIPFoundation): finds its parts and feeds each one, inflated
/// chunk by chunk, to an XML parser, with the caps on size and compression ratio checked as it goes.
final class XLSXPackage {
    let fileName: String
    let limits: SpreadsheetLimits
    private let archive: Archive
    /// The same file, for the entries' compressed bytes (see `DeflatedEntry`).
    private let file: FileHandle
    /// Part names are case-insensitive (Open Packaging Conventions).
    private let entries: [String: Entry]

    init(url: URL, fileName: String, limits: SpreadsheetLimits) throws {
        self.fileName = fileName
        self.limits = limits
        do {
            archive = try Archive(url: url, accessMode: .read)
            file = try FileHandle(forReadingFrom: url)
        } catch {
            throw SpreadsheetError.invalid(file: fileName, part: "ZIP archive", problem: "the archive is damaged or incomplete")
        }
        var found: [String: Entry] = [:]
        var count = 0
        for entry in archive where entry.type == .file {
            count += 1
            guard count <= limits.maxEntries else {
                throw SpreadsheetError.tooLarge(file: fileName, part: "ZIP archive", problem: "more than \(limits.maxEntries) files")
            }
            let key = entry.path.lowercased()
            if found[key] == nil { found[key] = entry }
        }
        entries = found
    }

    func contains(_ part: String) -> Bool { entries[part.lowercased()] != nil }

    /// The uncompressed size the archive declares for a part (for progress).
    func declaredSize(_ part: String) -> Int {
        entries[part.lowercased()].map { Int(clamping: $0.uncompressedSize) } ?? 0
    }

    /// Parses one part with `events`, streaming it; a missing part, malformed XML, a damaged entry or a
    /// part over the caps is a `SpreadsheetError`. `progress` gets the uncompressed bytes parsed so far.
    func parse(_ part: String, with events: any XMLEvents, maxBytes: Int? = nil, progress: ((Int) -> Void)? = nil) throws {
        let parser = XMLPushParser(events: events)
        var inflated = 0
        try inflate(part, maxBytes: maxBytes) { chunk in
            try parser.feed(chunk)
            inflated += chunk.count
            progress?(inflated)
        }
        do { try parser.finish() } catch let problem as XMLProblem {
            throw SpreadsheetError.invalid(file: fileName, part: part, problem: "line \(problem.line): \(problem.message)")
        } catch let error as CellProblem {
            throw error.spreadsheetError(file: fileName, part: part)
        }
    }

    /// Hands a part's uncompressed bytes to `body` chunk by chunk (64 KB), checking the caps on what
    /// actually comes out (declared sizes can lie) and the checksum at the end.
    func inflate(_ part: String, maxBytes: Int? = nil, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = entries[part.lowercased()] else {
            throw SpreadsheetError.invalid(file: fileName, part: part, problem: "the part is missing")
        }
        let cap = maxBytes ?? limits.maxPartBytes
        let declared = entry.uncompressedSize
        let compressed = max(entry.compressedSize, 1)
        let ratio = UInt64(limits.maxCompressionRatio)
        if declared > UInt64(cap) {
            throw SpreadsheetError.tooLarge(file: fileName, part: part, problem: "\(declared) bytes uncompressed, more than \(cap)")
        }
        if declared > UInt64(limits.ratioCheckBytes), declared / compressed > ratio {
            throw SpreadsheetError.tooLarge(file: fileName, part: part, problem: "compressed more than \(ratio) to 1, as a ZIP bomb is")
        }
        var inflated = 0
        let checksum: CRC32
        let consumer: (Data) throws -> Void = { data in
            inflated += data.count
            if inflated > cap || (inflated > self.limits.ratioCheckBytes && UInt64(inflated) / compressed > ratio) {
                throw SpreadsheetError.tooLarge(file: self.fileName, part: part,
                                                problem: "it inflates beyond \(min(cap, Int(clamping: declared))) bytes or \(ratio) to 1")
            }
            try data.withUnsafeBytes { try body($0) }
        }
        do {
            if entry.isCompressed {
                checksum = try DeflatedEntry(entry: entry, file: file, chunkSize: 1 << 16).inflate(consumer)
            } else {
                // A stored entry is read by its size, which is safe as ZIPFoundation does it.
                checksum = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false, consumer: consumer)
            }
        } catch let problem as DeflateProblem {
            throw SpreadsheetError.invalid(file: fileName, part: part, problem: problem.description)
        } catch let error as SpreadsheetError {
            throw error
        } catch let problem as XMLProblem {
            throw SpreadsheetError.invalid(file: fileName, part: part, problem: "line \(problem.line): \(problem.message)")
        } catch let error as CellProblem {
            throw error.spreadsheetError(file: fileName, part: part)
        } catch let error as PumpCancelled {
            throw error
        } catch {
            throw SpreadsheetError.invalid(file: fileName, part: part, problem: "the compressed data is damaged")
        }
        if checksum != entry.checksum {
            throw SpreadsheetError.invalid(file: fileName, part: part, problem: "the checksum does not match (the file is damaged)")
        }
    }

    /// A relationship target as a part name: `worksheets/sheet1.xml` from `xl/workbook.xml` is
    /// `xl/worksheets/sheet1.xml`; `/xl/styles.xml` is absolute; `..` goes up.
    static func resolve(_ target: String, from source: String) -> String {
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = source.split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }
        }
        for piece in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch piece {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(piece)
            }
        }
        return segments.joined(separator: "/")
    }

    /// Where a part's relationships are: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
    static func relationshipsPart(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return part[..<slash] + "/_rels/" + part[part.index(after: slash)...] + ".rels"
    }
}

/// A cell the sheet reader refused: too long, or a stored value that does not parse. Its row and
/// column are known where it is thrown; the file and part are added on the way out.
struct CellProblem: Error {
    enum Kind { case tooLong(limit: Int), invalid(String), tooLarge(String) }
    let kind: Kind
    let row: Int?
    let column: Int?

    func spreadsheetError(file: String, part: String) -> SpreadsheetError {
        let letters = column.map(SheetColumn.letters)
        switch kind {
        case .tooLong(let limit):
            return .cellTooLong(file: file, row: row, column: letters, limit: limit)
        case .invalid(let problem):
            let at = [row.map { "row \($0)" }, letters.map { "column \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return .invalid(file: file, part: part, problem: at.isEmpty ? problem : "\(at): \(problem)", row: row, column: letters)
        case .tooLarge(let problem):
            return .tooLarge(file: file, part: part, problem: problem)
        }
    }
}

/// Thrown into the reading thread when the reader was closed before the last row.
struct PumpCancelled: Error {}
