import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVRosterStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster-status",
        abstract: "A school's girls back in the 附3 form's columns, with doses, status and next date, for the school to chase.",
        discussion: """
            The file has the 11 附3 columns in the form's order, then 第一剂次日期, 第二剂次日期, 状态, 下次接种日期; \
            IDs and phones masked unless --show-pii. xlsx or CSV by the name given to --out.
            """)

    @Option(help: "The school, as its roster writes 在读学校.") var school: String
    @Option(help: "Only girls enrolled in this county (code or name).") var county: String?
    @Option(help: "The file to write: NAME.xlsx or NAME.csv.") var out: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var pii: PIIOption

    func run() async throws {
        let context = try HPVCommandContext(global)
        let result = try RosterStatusExport.write(context.database, context: context.hpv, school: school, county: county,
                                                  showPII: pii.showPII, path: out)
        if output.format == .json { return try JSONOutput.print(result) }
        print("\(result.school): \(result.girls) girls written to \(result.file)")
    }
}
