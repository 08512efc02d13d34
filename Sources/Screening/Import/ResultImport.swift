import Foundation
import GRDB
import ScreenVaxCore
import Store

/// What `screening result import` reports.
public struct ResultImportReport: Sendable, Codable {
    public var file: String
    public var encoding: TextEncoding = .utf8
    public var dryRun: Bool
    public var rows = 0
    public var imported = 0
    public var unchanged = 0
    public var rejected = 0
    public var positives = 0
    public var errors: [RowError] = []
}

/// Imports a lab result file in one transaction: every valid row lands or none does; bad rows are
/// reported with row, column, code and what to fix, and re-importing the file changes nothing.
public struct ResultImport {
    public let context: ScreeningContext
    public var progress: ((Int, Int, Int) -> Void)?
    /// Whether a subject's county and city are the importer's (an upload at the clinic); nil: all.
    public var inArea: (@Sendable (String, String) -> Bool)?

    public init(context: ScreeningContext, inArea: (@Sendable (String, String) -> Bool)? = nil) {
        self.context = context
        self.inArea = inArea
    }

    /// The page cache during an import, negative = KiB (SQLite's convention): 64 MB. The import's
    /// hot pages are few: the results, outbox and summary indexes grow at their end (time-ordered
    /// uuids, subjects in file order), so a larger cache only costs memory.
    static let cacheKiB = -65_536

    public struct Result: Sendable {
        public var report: ResultImportReport
        public var header: [String]
        public var rejectedRows: [RejectedRow]

        public func writeErrors(to path: String) throws { try ErrorsFile.write(to: path, header: header, rows: rejectedRows) }
    }

    public func run(path: String, database: RegistryDatabase, dryRun: Bool) throws -> Result {
        let body: (Database) throws -> Result = { db in try self.importFile(path: path, db: db, dryRun: dryRun) }
        return dryRun ? try database.dryRun(body) : try database.write(body)
    }

    public func importFile(path: String, db: Database, dryRun: Bool) throws -> Result {
        // A province-year file writes a few hundred MB in one transaction; with SQLite's default
        // 2 MB cache the dirty pages spill to the WAL and are read back again and again (measured:
        // 19 GB read for a 170 MB file). A larger page cache for the length of the import keeps the
        // hot ones in memory.
        let previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = \(ResultImport.cacheKiB)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCache)") }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let reader: SheetReader
        do { reader = try SheetReader(path: path) } catch let e as SpreadsheetError { throw e } catch { throw ScreeningError.unreadableFile(path) }
        defer { reader.close() }
        var report = ResultImportReport(file: fileName, dryRun: dryRun)
        var rejected: [RejectedRow] = []
        guard let first = try reader.next() else { throw ScreeningError.missingColumn("检测项目 (service)", file: fileName) }
        let columns = try LabColumns(header: first.texts, programme: context.programme, fileName: fileName)
        report.encoding = reader.encoding ?? .utf8
        let batchID = try ImportBatch.begin(db, kind: "screening_results", fileName: fileName, hash: "",
                                            operatorName: context.audit.operatorName, at: context.audit.timestamp)
        var match = LabMatch(programme: context.programme, inArea: inArea)
        let services = LabServices(context.programme)
        let institutions = InstitutionCache()
        try reader.forEachRow { sheetRow in
            let row = LabRow(sheetRow, columns: columns)
            report.rows += 1
            do {
                let rawService = row[.service] ?? ""
                guard let service = services.find(rawService) else {
                    throw ScreeningError.unknownService(String(rawService.prefix(40)), known: context.programme.services.map(\.code))
                        .at(InputLocation(column: columns.name(.service)))
                }
                let date = row[.date] ?? ""
                guard let time = ClinicalTime(date) else { throw ScreeningError.badTime(String(date.prefix(40)), field: "date") }
                var lab: LabConclusion?
                if let conclusion = row[.conclusion] {
                    guard let c = LabConclusion(rawValue: conclusion.lowercased()) ?? LabConclusion(chinese: conclusion) else {
                        throw ScreeningError.badValue("conclusion", String(conclusion.prefix(40)), expected: "positive, negative or not_assessable (阳性/阴性/无法评估)")
                    }
                    lab = c
                }
                let subject = try match.subject(db, row: row, service: service, time: time, columns: columns)
                let specimen = try row[.specimen].map { try SpecimenTracking.number($0, field: columns.name(.specimen)) }
                let outcome = try ResultRecording.record(db, context: context, subject: subject,
                    input: ResultInput(service: service.code, performed: time, institution: row[.institution] ?? "", values: row.values,
                                       conclusion: lab, specimenNo: specimen),
                    batchID: batchID, institutions: institutions)
                if outcome.unchanged { report.unchanged += 1 } else {
                    report.imported += 1
                    if outcome.positive == true { report.positives += 1 }
                }
            } catch let many as ResultErrors {
                let errors = many.errors.map { rowError($0, row: sheetRow.number, columns: columns) }
                report.rejected += 1
                report.errors += errors
                rejected.append(RejectedRow(fields: sheetRow.texts, reasons: errors.map { "\($0.column): \($0.message)" }))
            } catch let e as ScreeningError {
                let error = rowError(e, row: sheetRow.number, columns: columns)
                report.rejected += 1
                report.errors.append(error)
                rejected.append(RejectedRow(fields: sheetRow.texts, reasons: ["\(error.column): \(error.message)"]))
            } catch let e as LocatedError {
                let error = RowError(row: sheetRow.number, column: e.location?.column ?? e.location?.field ?? "", code: e.code, message: e.message)
                report.rejected += 1
                report.errors.append(error)
                rejected.append(RejectedRow(fields: sheetRow.texts, reasons: ["\(error.column): \(error.message)"]))
            }
            if report.rows % 20000 == 0 { progress?(report.rows, reader.bytesRead, reader.totalBytes) }
        }
        var batch = ImportBatch(kind: "screening_results", fileName: fileName, hash: String(reader.hash, radix: 16))
        batch.rows = report.rows; batch.imported = report.imported; batch.unchanged = report.unchanged; batch.rejected = report.rejected
        try batch.finish(db, id: batchID)
        try context.audit.record(db, action: "import", entity: "screening_results", uuid: nil,
                                 detail: "\(fileName): rows \(report.rows), imported \(report.imported), unchanged \(report.unchanged), rejected \(report.rejected)")
        return Result(report: report, header: columns.header, rejectedRows: rejected)
    }

    /// The column a problem belongs to, named as the file's own header names it.
    func rowError(_ e: ScreeningError, row: Int, columns: LabColumns) -> RowError {
        if let column = e.location?.column { return RowError(row: row, column: column, code: e.code, message: e.message) }
        if case .located(let inner, _) = e { return rowError(inner, row: row, columns: columns) }
        let name: String
        switch e {
        case .unknownField(let k, _, _), .badValue(let k, _, _), .outOfRange(let k, _, _, _, _), .tooLong(let k, _), .missingValue(let k, _):
            name = k == "conclusion" ? columns.name(.conclusion) : columns.name(value: k)
        case .undetermined, .positiveNeeds: name = columns.name(.conclusion)
        case .badTime, .futureDate, .resultBeforeSubject, .resultConflict: name = columns.name(.date)
        case .newbornNotFound: name = columns.name(.newborn)
        case .pregnancyNotFound, .pregnancyClosed: name = columns.roles.contains(.pregnancy) ? columns.name(.pregnancy) : columns.name(.newborn)
        case .unknownService, .serviceSubject: name = columns.name(.service)
        case .unknownInstitution: name = columns.name(.institution)
        default: name = ""
        }
        return RowError(row: row, column: name, code: e.code, message: e.message)
    }
}

/// What a lab file's 检测项目 may call a service: its code, its Chinese name, or a lab name the
/// programme lists.
struct LabServices {
    private var byName: [String: Service] = [:]

    init(_ programme: ScreeningProgramme) {
        for s in programme.services {
            for name in [s.code, s.nameZh] + s.labNames { byName[name.filter { !$0.isWhitespace }.lowercased()] = s }
        }
    }

    func find(_ raw: String) -> Service? { byName[raw.filter { !$0.isWhitespace }.lowercased()] }
}

extension LabConclusion {
    init?(chinese: String) {
        switch chinese {
        case "阳性", "高风险", "未通过": self = .positive
        case "阴性", "低风险", "通过": self = .negative
        case "无法评估", "显示不清": self = .notAssessable
        default: return nil
        }
    }
}
