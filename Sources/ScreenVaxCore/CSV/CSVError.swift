/// Errors reading a CSV file itself (not its rows' content). The rooms that import files name
/// `cannotRead` and `encoding` in their own words; the others reach the user as they are.
public enum CSVError: UserError, Equatable {
    case cannotRead(String)
    /// A directory, device or pipe given where a file was expected (`hpv import /dev/zero`).
    case notAFile(String)
    case encoding(row: Int)
    case fieldTooLong(file: String, row: Int, column: String, limit: Int)
    /// Longer than the record limit in bytes, or more columns than the column limit.
    case recordTooLong(file: String, row: Int, column: String, bytes: Int, columns: Int)

    public var code: String {
        switch self {
        case .cannotRead: "file_unreadable"
        case .notAFile: "not_a_file"
        case .encoding: "encoding"
        case .fieldTooLong: "field_too_long"
        case .recordTooLong: "record_too_long"
        }
    }

    public var message: String {
        switch self {
        case .cannotRead(let path):
            "cannot read \(path); check the path and that you may read it"
        case .notAFile(let path):
            "\(path) is not a file (a folder, a device or a pipe); give the path of the CSV file itself"
        case .encoding(let row):
            "row \(row) is neither UTF-8 nor GB18030 text; save the file again from Excel as CSV (UTF-8)"
        case .fieldTooLong(_, _, _, let limit):
            "a cell is longer than \(limit) bytes, which no field of these forms can be; the file is probably not a roster or lab "
                + "file, or a quote (\") is not closed. Check the file and send it again"
        case .recordTooLong(_, _, _, let bytes, let columns):
            "a row is longer than \(bytes) bytes or has more than \(columns) columns; the file is probably not a roster or lab "
                + "file, or a quote (\") is not closed. Check the file and send it again"
        }
    }

    public var location: InputLocation? {
        switch self {
        case .cannotRead(let path), .notAFile(let path): InputLocation(file: path)
        case .encoding(let row): InputLocation(row: row)
        case .fieldTooLong(let file, let row, let column, _), .recordTooLong(let file, let row, let column, _, _):
            InputLocation(file: file, row: row, column: column)
        }
    }
}
