import Foundation

/// A rejected row as the sender wrote it, with what to fix.
public struct RejectedRow: Sendable {
    public let fields: [String]
    public let reasons: [String]

    public init(fields: [String], reasons: [String]) {
        self.fields = fields
        self.reasons = reasons
    }
}

/// Writes rejected rows back in the file's own columns plus a 错误原因 column, as UTF-8 with a BOM so
/// that Excel on Chinese Windows opens it as it is: the sender corrects it and sends it again.
public enum ErrorsFile {
    public static func write(to path: String, header: [String], rows: [RejectedRow]) throws {
        var text = "\u{FEFF}"
        text += line(header + ["错误原因"])
        for r in rows {
            var cells = r.fields
            if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
            text += line(cells + [r.reasons.joined(separator: "；")])
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CoreError.cannotWrite(path)
        }
    }

    /// One CSV line (RFC 4180 quoting, CRLF as Excel writes).
    public static func line(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",") + "\r\n"
    }
}
