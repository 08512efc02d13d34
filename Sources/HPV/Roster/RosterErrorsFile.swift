import Foundation
import ScreenVaxCore
#if canImport(Glibc)
import Glibc
#endif

/// The rejected rows of an import as the school's file (the roster's own columns plus 错误原因),
/// written as the import finds them: an import of any size holds none of them in memory. An xlsx
/// roster gets an xlsx errors file (`XLSXWriter`, every cell text), a CSV roster a CSV (UTF-8 with a
/// BOM so that Excel on Chinese Windows opens it); a `path` ending in `.csv` or `.xlsx` decides
/// instead. The rows go to a private temporary file beside `path` (readable by the owner only);
/// `finish()` puts it in place, `discard()` removes it.
public final class RosterErrorsFile {
    public let path: String
    let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var columns = 0
    private var closed = false
    private var workbook: XLSXWriter?

    public init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        temporary = (dir.isEmpty ? "." : dir) + "/.errors-\(UUID().uuidString).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else { throw CoreError.cannotWrite(path) }
        self.handle = handle
    }

    deinit { if !closed { discard() } }

    /// The header row of the roster; the errors file repeats it with 错误原因.
    func begin(header: [String], format: SheetReader.Format = .csv) throws {
        columns = header.count
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || (format == .xlsx && !lower.hasSuffix(".csv")) {
            workbook = try XLSXWriter(path: temporary + ".xlsx", sheetName: "退回名单", header: header + ["错误原因"],
                                      columnWidths: header.map { _ in 14 } + [60])
            return
        }
        buffer += [0xEF, 0xBB, 0xBF]
        buffer += Array((CSVWriter.line(header + ["错误原因"]) + "\r\n").utf8)
    }

    /// Empties the file and begins it again, for a reading that starts over.
    func restart(header: [String], format: SheetReader.Format) throws {
        buffer.removeAll()
        workbook = nil
        do { try handle.truncate(atOffset: 0) } catch { throw CoreError.cannotWrite(path) }
        try begin(header: header, format: format)
    }

    func add(fields: [String], reasons: [String]) throws {
        var cells = fields
        if cells.count < columns { cells += Array(repeating: "", count: columns - cells.count) }
        if let workbook { return try workbook.write(Array(cells.prefix(max(columns, 1))) + [reasons.joined(separator: "；")]) }
        buffer += Array((CSVWriter.line(cells + [reasons.joined(separator: "；")]) + "\r\n").utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw CoreError.cannotWrite(path) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file at `path` (replacing what was there).
    public func finish() throws {
        try flush()
        try? handle.close()
        closed = true
        if let workbook {
            try FileManager.default.removeItem(atPath: temporary)
            try workbook.finish()
            // Rejected rows name girls: the owner's alone, like the CSV.
            chmod(workbook.path, 0o600)
            guard rename(workbook.path, path) == 0 else {
                try? FileManager.default.removeItem(atPath: workbook.path)
                throw CoreError.cannotWrite(path)
            }
            return
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CoreError.cannotWrite(path)
        }
    }

    /// Removes the partial file (a failed import leaves no half-written errors file).
    public func discard() {
        try? handle.close()
        closed = true
        workbook = nil
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
