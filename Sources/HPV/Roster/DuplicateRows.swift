import ScreenVaxCore

/// The rows of one file that name the same girl (the same ID and name): a first pass reads only those
/// two columns, so that the import keeps the later row and skips the earlier ones without writing her
/// twice (a school that corrects a girl's row often adds the corrected row below the old one). The
/// same ID under another name is not a correction but a conflict, which the import reports as such.
struct DuplicateRows {
    /// For each row that a later row of the same ID replaces: the row that replaces it.
    private(set) var replacedBy: [Int: Int] = [:]
    /// The last row of each ID and name.
    private var last: [Key: Int] = [:]

    /// Hashed by the ID alone (ASCII, cheap to hash), the name compared only when an ID comes again:
    /// a province's roster is 248,000 rows of Chinese names.
    private struct Key: Hashable {
        let id: String
        let name: String
        func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    /// The ID as the parser will read it, for matching only: full-width digits, apostrophes, spaces
    /// and a lower-case x make no difference.
    static func key(_ raw: String) -> String {
        let id = CellText.cleaned(raw)
        return id.utf8.contains(where: { ($0 >= 0x61 && $0 <= 0x7A) || $0 >= 0x80 }) ? id.uppercased() : id
    }

    init() {}

    /// Sized for the rows of a CSV file (some 80 bytes or more a row), so that a province's roster does
    /// not regrow the table many times; an xlsx sheet's size says little of its rows.
    init(for reader: SheetReader) {
        if reader.format == .csv { last.reserveCapacity(min(reader.totalBytes / 80, 1 << 21)) }
    }

    /// One row's ID (and name) cells, in file order. Rows with IDs that are not valid are each
    /// reported by the import, never taken for one girl; the check is made only when a key comes
    /// again, as most IDs stand on one row.
    mutating func add(row: Int, id raw: String, name: String = "") {
        let id = Self.key(raw)
        guard !id.isEmpty else { return }
        let k = Key(id: id, name: name.removingWhitespace())
        if let earlier = last[k] {
            guard (try? ResidentID(id)) != nil else { return }
            replacedBy[earlier] = row
        }
        last[k] = row
    }

    /// A row as the sheet gives it: its ID and name cells. An ID kept as a number is not an ID: two
    /// of them are two errors, not one girl.
    mutating func add(row: SheetRow, idIndex: Int, nameIndex: Int) {
        let cell = row[idIndex]
        guard cell.kind != .number, !CellText.isScientificNumber(cell.text) else { return }
        add(row: row.number, id: cell.text, name: CellText.trimmed(row[nameIndex].text))
    }

    /// After the last row: chains (rows 2, 5, 9) resolved so that row 2 names the row that wins.
    mutating func finish() {
        last = [:]
        for (row, next) in replacedBy {
            var winner = next
            while let later = replacedBy[winner] { winner = later }
            replacedBy[row] = winner
        }
    }

    /// The warning for a skipped row: both rows named, the later kept.
    static func warning(row: Int, keptRow: Int, column: String) -> RowError {
        RowError(row: row, column: column, code: "duplicate_in_file",
                 message: "rows \(row) and \(keptRow) have the same 身份证号码 and 学生姓名; row \(keptRow) (the later) is kept and row \(row) is skipped: "
                    + "delete the row that is out of date")
    }
}
