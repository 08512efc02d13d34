import Foundation
import ScreenVaxMacros

/// A rejected row as the sender wrote it, with what to fix.
@PublicInit
public struct RejectedRow: Sendable {
    public let fields: [String]
    public let reasons: [String]
}

/// Writes rejected rows back in the file's own columns plus a 错误原因 column, as UTF-8 with a BOM so
/// that Excel on Chinese Windows opens it as it is: the sender corrects it and sends it again.
public enum ErrorsFile {
    public static func write(to path: String, header: [String], rows: [RejectedRow]) throws {
        guard FileManager.default.createFile(atPath: path, contents: data(header: header, rows: rows)) else {
            throw CoreError.cannotWrite(path)
        }
    }

    /// The file's bytes, for a download that never touches the disk.
    public static func data(header: [String], rows: [RejectedRow]) -> Data {
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(header + ["错误原因"])
        for r in rows {
            var cells = r.fields
            if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
            csv.row(cells + [r.reasons.joined(separator: "；")])
        }
        return Data(csv.text.utf8)
    }
}
