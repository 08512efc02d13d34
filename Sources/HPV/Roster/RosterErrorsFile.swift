import Foundation
import ScreenVaxCore
#if canImport(Glibc)
import Glibc
#endif

/// The rejected rows of an import as the school's CSV (the roster's own columns plus 错误原因, UTF-8
/// with a BOM so that Excel on Chinese Windows opens it), written as the import finds them: an
/// import of any size holds none of them in memory. The rows go to a private temporary file beside
/// `path` (readable by the owner only); `finish()` puts it in place, `discard()` removes it.
public final class RosterErrorsFile {
    public let path: String
    let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var columns = 0
    private var closed = false

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
    func begin(header: [String]) {
        columns = header.count
        buffer += [0xEF, 0xBB, 0xBF]
        buffer += Array((CSVWriter.line(header + ["错误原因"]) + "\r\n").utf8)
    }

    func add(fields: [String], reasons: [String]) throws {
        var cells = fields
        if cells.count < columns { cells += Array(repeating: "", count: columns - cells.count) }
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
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CoreError.cannotWrite(path)
        }
    }

    /// Removes the partial file (a failed import leaves no half-written errors file).
    public func discard() {
        try? handle.close()
        closed = true
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
