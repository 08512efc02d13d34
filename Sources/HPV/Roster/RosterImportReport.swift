import ScreenVaxCore

/// What `hpv import` reports: counts, and the first rejected rows with what to fix (all of them go
/// to the errors file as the import finds them).
public struct RosterImportReport: Sendable, Encodable {
    /// How many row errors the report itself carries; a county's bad file keeps the rest in the
    /// errors file, never in one answer.
    public static let errorsKept = 1_000

    public var file: String
    public var encoding: TextEncoding = .utf8
    /// `csv` or `xlsx`, told from the file's bytes.
    public var format = "csv"
    /// The worksheet read (xlsx only).
    public var sheet: String?
    /// The form's own lines (title, 学校负责人, 联系人, 联系人电话, 填表日期).
    public var form = RosterForm()
    public var dryRun: Bool
    public var rows = 0
    public var imported = 0
    public var unchanged = 0
    public var excluded = 0
    public var rejected = 0
    /// Rows skipped because a later row of the file names the same girl.
    public var duplicates = 0
    public var exclusions: [String: Int] = [:]
    /// The first `errorsKept` errors, in file order.
    public var errors: [RowError] = []
    /// What was handled but the school should know (`duplicate_in_file`, Excel's traps), the first
    /// `errorsKept`, in file order.
    public var warnings: [RowError] = []
    /// Every error found, including those beyond `errors`.
    public var errorsTotal = 0
    /// Where the uploader downloads the whole errors file (set by the server).
    public var errorsURL: String?

    public init(file: String, dryRun: Bool) {
        self.file = file
        self.dryRun = dryRun
    }

    mutating func warn(_ warning: RowError) {
        if warnings.count < RosterImportReport.errorsKept { warnings.append(warning) }
    }

    /// Counts one rejected row and its errors.
    mutating func reject(_ rowErrors: [RowError]) {
        rejected += 1
        errorsTotal += rowErrors.count
        for e in rowErrors where errors.count < RosterImportReport.errorsKept { errors.append(e) }
    }
}
