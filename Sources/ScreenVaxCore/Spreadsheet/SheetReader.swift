import Foundation

/// Reads a roster or lab file row by row, whether it is CSV or an Excel workbook (.xlsx): the format is
/// told from the file's first bytes (a ZIP archive is an xlsx workbook), not from its name.
///
/// ```swift
/// let reader = try SheetReader(path: "东湖区第一中学.xlsx", sheet: nil)   // nil: the first visible sheet
/// while let row = try reader.next() {
///     print(row.number, row[4].text, row[4].kind)                       // 5, "3.60102E+17", .number
/// }
/// ```
///
/// Rows come as the sheet numbers them (1-based); rows with nothing in them are skipped and do not shift
/// the numbers of the rows after them. A range merged down rows (a 地区 merged over a class) gives every
/// row it covers the range's value in its first column (`Cell.isMergedCopy` marks the copies); the other
/// cells of a merge read empty, as the file stores them. Memory does not grow with the number of rows: CSV is read in
/// chunks; an xlsx sheet is inflated and parsed in chunks on a thread of its own, a few hundred rows
/// ahead of the caller. Only an xlsx file's shared strings (each distinct text once) are held whole.
/// `next()` blocks while the next rows are read: call it where blocking is allowed (an import already
/// runs in a blocking context, not on Swift's cooperative pool).
public final class SheetReader {
    public enum Format: String, Sendable {
        case csv, xlsx
    }

    public let format: Format
    /// The file's name, as errors name it.
    public let fileName: String
    /// The workbook's worksheets in tab order (empty for CSV).
    public let sheetNames: [String]
    /// The worksheet being read (nil for CSV).
    public let sheetName: String?
    /// The workbook's date system (nil for CSV).
    public let dateSystem: ExcelDateSystem?
    /// For progress: bytes read of `totalBytes` (CSV: of the file; xlsx: of the sheet, uncompressed).
    public let totalBytes: Int

    private let csv: CSVSheet?
    private let xlsx: HandOver<XLSXSheet>?
    private var pump: RowPump?
    private let fileHash: UInt64
    private var inlineBytes = 0

    /// Opens `path`. For an xlsx file, `sheet` names the worksheet to read (exactly, else ignoring case and
    /// surrounding spaces; an unknown name is `sheet_not_found`, listing the sheets); nil reads the first
    /// visible sheet. A CSV file has one sheet and ignores `sheet`.
    public init(path: String, sheet: String? = nil, limits: SpreadsheetLimits = .standard) throws {
        let url = URL(fileURLWithPath: path)
        fileName = url.lastPathComponent
        let magic = try SheetReader.firstBytes(path: path, fileName: fileName)
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw SpreadsheetError.legacyExcel(file: fileName)
        }
        if magic.count >= 4, magic[0] == 0x50, magic[1] == 0x4B, [[3, 4], [5, 6], [7, 8]].contains(Array(magic[2..<4])) {
            let opened = try XLSXSheet(url: url, fileName: fileName, sheetName: sheet, limits: limits)
            format = .xlsx
            sheetNames = opened.workbook.sheets.map(\.name)
            sheetName = opened.sheet.name
            dateSystem = opened.workbook.dateSystem
            totalBytes = opened.totalBytes
            xlsx = HandOver(value: opened)
            csv = nil
            fileHash = try SheetReader.hash(path: path, fileName: fileName)
        } else {
            let opened = try CSVSheet(path: path, fileName: fileName)
            format = .csv
            sheetNames = []
            sheetName = nil
            dateSystem = nil
            totalBytes = opened.fileSize
            csv = opened
            xlsx = nil
            fileHash = 0
        }
    }

    deinit { pump?.cancel() }

    /// The next row that has something in it, or nil after the last.
    public func next() throws -> SheetRow? {
        if let csv { return try csv.next() }
        if pump == nil, let xlsx { pump = start(xlsx) }
        return try pump?.next()
    }

    /// The columns (0-based) a pass reads, made once for all its rows (`next(reading:)`).
    public struct Columns: Sendable {
        let keeping: [Bool]

        public init(_ columns: [Int]) {
            var keeping = [Bool](repeating: false, count: (columns.max() ?? -1) + 1)
            for c in columns where c >= 0 { keeping[c] = true }
            self.keeping = keeping
        }
    }

    /// The next row that has something in `columns`, or nil after the last. A CSV file reads only
    /// those cells into text, the others come back empty; an xlsx sheet reads its rows whole (its
    /// cells are parsed as the XML comes, whichever are wanted).
    public func next(reading columns: Columns) throws -> SheetRow? {
        guard let csv else { return try next() }
        return try csv.next(keeping: columns.keeping)
    }

    /// Calls `body` with each remaining row. For an xlsx sheet not yet started, the rows are read on
    /// the caller's thread, without the reading thread `next()` uses.
    public func forEachRow(_ body: (SheetRow) throws -> Void) throws {
        if pump == nil, let xlsx {
            pump = RowPump()
            pump?.cancel()
            try withoutActuallyEscaping(body) { body in
                try xlsx.value.run(progress: { [unowned self] in self.inlineBytes = $0 }, emit: body)
            }
            return
        }
        while let row = try next() { try body(row) }
    }

    /// Stops reading: the reading thread of an xlsx sheet ends and the file is closed. Later calls to
    /// `next()` return nil.
    public func close() {
        if pump == nil { pump = RowPump() }
        pump?.cancel()
    }

    /// The text encoding of a CSV file (known once the first row is read); nil for xlsx.
    public var encoding: TextEncoding? { csv?.encoding }

    public var bytesRead: Int { csv?.bytesRead ?? max(inlineBytes, pump?.bytesRead ?? 0) }

    /// FNV-1a over the file's bytes, to tell one file from another in an import log (for CSV, complete
    /// once the last row is read; for xlsx, from the start).
    public var hash: UInt64 { csv?.hash ?? fileHash }

    private func start(_ sheet: HandOver<XLSXSheet>) -> RowPump {
        let pump = RowPump()
        let size = pump.batchSize
        pump.start { send, progress in
            var batch: [SheetRow] = []
            batch.reserveCapacity(size)
            try sheet.value.run(progress: progress) { row in
                batch.append(row)
                if batch.count == size {
                    try send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try send(batch) }
        }
        return pump
    }

    private static func firstBytes(path: String, fileName: String) throws -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw SpreadsheetError.unreadable(file: fileName) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw SpreadsheetError.notAFile(file: fileName) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SpreadsheetError.unreadable(file: fileName) }
        defer { try? handle.close() }
        return [UInt8](handle.readData(ofLength: 8))
    }

    private static func hash(path: String, fileName: String) throws -> UInt64 {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SpreadsheetError.unreadable(file: fileName) }
        defer { try? handle.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while true {
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { return hash }
            // Through the buffer: Data's own iterator costs a call per byte.
            data.withUnsafeBytes { bytes in
                for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
        }
    }
}
