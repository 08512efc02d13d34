import Foundation
import GRDB
import ScreenVaxCore
import Store

/// Imports a 附3 school roster in one transaction: every valid row lands or none does.
public struct RosterImport {
    public let programme: HPVProgramme
    public let divisions: Divisions
    public let today: CalendarDate
    public let audit: AuditLog
    /// Called every few thousand rows with (rows so far, bytes read, file size).
    public var progress: ((Int, Int, Int) -> Void)?
    /// The uploader's area (a web or API upload, or any import given one). A row of another county
    /// is rejected (`outside_area`), and so is a girl already enrolled outside it
    /// (`enrolled_elsewhere`): nothing of hers changes; moving her is a transfer. An ID registered
    /// under another name is told in full only when that person is enrolled inside the area.
    /// nil imports every county (the command line, the county office's own tool).
    public var area: AreaScope?
    /// The worksheet of an xlsx file to read (nil: the first).
    public var sheetName: String?
    /// The county the file belongs to (`--county`, or the uploader's county): a blank 地区 or one
    /// naming only its city means this county; a row naming another county is refused.
    public var county: County?
    /// Whether `county` was named for the file (`--county`): its rows of another county are then
    /// refused as `outside_county`; the uploader's own county leaves them to the area's check.
    public var countyNamed = true
    /// How many more answers about records outside `area` the uploader may get (`ConflictBudget`);
    /// one more stops the import, and nothing of it is written.
    public var conflictBudget: Int?
    /// Where every rejected row goes as it is found (the school's CSV).
    public var errorsFile: RosterErrorsFile?
    /// The conflict rows of the import (who, masked ID, code), for the audit log.
    public let refusals = RosterRefusals()

    public init(programme: HPVProgramme, divisions: Divisions, today: CalendarDate, audit: AuditLog) {
        self.programme = programme
        self.divisions = divisions
        self.today = today
        self.audit = audit
    }

    public struct Result: Sendable {
        public var report: RosterImportReport
    }

    /// The uploader's conflict answers ran out part way: the import stops and is rolled back.
    struct BudgetExhausted: Error {}

    /// - Parameter fileName: the name the report and the batch give the file (default: the path's last part).
    public func run(path: String, fileName: String? = nil, database: RegistryDatabase, dryRun: Bool) throws -> Result {
        let name = fileName ?? URL(fileURLWithPath: path).lastPathComponent
        let body: (Database) throws -> Result = { db in try self.importFile(path: path, fileName: name, db: db, dryRun: dryRun) }
        return dryRun ? try database.dryRun(body) : try database.write(body)
    }

    func importFile(path: String, fileName: String, db: Database, dryRun: Bool) throws -> Result {
        do {
            var sheet = try RosterSheet(path: path, fileName: fileName, sheet: sheetName)
            try errorsFile?.begin(header: sheet.header.cells, format: sheet.format)
            let batchID = try ImportBatch.begin(db, kind: "hpv_roster", fileName: fileName, hash: "",
                                                operatorName: audit.operatorName, at: audit.timestamp)
            let writers = try Writers(persons: Persons.Writer(db), enrollments: EnrollmentRecords.Writer(db))
            // Most files name each girl once: the rows are imported in one reading that also notes
            // every row's girl. Only when a later row turns out to replace an earlier one is that
            // reading undone and the file read again, the replaced rows known.
            enum FirstReading { case imported(RosterImportReport), undone(replaced: DuplicateRows) }
            var first = FirstReading.undone(replaced: DuplicateRows())
            try db.inSavepoint {
                var keys: DuplicateRows? = DuplicateRows(for: sheet.reader)
                do {
                    let report = try pass(&sheet, replaced: DuplicateRows(), keys: &keys, db: db, writers: writers,
                                          batchID: batchID, fileName: fileName, dryRun: dryRun)
                    keys?.finish()
                    guard let found = keys, !found.replacedBy.isEmpty else { first = .imported(report); return .commit }
                    first = .undone(replaced: found)
                } catch is BudgetExhausted {
                    // Rows that a later row replaces are not asked about: maybe the answers suffice then.
                    let found = try Self.duplicates(path: path, fileName: fileName, sheet: sheetName)
                    guard !found.replacedBy.isEmpty else { throw BudgetExhausted() }
                    first = .undone(replaced: found)
                }
                return .rollback
            }
            var report: RosterImportReport
            switch first {
            case .imported(let imported):
                report = imported
            case .undone(let replaced):
                sheet.reader.close()
                sheet = try RosterSheet(path: path, fileName: fileName, sheet: sheetName)
                try errorsFile?.restart(header: sheet.header.cells, format: sheet.format)
                refusals.reset()
                var none: DuplicateRows?
                report = try pass(&sheet, replaced: replaced, keys: &none, db: db, writers: writers,
                                  batchID: batchID, fileName: fileName, dryRun: dryRun)
            }
            report.format = sheet.format.rawValue
            report.sheet = sheet.reader.sheetName
            report.form = sheet.form
            try sheet.form.save(db, batchID: batchID)
            var batch = ImportBatch(kind: "hpv_roster", fileName: fileName, hash: String(sheet.reader.hash, radix: 16))
            batch.rows = report.rows; batch.imported = report.imported; batch.unchanged = report.unchanged
            batch.excluded = report.excluded; batch.rejected = report.rejected
            try batch.finish(db, id: batchID)
            try audit.record(db, action: "import", entity: "hpv_roster", uuid: nil,
                             detail: "\(fileName): rows \(report.rows), imported \(report.imported), unchanged \(report.unchanged), excluded \(report.excluded), rejected \(report.rejected)")
            report.encoding = sheet.reader.encoding ?? .utf8
            return Result(report: report)
        } catch let error as SpreadsheetError {
            switch error {
            case .encoding(_, let row): throw HPVError.encoding(file: fileName, row: row)
            case .unreadable: throw HPVError.unreadableFile(fileName)
            default: throw error
            }
        }
    }

    /// One reading of the file's rows into the register. `replaced`: the rows a later row of the
    /// same girl replaces, skipped with a warning. `keys`, when given, notes the girl of every row
    /// read, as the first pass (`duplicates`) would.
    private func pass(_ sheet: inout RosterSheet, replaced duplicates: DuplicateRows, keys: inout DuplicateRows?, db: Database,
                      writers: Writers, batchID: Int64, fileName: String, dryRun: Bool) throws -> RosterImportReport {
        var report = RosterImportReport(file: fileName, dryRun: dryRun)
        let header = sheet.header
        let idIndex = header.positions[RosterColumn.residentID.ordinal]
        let nameIndex = header.positions[RosterColumn.name.ordinal]
        var budget = conflictBudget
        while let sheetRow = try sheet.next(seen: { keys?.add(row: $0, idIndex: idIndex, nameIndex: nameIndex) }) {
            let rowNumber = sheetRow.number
            report.rows += 1
            if report.rows % 5000 == 0 { progress?(report.rows, sheet.reader.bytesRead, sheet.reader.totalBytes) }
            if let kept = duplicates.replacedBy[rowNumber] {
                report.duplicates += 1
                report.warn(DuplicateRows.warning(row: rowNumber, keptRow: kept, column: header.header(.residentID)))
                continue
            }
            let row = sheet.fields(sheetRow)
            for warning in row.warnings { report.warn(warning) }
            var rowErrors: [RowError] = []
            switch RosterRowParser.parse(fields: row.fields, row: rowNumber, header: header, divisions: divisions, today: today,
                                         defaultCounty: county, onlyDefaultCounty: countyNamed) {
            case .failure(let failure):
                rowErrors = failure.errors
            case .success where row.idAsNumber:
                rowErrors = []
            case .success(let parsed) where area.map({ !$0.contains(parsed.county) }) ?? false:
                rowErrors = [RowError(row: rowNumber, column: header.header(.area), code: "outside_area",
                                      message: "地区 \"\(HPVError.clip(parsed.areaText))\" (\(parsed.county.cityName)\(parsed.county.name)) is outside your area "
                                        + "(\(area?.name(divisions) ?? "")); send this row to that county's clinic, or correct 地区 if the girl is enrolled in your area")]
            case .success(let parsed):
                do {
                    try store(parsed, db: db, writers: writers, batchID: batchID, fileName: fileName, report: &report)
                } catch let conflict as RowConflict {
                    rowErrors = [RowError(row: rowNumber, column: header.header(conflict.column), code: conflict.code, message: conflict.message)]
                    refusals.add(code: conflict.code, maskedID: parsed.residentID.masked, counted: conflict.counted)
                    if conflict.counted, let left = budget {
                        guard left > 0 else { throw BudgetExhausted() }
                        budget = left - 1
                    }
                }
            }
            if row.idAsNumber {
                // The digits the parser saw are not her ID: whatever it said of them, this is what to fix.
                let idColumn = header.header(.residentID)
                rowErrors = [sheet.idAsNumberError(row: rowNumber)] + rowErrors.filter { $0.column != idColumn && $0.code != "birth_date_mismatch" }
            }
            if !rowErrors.isEmpty {
                report.reject(rowErrors)
                try errorsFile?.add(fields: row.shown, reasons: rowErrors.map { "\($0.column): \($0.message)" })
            }
        }
        return report
    }

    /// The first pass: which rows a later row of the same girl replaces.
    static func duplicates(path: String, fileName: String, sheet name: String?) throws -> DuplicateRows {
        let sheet = try RosterSheet(path: path, fileName: fileName, sheet: name)
        defer { sheet.reader.close() }
        let idIndex = sheet.header.positions[RosterColumn.residentID.ordinal]
        let nameIndex = sheet.header.positions[RosterColumn.name.ordinal]
        var found = DuplicateRows(for: sheet.reader)
        // Only the two cells are read: a footer line or a row without an ID has no valid ID, and
        // is passed over by `add` as it would be by the sheet.
        let columns = SheetReader.Columns([idIndex, nameIndex])
        while let row = try sheet.reader.next(reading: columns) {
            found.add(row: row, idIndex: idIndex, nameIndex: nameIndex)
        }
        found.finish()
        return found
    }

    /// The per-row statements, prepared once for the whole file.
    struct Writers {
        let persons: Persons.Writer
        let enrollments: EnrollmentRecords.Writer
    }

    private func store(_ row: RosterRow, db: Database, writers: Writers, batchID: Int64, fileName: String,
                       report: inout RosterImportReport) throws {
        let person: PersonRecord
        let newPerson: Bool
        do {
            switch try writers.persons.findOrCreate(id: row.residentID, name: row.name, at: audit.timestamp) {
            case .created(let p): person = p; newPerson = true
            case .existing(let p): person = p; newPerson = false
            }
        } catch let conflict as IdentityConflict {
            throw try RowConflict.identity(conflict, db: db, programme: programme.id, area: area)
        }
        let change: EnrollmentRecords.Change
        do {
            change = try writers.enrollments.upsert(programme: programme.id, person: person, newPerson: newPerson, row: row,
                                                    batchID: batchID, fileName: fileName, at: audit.timestamp, area: area)
        } catch let elsewhere as EnrolledElsewhere {
            throw RowConflict.enrolledElsewhere(elsewhere, divisions: divisions)
        }
        if let exclusion = Eligibility.exclusion(row.facts, programme: programme) {
            report.excluded += 1
            report.exclusions[exclusion.rawValue, default: 0] += 1
        } else if change == .unchanged {
            report.unchanged += 1
        } else {
            report.imported += 1
        }
    }
}
