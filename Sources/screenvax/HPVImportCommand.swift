import ArgumentParser
import Foundation
import HPV
import ScreenVaxCore

struct HPVImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a school roster (附3 初一女生HPV疫苗受种对象名册) as the school filled it: xlsx or CSV.",
        discussion: """
            An Excel workbook (.xlsx: the first sheet, or --sheet NAME) or CSV (UTF-8 with or without BOM, \
            GB18030/GBK). The header is found among the first 10 rows by its columns; the form's title and \
            footer lines (学校负责人, 联系人, 联系人电话, 填表日期) are kept with the import. Valid rows are imported, excluded rows \
            (male, over age, previously vaccinated, declined) are kept with their reason, invalid rows are \
            rejected with row, column and what to fix (the first 1,000 shown; --errors-out gets them all). \
            The whole file is one transaction; re-importing it changes nothing. Exits 0 when the file was \
            read, even if rows were rejected.
            """)

    @Argument(help: "The roster: an xlsx workbook or a CSV file.") var file: String
    @Option(help: "The worksheet of an xlsx roster (default: the first).") var sheet: String?
    @Flag(name: .customLong("dry-run"), help: "Validate and count without writing anything.") var dryRun = false
    @Option(name: .customLong("errors-out"), help: "Write rejected rows (the roster's columns + 错误原因) to this file: xlsx or CSV by its name, else as the roster.")
    var errorsOut: String?
    @Option(help: "The county the file belongs to (code or name): stands for a blank 地区 or one naming only the city; rows of another county are refused.")
    var county: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let context = try HPVCommandContext(global)
        let showProgress = isatty(STDERR_FILENO) == 1
        let progress: ((Int, Int, Int) -> Void)? = showProgress ? { rows, bytes, size in
            let pct = size > 0 ? " (\(bytes * 100 / size)%)" : ""
            FileHandle.standardError.write(Data("\r  \(rows) rows\(pct)".utf8))
        } : nil
        let r = try RosterImporting.run(context.database, context: context.hpv, source: .file(file), dryRun: dryRun,
                                        errorsFile: errorsOut, county: county, sheet: sheet, progress: progress)
        if showProgress && r.rows >= 5000 { FileHandle.standardError.write(Data("\r".utf8)) }
        switch output.format {
        case .json:
            try JSONOutput.print(r)
        case .table, .csv:
            print("\(r.file) (\(r.format == "xlsx" ? "xlsx" + (r.sheet.map { ", sheet \($0)" } ?? "") : r.encoding.rawValue))\(dryRun ? " — dry run, nothing written" : "")")
            let f = r.form
            if let title = f.title { print("form: \(title)") }
            let lines = [("学校负责人", f.schoolHead), ("联系人", f.contact), ("联系人电话", f.contactPhone), ("填表日期", f.filledOn)]
                .compactMap { label, value in value.map { "\(label) \($0)" } }
            if !lines.isEmpty { print(lines.joined(separator: ", ")) }
            print("rows \(r.rows): imported \(r.imported), unchanged \(r.unchanged), excluded \(r.excluded), rejected \(r.rejected)"
                  + (r.duplicates > 0 ? ", skipped as duplicates \(r.duplicates)" : ""))
            if !r.exclusions.isEmpty {
                print("excluded: " + r.exclusions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if !r.errors.isEmpty {
                print(Listing(columns: ["row", "column", "code", "message"],
                              rows: r.errors.map { [String($0.row), $0.column, $0.code, $0.message] }).render(output.format), terminator: "")
            }
            if !r.warnings.isEmpty {
                print("warnings:")
                print(Listing(columns: ["row", "column", "code", "message"],
                              rows: r.warnings.map { [String($0.row), $0.column, $0.code, $0.message] }).render(output.format), terminator: "")
            }
            if r.errorsTotal > r.errors.count {
                print("… \(r.errorsTotal - r.errors.count) more errors" + (errorsOut == nil ? "; --errors-out FILE writes every rejected row" : ""))
            }
            if let errorsOut, r.rejected > 0 { print("rejected rows written to \(errorsOut)") }
        }
    }
}
