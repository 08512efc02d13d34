import ScreenVaxMacros

/// One cell of a sheet: the text a user sees, and what the file stored, so that an importer can tell
/// Excel's traps (an ID kept as a number, a date kept as a serial number) from what was typed.
///
/// A CSV cell is always `.string` (CSV stores text only); an empty CSV field is `.empty`.
@PublicInit
public struct Cell: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case empty, string, number, boolean, date, error
    }

    public var kind: Kind
    /// What the sheet shows: strings as stored; numbers in their format (General as Excel shows it in a
    /// standard column: `3.60102E+17`; `0`: `360102201105100000`; `0.00`: `1.50`); dates and date-times as
    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `HH:MM`; booleans `TRUE`/`FALSE`; errors as stored (`#N/A`).
    public var text: String
    /// What the file stored: the string, the number as written (`3.60102201105100E+17`), `1`/`0` for a
    /// boolean, the error code; for CSV the field itself.
    public var raw: String
    /// The number format code of a number or date cell (`General`, `0`, `@`, `yyyy/m/d`), else nil.
    public var numberFormat: String?
    /// The calendar day of a date cell (its time of day dropped).
    public var date: CalendarDate?
    /// True for a cell of a merged range below its top-left cell: it reads the top-left's value.
    public var isMergedCopy: Bool = false
    public static let empty = Cell(kind: .empty, text: "", raw: "")

    /// A text cell (CSV fields, inline and shared strings).
    public static func string(_ text: String) -> Cell {
        Cell(kind: text.isEmpty ? .empty : .string, text: text, raw: text)
    }

    public var isEmpty: Bool { kind == .empty }

    /// The stored number of a number or date cell (a date's serial number).
    public var number: Double? {
        kind == .number || kind == .date ? Double(raw) : nil
    }

    /// A number too large for Excel to keep every digit (Excel keeps 15 significant digits): an 18-digit
    /// resident ID typed into a General or number cell has lost its last digits and cannot be recovered.
    public var exceedsExcelPrecision: Bool {
        guard kind == .number, let value = number else { return false }
        return abs(value) >= 1e15
    }
}

/// One row of a sheet that has something in it; blank rows are skipped but keep their numbers.
public struct SheetRow: Sendable, Hashable {
    /// The row as the spreadsheet shows it (1-based; a CSV record's row as Excel would show the file).
    public let number: Int
    /// Column A first, up to the last cell that is not empty; a gap reads as `.empty`.
    public let cells: [Cell]

    /// The cell in a 0-based column (`.empty` beyond the last).
    public subscript(column: Int) -> Cell {
        column >= 0 && column < cells.count ? cells[column] : .empty
    }

    /// Every cell's shown text, as a CSV reader would give the fields.
    public var texts: [String] { cells.map(\.text) }
}

/// Spreadsheet column letters: 0 is `A`, 25 `Z`, 26 `AA`, 16,383 `XFD`.
public enum SheetColumn {
    public static func letters(_ index: Int) -> String {
        var n = max(0, index) + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let r = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + r)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// The 0-based column and 1-based row of a reference such as `C12` (`$C$12` too); nil if it is not one.
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int?)? {
        var column = 0, letters = 0, row = 0, digits = 0
        for b in bytes {
            switch b {
            case 36 where digits == 0: continue                      // $
            case 65...90 where digits == 0 && letters < 3: column = column * 26 + Int(b - 64); letters += 1
            case 97...122 where digits == 0 && letters < 3: column = column * 26 + Int(b - 96); letters += 1
            case 48...57 where letters > 0 && digits < 8: row = row * 10 + Int(b - 48); digits += 1
            default: return nil
            }
        }
        guard letters > 0 else { return nil }
        return (column - 1, digits > 0 ? row : nil)
    }

    static func reference(_ text: Substring) -> (column: Int, row: Int?)? {
        var copy = String(text)
        return copy.withUTF8 { reference($0) }
    }
}
