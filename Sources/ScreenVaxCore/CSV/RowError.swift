import ScreenVaxMacros

/// One problem in a row of an imported file (roster, lab results), as the import report and the
/// errors file show it. `row` is the row as a spreadsheet shows it (the header is row 1).
@PublicInit
public struct RowError: Sendable, Codable, Hashable {
    public let row: Int
    public let column: String
    public let code: String
    public let message: String
}
