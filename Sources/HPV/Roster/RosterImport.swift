import Foundation
import GRDB
import ScreenVaxCore
import Store

/// What `hpv import` reports: counts, and every rejected row with what to fix.
public struct RosterImportReport: Sendable, Codable {
    public var file: String
    public var encoding: TextEncoding = .utf8
    public var dryRun: Bool
    public var rows = 0
    public var imported = 0
    public var unchanged = 0
    public var excluded = 0
    public var rejected = 0
    public var exclusions: [String: Int] = [:]
    public var errors: [RowError] = []

    enum CodingKeys: String, CodingKey {
        case file, encoding, rows, imported, unchanged, excluded, rejected, exclusions, errors
        case dryRun = "dry_run"
    }
}

/// Imports a 附3 school roster in one transaction: every valid row lands or none does.
public struct RosterImport {
    public let programme: HPVProgramme
    public let divisions: Divisions
    public let today: CalendarDate
    public let audit: AuditLog
    /// Called every few thousand rows with (rows so far, bytes read, file size).
    public var progress: ((Int, Int, Int) -> Void)?
    /// The uploader's area (a web or API upload): a row of any other county is rejected with
    /// `outside_area`, never imported. nil imports every county (the command line).
    public var area: ImportArea?

    /// A county or a city (all its counties) an upload may write to.
    public struct ImportArea: Sendable {
        public let countyCode: String?
        public let cityCode: String?
        /// How the row error names the area (南昌市东湖区).
        public let name: String

        public init(countyCode: String?, cityCode: String?, name: String) {
            self.countyCode = countyCode
            self.cityCode = cityCode
            self.name = name
        }

        func contains(_ c: County) -> Bool {
            (countyCode.map { $0 == c.code } ?? true) && (cityCode.map { $0 == c.cityCode } ?? true)
        }
    }

    public init(programme: HPVProgramme, divisions: Divisions, today: CalendarDate, audit: AuditLog) {
        self.programme = programme
        self.divisions = divisions
        self.today = today
        self.audit = audit
    }

    public struct Result: Sendable {
        public var report: RosterImportReport
        public var header: [String]
        public var rejectedRows: [RejectedRow]
    }

    public func run(path: String, database: RegistryDatabase, dryRun: Bool) throws -> Result {
        let body: (Database) throws -> Result = { db in try self.importFile(path: path, db: db, dryRun: dryRun) }
        return dryRun ? try database.dryRun(body) : try database.write(body)
    }

    func importFile(path: String, db: Database, dryRun: Bool) throws -> Result {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch CSVError.cannotRead { throw HPVError.unreadableFile(path) }
        var report = RosterImportReport(file: fileName, dryRun: dryRun)
        var rejectedRows: [RejectedRow] = []
        var headerCells: [String] = []
        do {
            guard let cells = try reader.next() else { throw HPVError.missingColumns(RosterColumn.required.map(\.formHeader), file: fileName) }
            headerCells = cells
            report.encoding = reader.encoding
            let header = try RosterHeader(cells: headerCells, file: fileName)
            let batchID = try ImportBatch.begin(db, kind: "hpv_roster", fileName: fileName, hash: "",
                                                operatorName: audit.operatorName, at: audit.timestamp)
            let writers = try Writers(persons: Persons.Writer(db), enrollments: EnrollmentRecords.Writer(db))
            while let fields = try reader.next() {
                let rowNumber = reader.recordLine
                report.rows += 1
                switch RosterRowParser.parse(fields: fields, row: rowNumber, header: header, divisions: divisions, today: today) {
                case .failure(let failure):
                    report.rejected += 1
                    report.errors += failure.errors
                    rejectedRows.append(RejectedRow(fields: fields, reasons: failure.errors.map { "\($0.column): \($0.message)" }))
                case .success(let row) where area.map({ !$0.contains(row.county) }) ?? false:
                    let error = RowError(row: rowNumber, column: header.header(.area), code: "outside_area",
                                         message: "地区 \"\(row.areaText)\" (\(row.county.cityName)\(row.county.name)) is outside your area (\(area?.name ?? "")); "
                                            + "send this row to that county's clinic, or correct 地区 if the girl is enrolled in your area")
                    report.rejected += 1
                    report.errors.append(error)
                    rejectedRows.append(RejectedRow(fields: fields, reasons: ["\(error.column): \(error.message)"]))
                case .success(let row):
                    do {
                        try store(row, writers: writers, batchID: batchID, fileName: fileName, report: &report)
                    } catch let conflict as IdentityConflict {
                        let error = RowError(row: rowNumber, column: header.header(.residentID), code: "id_conflict", message: conflict.message)
                        report.rejected += 1
                        report.errors.append(error)
                        rejectedRows.append(RejectedRow(fields: fields, reasons: ["\(error.column): \(error.message)"]))
                    }
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
            throw HPVError.unreadableFile(path)
        }
        return Result(report: report, header: headerCells, rejectedRows: rejectedRows)
    }

    /// The per-row statements, prepared once for the whole file.
    struct Writers {
        let persons: Persons.Writer
        let enrollments: EnrollmentRecords.Writer
    }

    private func store(_ row: RosterRow, writers: Writers, batchID: Int64, fileName: String, report: inout RosterImportReport) throws {
        let person: PersonRecord
        let newPerson: Bool
        switch try writers.persons.findOrCreate(id: row.residentID, name: row.name, at: audit.timestamp) {
        case .created(let p): person = p; newPerson = true
        case .existing(let p): person = p; newPerson = false
        }
        let change = try writers.enrollments.upsert(programme: programme.id, person: person, newPerson: newPerson, row: row,
                                                    batchID: batchID, fileName: fileName, at: audit.timestamp)
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

extension RosterImport.Result {
    /// Writes the rejected rows in the roster's own columns plus 错误原因, for the school to correct.
    public func writeErrors(to path: String) throws {
        try ErrorsFile.write(to: path, header: header, rows: rejectedRows)
    }
}
