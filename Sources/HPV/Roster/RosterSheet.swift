import ScreenVaxCore

/// A 附3 roster as it arrives, CSV or xlsx, read through the shared `SheetReader`: the header found
/// among the first rows by its columns (the form's title above it is kept), the footer lines read
/// into `form`, and each data row's cells turned into the texts the row parser reads, with Excel's
/// traps handled where the value is still whole and told where it is not.
struct RosterSheet {
    /// How far down the header may be: the form's title and a note or two above it.
    static let headerSearchRows = 10

    let reader: SheetReader
    let header: RosterHeader
    private(set) var form = RosterForm()
    private var pending: SheetRow?

    /// One data row as the parser reads it.
    struct Fields {
        let number: Int
        let cells: [Cell]
        /// The cells' shown texts, as the errors file repeats them (made only for a rejected row).
        var shown: [String] { cells.map { $0.text } }
        /// The texts with Excel's traps undone (apostrophes, full-width digits, serial dates).
        let fields: [String]
        /// An ID the sheet stored as a number: its last digits are lost.
        let idAsNumber: Bool
        let warnings: [RowError]
    }

    init(path: String, fileName: String, sheet: String?) throws {
        reader = try SheetReader(path: path, sheet: sheet)
        var title: String?
        var best: (row: SheetRow, error: HPVError)?
        while true {
            guard let row = try reader.next(), row.number <= Self.headerSearchRows else {
                throw best?.error ?? HPVError.missingColumns(RosterColumn.required.map(\.formHeader), file: fileName)
            }
            let texts = row.cells.map { CellText.trimmed($0.text) }
            do {
                header = try RosterHeader(cells: texts, file: fileName)
                break
            } catch let error as HPVError {
                let filled = texts.filter { !$0.isEmpty }
                if filled.count == 1, title == nil { title = filled[0] }
                // The row that found most of the columns says best which are missing.
                if case .missingColumns(let missing, _) = error,
                   best.map({ if case .missingColumns(let m, _) = $0.error { return missing.count < m.count } else { return true } }) ?? true {
                    best = (row, error)
                }
            }
        }
        form.title = title
    }

    var format: SheetReader.Format { reader.format }

    /// The next data row; footer lines go to `form`, rows with nothing but a 序号 are skipped.
    /// `seen` is given every row read, skipped or not.
    mutating func next(seen: (SheetRow) -> Void = { _ in }) throws -> SheetRow? {
        while let row = try reader.next() {
            seen(row)
            if form.read(footer: row.cells.lazy.map { $0.text }) { continue }
            let sequence = header.positions[RosterColumn.sequence.ordinal]
            let hasData = row.cells.indices.contains { $0 != sequence && !row.cells[$0].isMergedCopy && !CellText.isBlank(row.cells[$0].text) }
            if !hasData { continue }
            return row
        }
        return nil
    }

    /// The texts of a data row for the parser, and what the sheet did to them.
    func fields(_ row: SheetRow) -> Fields {
        var fields = row.cells.map { CellText.trimmed(CellText.withoutLeadingApostrophe(CellText.trimmed($0.text))) }
        var warnings: [RowError] = []
        var idAsNumber = false
        let idIndex = header.positions[RosterColumn.residentID.ordinal]
        if idIndex >= 0, idIndex < row.cells.count {
            let cell = row.cells[idIndex]
            fields[idIndex] = CellText.cleaned(cell.text)
            idAsNumber = cell.kind == .number || CellText.isScientificNumber(cell.text) || Self.lostDigits(fields[idIndex])
        }
        for column in [RosterColumn.sequence, .guardianPhone] {
            let i = header.positions[column.ordinal]
            if i >= 0, i < row.cells.count { fields[i] = CellText.cleaned(row.cells[i].text) }
        }
        let birthIndex = header.positions[RosterColumn.birthDate.ordinal]
        if birthIndex >= 0, birthIndex < row.cells.count {
            let cell = row.cells[birthIndex]
            if cell.kind == .date, let day = cell.date {
                fields[birthIndex] = day.iso
            } else if let day = Self.serialDate(cell, system: reader.dateSystem ?? .excel1900) {
                fields[birthIndex] = day.iso
                warnings.append(RowError(row: row.number, column: header.header(.birthDate), code: "date_as_number",
                                         message: "出生日期 is the number \(CellText.cleaned(cell.text)), read as Excel's date \(day.iso); "
                                            + "check it, and ask the school to format the column as a date (yyyy-mm-dd)"))
            } else {
                fields[birthIndex] = CellText.cleaned(cell.text)
            }
        }
        return Fields(number: row.number, cells: row.cells, fields: fields, idAsNumber: idAsNumber, warnings: warnings)
    }

    /// A birth date written as Excel's serial number (a General cell, or the number saved to CSV):
    /// only in the years a girl of the cohort can be born, so that no other number passes for a date.
    static func serialDate(_ cell: Cell, system: ExcelDateSystem) -> CalendarDate? {
        let text = CellText.cleaned(cell.text)
        guard text.utf8.count == 5, text.utf8.allSatisfy({ $0 < 0x80 }), let serial = Double(text),
              let day = ExcelDate.calendarDate(serial: serial, system: system), (2000...2020).contains(day.year) else { return nil }
        return day
    }

    /// 18 digits ending in 000 with a wrong check character: an ID Excel kept as a number in a cell
    /// formatted 0 (15 digits kept, zeros after), then saved as CSV.
    static func lostDigits(_ id: String) -> Bool {
        let bytes = id.utf8
        guard bytes.count == 18, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }), bytes.suffix(3).allSatisfy({ $0 == 48 }) else { return false }
        return ResidentID.checkCharacter(for: String(id.prefix(17))) != "0"
    }

    /// The error for an ID Excel stored as a number.
    func idAsNumberError(row: Int) -> RowError {
        RowError(row: row, column: header.header(.residentID), code: "id_as_number",
                 message: "身份证号码 was stored as a number (Excel shows 3.60102E+17 and keeps only 15 digits, so the last ones are lost); "
                    + "ask the school to format the 身份证号码 column as 文本 (Text) before typing the IDs, then send the file again")
    }
}
