/// A CSV file read as a sheet, through the project's own `CSVReader` (UTF-8, UTF-8 with BOM or GB18030;
/// RFC 4180 quoting): every field is a text cell.
final class CSVSheet {
    private let reader: CSVReader
    private let fileName: String
    /// Line breaks inside quoted fields so far: Excel shows such a record as one row, so the rows after
    /// it are numbered by records, not by lines.
    private var embeddedBreaks = 0

    init(path: String, fileName: String) throws {
        self.fileName = fileName
        do { reader = try CSVReader(path: path) } catch { throw CSVSheet.mapped(error, file: fileName) }
    }

    var encoding: TextEncoding { reader.encoding }
    var bytesRead: Int { reader.bytesRead }
    var fileSize: Int { reader.fileSize }
    var hash: UInt64 { reader.hash }

    /// The next record with something in it, its trailing empty fields dropped as an xlsx row's are;
    /// a line of commas only (Excel saves blank rows inside a table that way) is skipped.
    ///
    /// - Parameter keeping: only these columns are read into text (`CSVReader.next(keeping:)`).
    func next(keeping: [Bool]? = nil) throws -> SheetRow? {
        while true {
            let fields: [String]
            do {
                guard let next = try reader.next(keeping: keeping) else { return nil }
                fields = next
            } catch {
                throw CSVSheet.mapped(error, file: fileName, row: reader.recordLine - embeddedBreaks)
            }
            let number = reader.recordLine - embeddedBreaks
            embeddedBreaks += reader.recordBreaks
            var cells = fields.map(Cell.string)
            while cells.last?.isEmpty == true { cells.removeLast() }
            if !cells.isEmpty { return SheetRow(number: number, cells: cells) }
        }
    }

    /// The CSV reader's own errors as spreadsheet errors; errors that already speak to the user pass as they are.
    static func mapped(_ error: any Error, file: String, row: Int? = nil) -> any Error {
        if let csv = error as? CSVError {
            if case .encoding(let line) = csv { return SpreadsheetError.encoding(file: file, row: row ?? line) }
            if case .cannotRead = csv { return SpreadsheetError.unreadable(file: file) }
        }
        return error
    }
}
