import Foundation
import ScreenVaxCore

/// Prints listings as an aligned table, CSV or JSON. Tables count CJK characters as two columns.
struct Listing {
    var columns: [String]
    var rows: [[String]]
    /// Columns written to CSV as they are, never neutralised as formulas: numbers a machine reads
    /// (the phones a dialler calls). Everything else goes through `CSVWriter`'s formula guard.
    var verbatim: Set<Int> = []

    func render(_ format: OutputFormat) -> String {
        var out = ""
        lines(format) { out += $0; out += "\n" }
        return out
    }

    /// Prints the listing line by line: a province's work list is never held as one string.
    func write(_ format: OutputFormat) {
        lines(format) { print($0) }
    }

    /// Each line of the listing, without its line end.
    func lines(_ format: OutputFormat, _ emit: (String) -> Void) {
        switch format {
        case .csv:
            emit(CSVWriter.line(columns))
            for row in rows { emit(CSVWriter.line(row, verbatim: verbatim)) }
        case .json:
            // A command prints its own value as JSON before it builds a listing; one that does not
            // still prints JSON (an object per row, keyed by the columns), never a table.
            let objects = rows.map { row in Dictionary(zip(columns, row), uniquingKeysWith: { first, _ in first }) }
            emit((try? OutputJSON.string(objects)) ?? "[]")
        case .table:
            let widths = columns.indices.map { i in
                ([columns[i]] + rows.map { $0[i] }).map(Listing.displayWidth).max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in
                    c + String(repeating: " ", count: max(0, widths[i] - Listing.displayWidth(c)))
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            emit(line(columns))
            emit(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            for row in rows { emit(line(row)) }
        }
    }

    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return w + (wide ? 2 : 1)
        }
    }
}

enum JSONOutput {
    static func string<T: Encodable>(_ value: T) throws -> String { try OutputJSON.string(value) }

    static func print<T: Encodable>(_ value: T) throws {
        Swift.print(try string(value))
    }

    /// An array printed element by element (the same bytes as `print`), for province-sized lists.
    static func printArray<T: Encodable>(_ items: [T]) throws {
        try OutputJSON.streamArray(items) { Swift.print($0, terminator: "") }
        Swift.print()
    }
}

/// Writes a line to stderr (progress, warnings); never personal data.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
