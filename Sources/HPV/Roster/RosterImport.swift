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
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch CSVError.cannotRead { throw HPVError.unreadableFile(fileName) }
        var report = RosterImportReport(file: fileName, dryRun: dryRun)
        do {
            guard let headerCells = try reader.next() else { throw HPVError.missingColumns(RosterColumn.required.map(\.formHeader), file: fileName) }
            report.encoding = reader.encoding
            let header = try RosterHeader(cells: headerCells, file: fileName)
            errorsFile?.begin(header: headerCells)
            let batchID = try ImportBatch.begin(db, kind: "hpv_roster", fileName: fileName, hash: "",
                                                operatorName: audit.operatorName, at: audit.timestamp)
            let writers = try Writers(persons: Persons.Writer(db), enrollments: EnrollmentRecords.Writer(db))
            var budget = conflictBudget
            while let fields = try reader.next() {
                let rowNumber = reader.recordLine
                report.rows += 1
                var rowErrors: [RowError] = []
                switch RosterRowParser.parse(fields: fields, row: rowNumber, header: header, divisions: divisions, today: today) {
                case .failure(let failure):
                    rowErrors = failure.errors
                case .success(let row) where area.map({ !$0.contains(row.county) }) ?? false:
                    rowErrors = [RowError(row: rowNumber, column: header.header(.area), code: "outside_area",
                                          message: "地区 \"\(HPVError.clip(row.areaText))\" (\(row.county.cityName)\(row.county.name)) is outside your area "
                                            + "(\(area?.name(divisions) ?? "")); send this row to that county's clinic, or correct 地区 if the girl is enrolled in your area")]
                case .success(let row):
                    do {
                        try store(row, db: db, writers: writers, batchID: batchID, fileName: fileName, report: &report)
                    } catch let conflict as RowConflict {
                        rowErrors = [RowError(row: rowNumber, column: header.header(conflict.column), code: conflict.code, message: conflict.message)]
                        refusals.add(code: conflict.code, maskedID: row.residentID.masked, counted: conflict.counted)
                        if conflict.counted, let left = budget {
                            guard left > 0 else { throw BudgetExhausted() }
                            budget = left - 1
                        }
                    }
                }
                if !rowErrors.isEmpty {
                    report.reject(rowErrors)
                    try errorsFile?.add(fields: fields, reasons: rowErrors.map { "\($0.column): \($0.message)" })
                }
                if report.rows % 5000 == 0 { progress?(report.rows, reader.bytesRead, reader.fileSize) }
            }
            var batch = ImportBatch(kind: "hpv_roster", fileName: fileName, hash: String(reader.hash, radix: 16))
            batch.rows = report.rows; batch.imported = report.imported; batch.unchanged = report.unchanged
            batch.excluded = report.excluded; batch.rejected = report.rejected
            try batch.finish(db, id: batchID)
            try audit.record(db, action: "import", entity: "hpv_roster", uuid: nil,
                             detail: "\(fileName): rows \(report.rows), imported \(report.imported), unchanged \(report.unchanged), excluded \(report.excluded), rejected \(report.rejected)")
        } catch let error as CSVError {
            if case .encoding(let row) = error { throw HPVError.encoding(file: fileName, row: row) }
            guard case .cannotRead = error else { throw error as any Error }
            throw HPVError.unreadableFile(fileName)
        }
        return Result(report: report)
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
