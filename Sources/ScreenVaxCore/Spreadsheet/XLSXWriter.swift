import Foundation
import ZIPFoundation

/// Writes a one-sheet Excel workbook (.xlsx): a bold, frozen header row, then rows of text, as an errors
/// file or a download in the roster's own layout.
///
/// Every cell is an inline string, so an 18-digit ID or a phone stays text and a date written as
/// `YYYY-MM-DD` stays that text; the columns are formatted as Text (`@`), so what the school types into
/// them later stays text too. Rows go to a temporary file as they are written (memory does not grow
/// with them); `finish()` deflates it into the archive with ZIPFoundation and moves the finished file
/// into place, so a reader never sees half a workbook.
///
/// A text cell is never a formula in xlsx (it is stored as a string, not in `<f>`), so the formula
/// neutralisation the CSV writer applies (`=`, `+`, `-`, `@` at the start) is not needed here: the text
/// is written exactly as given.
public final class XLSXWriter {
    public let path: String
    private let sheetName: String
    private let limits: SpreadsheetLimits
    private let bodyPath: String
    private let body: FileHandle
    private var buffer: [UInt8] = []
    private var rowCount = 0
    private var letters: [[UInt8]] = []
    private var finished = false

    /// Starts a workbook at `path` with one sheet named `sheetName` whose first row is `header`.
    /// `columnWidths` are in characters (a Chinese character is about two); missing widths are 12.
    public init(path: String, sheetName: String = "Sheet1", header: [String], columnWidths: [Double] = [],
                limits: SpreadsheetLimits = .standard) throws {
        guard XLSXWriter.isValidSheetName(sheetName) else { throw SpreadsheetError.badSheetName(sheetName) }
        self.path = path
        self.sheetName = sheetName
        self.limits = limits
        bodyPath = path + ".sheet-\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: bodyPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: bodyPath) else { throw CoreError.cannotWrite(path) }
        body = handle
        let columns = max(header.count, columnWidths.count, 1)
        append(XLSXParts.sheetStart(columns: (0..<columns).map { $0 < columnWidths.count ? columnWidths[$0] : 12 }))
        try writeRow(header, style: XLSXParts.headerStyle)
    }

    deinit {
        try? body.close()
        if !finished { try? FileManager.default.removeItem(atPath: bodyPath) }
    }

    /// Appends a row of text cells (empty strings leave the cell empty).
    public func write(_ cells: [String]) throws {
        try writeRow(cells, style: XLSXParts.textStyle)
    }

    private func writeRow(_ cells: [String], style: Int) throws {
        guard !finished else { throw CoreError.cannotWrite(path) }
        guard rowCount < limits.maxRows else {
            throw SpreadsheetError.tooLarge(file: fileName, part: "sheet", problem: "more than \(limits.maxRows) rows, Excel's limit")
        }
        guard cells.count <= limits.maxColumns else {
            throw SpreadsheetError.tooLarge(file: fileName, part: "sheet", problem: "more than \(limits.maxColumns) columns, Excel's limit")
        }
        rowCount += 1
        let row = Array(String(rowCount).utf8)
        append("<row r=\"")
        buffer += row
        append("\">")
        for (index, text) in cells.enumerated() where !text.isEmpty {
            guard text.utf16.count <= limits.maxCellCharacters else {
                throw SpreadsheetError.cellTooLong(file: fileName, row: rowCount, column: SheetColumn.letters(index), limit: limits.maxCellCharacters)
            }
            append("<c r=\"")
            buffer += column(index)
            buffer += row
            append("\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
            OOXMLText.escape(text, into: &buffer)
            append("</t></is></c>")
        }
        append("</row>")
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Completes the workbook at `path` (replacing any file there). Nothing is at `path` until this returns.
    public func finish() throws {
        guard !finished else { return }
        append(XLSXParts.sheetEnd)
        try flush()
        try? body.close()
        finished = true
        let archivePath = path + ".zip-\(UUID().uuidString).tmp"
        defer {
            try? FileManager.default.removeItem(atPath: bodyPath)
            try? FileManager.default.removeItem(atPath: archivePath)
        }
        do {
            let archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .create)
            for (name, text) in XLSXParts.fixedParts(sheetName: sheetName) {
                let data = Data(text.utf8)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
                }
            }
            guard let sheet = FileHandle(forReadingAtPath: bodyPath) else { throw CoreError.cannotWrite(path) }
            defer { try? sheet.close() }
            let size = try FileManager.default.attributesOfItem(atPath: bodyPath)[.size] as? NSNumber
            try archive.addEntry(with: XLSXParts.sheetPart, type: .file, uncompressedSize: size?.int64Value ?? 0,
                                 compressionMethod: .deflate, bufferSize: 1 << 16) { position, chunk in
                try sheet.seek(toOffset: UInt64(position))
                return sheet.readData(ofLength: chunk)
            }
        } catch let error as CoreError {
            throw error
        } catch {
            throw CoreError.cannotWrite(path)
        }
        guard rename(archivePath, path) == 0 else { throw CoreError.cannotWrite(path) }
    }

    private var fileName: String { URL(fileURLWithPath: path).lastPathComponent }

    private func column(_ index: Int) -> [UInt8] {
        while letters.count <= index { letters.append(Array(SheetColumn.letters(letters.count).utf8)) }
        return letters[index]
    }

    private func append(_ text: String) { buffer += text.utf8 }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try body.write(contentsOf: buffer) } catch { throw CoreError.cannotWrite(path) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Excel's rule: 1 to 31 characters, none of `: \ / ? * [ ]`, not starting or ending with `'`.
    static func isValidSheetName(_ name: String) -> Bool {
        let count = name.utf16.count
        return count >= 1 && count <= 31 && !name.contains(where: { ":\\/?*[]".contains($0) })
            && !name.hasPrefix("'") && !name.hasSuffix("'")
    }
}

extension XLSXWriter {
    /// A whole small workbook as bytes, for a download answered from memory: written through a
    /// private temporary folder (the writer streams to files) that is gone when this returns.
    public static func data(sheetName: String, header: [String], rows: [[String]], columnWidths: [Double] = []) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("book.xlsx").path
        let writer = try XLSXWriter(path: path, sheetName: sheetName, header: header, columnWidths: columnWidths)
        for row in rows { try writer.write(row) }
        try writer.finish()
        guard let data = FileManager.default.contents(atPath: path) else { throw CoreError.cannotWrite(path) }
        return data
    }
}
