import ArgumentParser
import Foundation
import ScreenVaxCore
import Screening
import Store

extension GlobalOptions {
    /// The database and what every screening operation needs, today read once in China Standard Time.
    func screening(clock: Clock = .system) throws -> (RegistryDatabase, ScreeningContext) {
        let schemas = try schemas()
        let programme = try ScreeningProgramme.load(schemas: schemas)
        let context = ScreeningContext(programme: programme, divisions: try Divisions.load(schemas: schemas),
                                       today: clock.today(), audit: audit(clock: clock))
        return (try openDatabase(), context)
    }
}

struct ScreeningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening", abstract: "Prenatal and newborn screening: pregnancies, newborns, results, due lists.",
        subcommands: [PregnancyGroup.self, NewbornGroup.self, ResultGroup.self, Due.self, ScreeningDeclineCommand.self,
                      ScreeningSpecimenCommand.self, ScreeningInstitutionCommand.self, DemoFill.self])

    struct PregnancyGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pregnancy", abstract: "Register or close a pregnancy.",
                                                        subcommands: [Add.self, Close.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a pregnancy; prints its id.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: FormatOption
            @Option(help: "The woman's resident ID.") var id: String
            @Option(help: "Her name.") var name: String
            @Option(help: "Her phone number.") var phone: String
            @Option(help: "County code (e.g. 360102) or name.") var county: String
            @Option(help: "First day of the last menstrual period.") var lmp: String?
            @Option(help: "Expected date of delivery.") var edd: String?
            @Option(name: .customLong("scan-date"), help: "Date of a dating ultrasound (with --scan-ga).") var scanDate: String?
            @Option(name: .customLong("scan-ga"), help: "Gestational age it measured, weeks+days (e.g. 12+3).") var scanGA: String?

            func validate() throws {
                let given = [lmp != nil, edd != nil, scanDate != nil || scanGA != nil].filter { $0 }.count
                guard given == 1 else { throw ValidationError("give exactly one of --lmp, --edd, or --scan-date with --scan-ga") }
            }

            func run() async throws {
                let (database, context) = try global.screening()
                let dating: DatingInput
                if let lmp { dating = .lmp(try parseDate(lmp, option: "--lmp")) }
                else if let edd { dating = .edd(try parseDate(edd, option: "--edd")) }
                else {
                    guard let scanDate, let scanGA, let ga = GestationalAge(scanGA) else { throw ScreeningError.noDating }
                    dating = .ultrasound(scanDate: try parseDate(scanDate, option: "--scan-date"), age: ga)
                }
                let result = try database.write { db in
                    try PregnancyRegistration.register(db, context: context, residentID: id, name: name, phone: phone,
                                                       county: county, dating: dating)
                }
                let p = result.pregnancy
                if result.existing {
                    note("note: this woman already has this pregnancy open (registered \(p.registeredOn.iso) in county \(p.countyCode)); its id is returned, no second record was made")
                }
                print(output.format == .json ? result.json(programme: context.programme) : p.uuid)
            }
        }

        struct Close: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a pregnancy with its outcome; what was still due is cancelled.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: FormatOption
            @Option(help: "The pregnancy id.") var pregnancy: PregnancyID
            @Option(help: "live_birth, stillbirth, miscarriage or induced_abortion.") var outcome: PregnancyOutcome
            @Option(help: "Date of the outcome.") var date: String

            func run() async throws {
                let (database, context) = try global.screening()
                let day = try parseDate(date, option: "--date")
                let p = try database.write { db in
                    try PregnancyRegistration.close(db, context: context, pregnancyUUID: pregnancy, outcome: outcome, on: day)
                }
                if output.format == .json {
                    print(p.closedJSON)
                } else {
                    print("pregnancy \(p.uuid) closed: \(p.outcome!.rawValue) on \(p.closedOn!.iso)")
                }
            }
        }
    }

    struct NewbornGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "newborn", abstract: "Register a newborn or give it its resident ID.",
                                                        subcommands: [Add.self, SetID.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a newborn of a pregnancy; prints its id.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: FormatOption
            @Option(help: "The mother's pregnancy id.") var pregnancy: PregnancyID
            @Option(help: "Birth date and time, YYYY-MM-DDTHH:MM.") var born: String
            @Option(help: "F or M.") var sex: String
            @Option(help: "Birth order (twins: 1 and 2).") var order: Int
            @Option(help: "The baby's resident ID, when it has one.") var id: String?
            @Option(help: "Completed weeks of gestation at birth.") var weeks: Int?
            @Option(name: .customLong("weight-g"), help: "Birth weight in grams.") var weightG: Int?
            @Option(help: "Birth facility.") var facility: String = ""
            @Option(help: "The baby's name, when given.") var name: String?

            func validate() throws {
                guard ["F", "M"].contains(sex.uppercased()) else { throw ValidationError("--sex is F or M") }
                guard order >= 1 else { throw ValidationError("--order starts at 1") }
                let weeksRange = NewbornRecords.New.weeksRange, weightRange = NewbornRecords.New.weightRange
                if let weeks, !weeksRange.contains(weeks) {
                    throw ValidationError("--weeks is completed weeks of gestation, \(weeksRange.lowerBound) to \(weeksRange.upperBound)")
                }
                if let weightG, !weightRange.contains(weightG) {
                    throw ValidationError("--weight-g is grams, \(weightRange.lowerBound) to \(weightRange.upperBound)")
                }
            }

            func run() async throws {
                let (database, context) = try global.screening()
                let new = try NewbornRecords.New.parse(born: born, sex: sex, order: order, weeks: weeks, weightG: weightG, facility: facility)
                let n = try database.write { db in
                    try BirthRegistration.add(db, context: context, pregnancyUUID: pregnancy, newborn: new, residentID: id, name: name)
                }
                if output.format == .json {
                    print(n.addedJSON)
                } else {
                    print(n.uuid)
                }
            }
        }

        struct SetID: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set-id", abstract: "Give a newborn registered without an ID its resident ID.")
            @OptionGroup var global: GlobalOptions
            @Option(help: "The newborn id.") var newborn: NewbornID
            @Option(help: "The baby's resident ID.") var id: String

            func run() async throws {
                let (database, context) = try global.screening()
                let n = try database.write { db in try BirthRegistration.assignID(db, context: context, newbornUUID: newborn, residentID: id) }
                print("newborn \(n.uuid): resident ID \(Masking.residentID(id.trimmingSpaces().uppercased())) recorded")
            }
        }
    }

    struct ResultGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "result", abstract: "Record a screening result, or import a lab file.",
                                                        subcommands: [Record.self, Import.self], defaultSubcommand: Record.self)

        struct Record: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "record", abstract: "Record one result (the default of `screening result`).")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: FormatOption
            @OptionGroup var subject: SubjectOption
            @Option(help: "nt, anomaly_us, serum, thal_gene, metabolic, hearing, deaf_gene or chd.") var service: String
            @Option(help: "Date, or date and time YYYY-MM-DDTHH:MM.") var date: String
            @Option(help: "Institution that performed it.") var institution: String = ""
            @Option(name: .customLong("value"), help: "KEY=VALUE, repeatable (nt_mm=2.1, t21_risk=1/500, left=pass, ...).") var values: [String] = []
            @Option(help: "The lab's own conclusion: positive, negative or not_assessable.") var conclusion: LabConclusion?
            @Option(name: .customLong("specimen-no"), help: "The specimen (标本编号) the result answers.") var specimenNo: String?

            func validate() throws {
                for v in values where !v.contains("=") { throw ValidationError("--value takes KEY=VALUE, got \"\(v)\"") }
            }

            func run() async throws {
                let (database, context) = try global.screening()
                guard let time = ClinicalTime(date) else { throw ScreeningError.badTime(date, field: "--date") }
                let pairs = values.compactMap { v -> (key: String, value: String)? in
                    guard let i = v.firstIndex(of: "=") else { return nil }
                    return (String(v[..<i]), String(v[v.index(after: i)...]))
                }
                let input = ResultInput(service: service, performed: time, institution: institution, values: pairs, conclusion: conclusion,
                                        specimenNo: try specimenNo.map { try SpecimenTracking.number($0) })
                let result = try database.write { db in
                    let subject = try ResultRecording.subject(db, pregnancyUUID: subject.pregnancy, newbornUUID: subject.newborn)
                    return try ResultRecording.record(db, context: context, subject: subject, input: input)
                }
                if output.format == .json { return try JSONOutput.print(result) }
                let positive = result.positive.map { $0 ? "positive" : "negative" } ?? result.outcome.rawValue
                print("\(result.service): \(positive) (rule \(result.ruleVersion))" + (result.unchanged ? ", already recorded" : ""))
                if !result.flags.isEmpty { print("flags: \(result.flags.joined(separator: ", "))") }
                if let c = result.recallCaseID { print("recall case: \(c)") }
            }
        }

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a lab result file (CSV).")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: FormatOption
            @Argument(help: "The CSV file.") var file: String
            @Flag(name: .customLong("dry-run"), help: "Validate without writing.") var dryRun = false
            @Option(name: .customLong("errors-out"), help: "Write rejected rows here, with the reason, for the lab to correct.") var errorsOut: String?

            func run() async throws {
                let (database, context) = try global.screening()
                var importer = ResultImport(context: context)
                if isatty(STDERR_FILENO) == 1 {
                    importer.progress = { rows, read, size in
                        let pct = size > 0 ? read * 100 / size : 0
                        FileHandle.standardError.write(Data("\r\(rows) rows (\(pct)%)".utf8))
                    }
                }
                let result = try importer.run(path: file, database: database, dryRun: dryRun)
                if importer.progress != nil { FileHandle.standardError.write(Data("\r".utf8)) }
                if let errorsOut, !result.rejectedRows.isEmpty { try result.writeErrors(to: errorsOut) }
                let r = result.report
                if output.format == .json { return try JSONOutput.print(r) }
                print("\(r.file): \(r.rows) rows, \(r.imported) imported, \(r.unchanged) unchanged, \(r.rejected) rejected, \(r.positives) positive" + (r.dryRun ? " (dry run, nothing written)" : ""))
                if !r.errors.isEmpty {
                    print(Listing(columns: ["row", "column", "code", "message"],
                                  rows: r.errors.map { [String($0.row), $0.column, $0.code, $0.message] }).render(output.format), terminator: "")
                }
            }
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "due", abstract: "Pregnancies and newborns whose screening window is open or closing, most urgent first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var pii: PIIOption
        @OptionGroup var list: WorkListDay

        func run() async throws {
            let (database, context) = try global.screening()
            let day = try list.day()
            let entries = try database.read { db in
                try WorkListQueries.dueList(db, programme: context.programme, asOf: day, county: list.county)
            }.map { pii.showPII ? $0 : $0.masked }
            if output.format == .json { return try JSONOutput.print(entries) }
            print(Listing(columns: ["subject", "id", "name", "service", "slot", "status", "opens", "closes", "days_left", "phone", "county", "subject_id"],
                          rows: entries.map { e in
                              [e.item.subject.rawValue, e.residentID ?? "(no ID yet)", e.name, e.item.service, String(e.item.slot),
                               e.item.status.rawValue, e.item.opens.iso, e.item.closes.iso, String(e.item.daysLeft), e.phone,
                               e.countyCode, e.item.subjectUUID]
                          }).render(output.format), terminator: "")
        }
    }
}

extension ScreeningCommand {
    /// Fills a database with a synthetic screening year (the demo, and the bench's province year).
    struct DemoFill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "demo-fill", abstract: "Fill the database with a synthetic screening year.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Random seed.") var seed: UInt64 = 2023
        @Option(name: .customLong("as-of"), help: "The date the data runs up to.") var asOf: String = "2023-12-31"
        @Option(help: "Pregnancies registered in the as-of year.") var pregnancies: Int = 400
        @Option(help: "Newborns born in the as-of year.") var newborns: Int = 490
        @Option(name: .customLong("results-csv"), help: "Write the results to this lab file instead of recording them.") var resultsCSV: String?
        @Option(name: .customLong("lab-keys-csv"), help: "With --results-csv: also write the rows keyed as labs hold them (标本编号, 母亲身份证号 + 出生顺序).") var labKeysCSV: String?
        @Flag(name: .customLong("advance-recall"), help: "Only move existing recall cases forward (after importing the lab file).") var advanceRecall = false

        func run() async throws {
            let (database, context) = try global.screening()
            let day = try parseDate(asOf, option: "--as-of")
            let plan = try ScreeningPlan.load(schemas: try global.schemas(), file: context.programme.planFile)
            let demo = ScreeningDemoData(context: context, plan: plan,
                                         options: .init(seed: seed, asOf: day, pregnancies: pregnancies, newborns: newborns, resultsCSV: resultsCSV,
                                                       labKeysCSV: labKeysCSV))
            if advanceRecall {
                let n = try database.write { db in try demo.advanceRecall(db) }
                print("recall cases: \(n)")
                return
            }
            let summary = try demo.fill(database)
            try JSONOutput.print(summary)
        }
    }
}

extension PregnancyOutcome: ExpressibleByArgument {}
extension LabConclusion: ExpressibleByArgument {}
extension RecallStep: ExpressibleByArgument {}
