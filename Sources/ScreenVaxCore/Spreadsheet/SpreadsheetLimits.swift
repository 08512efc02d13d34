/// Caps on what an xlsx file may make the reader do, so that a hostile or broken upload is refused
/// (`xlsx_too_large`, `cell_too_long`) in bounded time and memory instead of stopping the server.
///
/// The defaults are Excel's own limits where Excel has one, and otherwise well above a province's
/// roster (248,000 girls) or a year's lab file.
public struct SpreadsheetLimits: Sendable, Equatable {
    /// Uncompressed bytes of any one part (a sheet, the shared strings), counted as it is inflated.
    public var maxPartBytes = 200 << 20
    /// A part above `ratioCheckBytes` may inflate to at most this many times its compressed size.
    public var maxCompressionRatio = 200
    public var ratioCheckBytes = 16 << 20
    /// Files in the archive.
    public var maxEntries = 10_000
    /// Small parts read whole (workbook, relationships, styles).
    public var maxSmallPartBytes = 16 << 20
    public var maxSheets = 1_000
    public var maxSharedStrings = 1 << 22
    /// UTF-8 bytes of all shared strings together (they are held, compactly, while the sheet is read).
    public var maxSharedStringBytes = 128 << 20
    /// Excel's limit per cell.
    public var maxCellCharacters = 32_767
    /// Excel's limits: columns A to XFD, rows 1 to 1,048,576.
    public var maxColumns = 16_384
    public var maxRows = 1_048_576
    /// Cells handed out, counting the empty cells of gaps (`A1`, `XFD1` makes 16,384).
    public var maxCells = 50_000_000
    public var maxMergedRanges = 100_000
    /// Cells filled from merged ranges, in all (a 地区 merged down 300,000 rows fills 300,000).
    public var maxMergedFills = 20_000_000
    /// Number formats and cell formats in styles.xml (Excel allows about 64,000 cell formats).
    public var maxStyles = 65_536

    public init() {}

    public static let standard = SpreadsheetLimits()
}
