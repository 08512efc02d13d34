import Foundation

/// One worksheet of an xlsx file, opened: the workbook, shared strings, styles and merged ranges are
/// read when it is opened (so a wrong sheet name or a broken workbook is an error before any row), the
/// rows when `run` is called.
final class XLSXSheet {
    let package: XLSXPackage
    let workbook: Workbook
    let sheet: Workbook.Sheet
    private let shared: SharedStrings
    private let styles: CellStyles
    private let merges: [MergedRange]

    init(url: URL, fileName: String, sheetName: String?, limits: SpreadsheetLimits) throws {
        package = try XLSXPackage(url: url, fileName: fileName, limits: limits)
        workbook = try Workbook.read(package)
        sheet = try workbook.sheet(named: sheetName, file: fileName)
        guard package.contains(sheet.part) else {
            throw SpreadsheetError.invalid(file: fileName, part: sheet.part, problem: "the sheet \"\(sheet.name)\" is missing from the archive")
        }
        styles = try CellStyles.read(package, part: workbook.stylesPart)
        shared = try SharedStrings.read(package, part: workbook.sharedStringsPart)
        merges = try MergedRange.read(package, part: sheet.part)
    }

    /// The sheet's uncompressed size, against which `progress` counts.
    var totalBytes: Int { package.declaredSize(sheet.part) }

    /// Reads the sheet, handing each row to `emit` as its end tag is parsed.
    func run(progress: ((Int) -> Void)? = nil, emit: @escaping (SheetRow) throws -> Void) throws {
        let events = SheetEvents(shared: shared, styles: styles, system: workbook.dateSystem, merges: merges,
                                 limits: package.limits, emit: emit)
        try package.parse(sheet.part, with: events, progress: progress)
    }
}

/// Lets the opened sheet move to the reading thread: from then on only that thread touches it.
struct HandOver<Value>: @unchecked Sendable {
    let value: Value
}
