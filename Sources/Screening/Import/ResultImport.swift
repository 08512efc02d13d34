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

    enum CodingKeys: String, CodingKey {
        case file, encoding, rows, imported, unchanged, rejected, positives, errors
        case dryRun = "dry_run"
    }
}

/// The columns of a lab result file. Value columns are named by their field keys (nt_mm, tsh, left, ...).
enum ResultColumn: String, CaseIterable {
    case pregnancy, newborn, service, date, institution, conclusion, ignored

    static func of(_ header: String) -> ResultColumn? {
        switch header.trimmingSpaces().lowercased() {
        case "pregnancy_id", "pregnancy", "孕次编号", "孕妇编号": .pregnancy
        case "newborn_id", "newborn", "新生儿编号": .newborn
        case "service", "项目", "筛查项目": .service
        case "date", "performed_at", "检测日期", "检查日期", "采样时间": .date
        case "institution", "机构", "检测机构": .institution
        case "conclusion", "结论": .conclusion
        case "specimen_id", "标本编号", "note", "备注": .ignored
        default: nil
        }
    }
}

/// Imports a lab result file in one transaction: every valid row lands or none does; bad rows are
/// reported with row, column, code and what to fix, and re-importing the file changes nothing.
public struct ResultImport {
    public let context: ScreeningContext
    public var progress: ((Int, Int, Int) -> Void)?

    public init(context: ScreeningContext) { self.context = context }

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
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch CSVError.cannotRead { throw ScreeningError.unreadableFile(path) }
        var report = ResultImportReport(file: fileName, dryRun: dryRun)
        var rejected: [RejectedRow] = []
        var header: [String] = []
        do {
            guard let cells = try reader.next() else { throw ScreeningError.missingColumn("service", file: fileName) }
            header = cells
            report.encoding = reader.encoding
            var roles: [ResultColumn?] = []
            var valueKeys: [String?] = []
            let knownKeys = Set(context.programme.services.flatMap { $0.fields.map(\.key) })
            for cell in cells {
                let role = ResultColumn.of(cell)
                let key = cell.trimmingSpaces().lowercased()
                if role == nil && !knownKeys.contains(key) {
                    throw ScreeningError.unknownField(cell, service: "a lab file", known: ResultColumn.allCases.map(\.rawValue) + knownKeys.sorted())
                }
                roles.append(role)
                valueKeys.append(role == nil ? key : nil)
            }
            for needed in [ResultColumn.service, .date] where !roles.contains(needed) {
                throw ScreeningError.missingColumn(needed.rawValue, file: fileName)
            }
            guard roles.contains(.pregnancy) || roles.contains(.newborn) else {
                throw ScreeningError.missingColumn("pregnancy_id or newborn_id", file: fileName)
            }
            let batchID = try ImportBatch.begin(db, kind: "screening_results", fileName: fileName, hash: "",
                                                operatorName: context.audit.operatorName, at: context.audit.timestamp)
            // Lab files list a subject's results together: the last subject is looked up once. The
            // import changes no pregnancy or newborn, so the cached record stays true.
            var lastSubject: (pregnancy: String?, newborn: String?, ref: SubjectRef)?
            while let fields = try reader.next() {
                let row = reader.recordLine
                report.rows += 1
                var pregnancy: String?, newborn: String?, service = "", date = "", institution = "", conclusion = ""
                var values: [(key: String, value: String)] = []
                for (i, cell) in fields.enumerated() where i < roles.count {
                    switch roles[i] {
                    case .pregnancy?: pregnancy = cell.trimmingSpaces()
                    case .newborn?: newborn = cell.trimmingSpaces()
                    case .service?: service = cell.trimmingSpaces()
                    case .date?: date = cell
                    case .institution?: institution = cell.trimmingSpaces()
                    case .conclusion?: conclusion = cell.trimmingSpaces()
                    case .ignored?: break
                    case nil: if !cell.isEmpty { values.append((valueKeys[i]!, cell)) }
                    }
                }
                do {
                    guard let time = ClinicalTime(date) else { throw ScreeningError.badTime(date, field: "date") }
                    var lab: LabConclusion?
                    if !conclusion.isEmpty {
                        guard let c = LabConclusion(rawValue: conclusion.lowercased()) ?? LabConclusion(chinese: conclusion) else {
                            throw ScreeningError.badValue("conclusion", conclusion, expected: "positive, negative or not_assessable (阳性/阴性/无法评估)")
                        }
                        lab = c
                    }
                    let pregnancyKey = (newborn?.isEmpty ?? true) ? pregnancy : nil
                    let subject: SubjectRef
                    if let last = lastSubject, last.pregnancy == pregnancyKey, last.newborn == newborn {
                        subject = last.ref
                    } else {
                        subject = try ResultRecording.subject(db, pregnancyUUID: pregnancyKey, newbornUUID: newborn)
                        lastSubject = (pregnancyKey, newborn, subject)
                    }
                    let outcome = try ResultRecording.record(db, context: context, subject: subject,
                        input: ResultInput(service: service, performed: time, institution: institution, values: values, conclusion: lab),
                        batchID: batchID)
                    if outcome.unchanged { report.unchanged += 1 } else {
                        report.imported += 1
                        if outcome.positive == true { report.positives += 1 }
                    }
                } catch let many as ResultErrors {
                    let errors = many.errors.map { rowError($0, row: row, header: header, roles: roles, valueKeys: valueKeys) }
                    report.rejected += 1
                    report.errors += errors
                    rejected.append(RejectedRow(fields: fields, reasons: errors.map { "\($0.column): \($0.message)" }))
                } catch let e as ScreeningError {
                    let error = rowError(e, row: row, header: header, roles: roles, valueKeys: valueKeys)
                    report.rejected += 1
                    report.errors.append(error)
                    rejected.append(RejectedRow(fields: fields, reasons: ["\(error.column): \(error.message)"]))
                }
                if report.rows % 20000 == 0 { progress?(report.rows, reader.bytesRead, reader.fileSize) }
            }
            var batch = ImportBatch(kind: "screening_results", fileName: fileName, hash: String(reader.hash, radix: 16))
            batch.rows = report.rows; batch.imported = report.imported; batch.unchanged = report.unchanged; batch.rejected = report.rejected
            try batch.finish(db, id: batchID)
            try context.audit.record(db, action: "import", entity: "screening_results", uuid: nil,
                                     detail: "\(fileName): rows \(report.rows), imported \(report.imported), unchanged \(report.unchanged), rejected \(report.rejected)")
        } catch let error as CSVError {
            if case .encoding(let row) = error { throw ScreeningError.encoding(file: fileName, row: row) }
            guard case .cannotRead = error else { throw error as any Error }
            throw ScreeningError.unreadableFile(path)
        }
        return Result(report: report, header: header, rejectedRows: rejected)
    }

    /// The column a problem belongs to, named as the file's own header names it.
    func rowError(_ e: ScreeningError, row: Int, header: [String], roles: [ResultColumn?], valueKeys: [String?]) -> RowError {
        func column(_ role: ResultColumn) -> String { roles.firstIndex(of: role).map { header[$0] } ?? role.rawValue }
        func value(_ key: String) -> String { valueKeys.firstIndex(of: key).map { header[$0] } ?? key }
        let name: String
        switch e {
        case .unknownField(let k, _, _), .badValue(let k, _, _), .outOfRange(let k, _, _, _, _):
            name = k == "conclusion" ? column(.conclusion) : value(k)
        case .undetermined: name = column(.conclusion)
        case .badTime, .futureDate, .resultBeforeSubject, .resultConflict: name = column(.date)
        case .newbornNotFound: name = column(.newborn)
        case .pregnancyNotFound, .pregnancyClosed: name = roles.contains(.pregnancy) ? column(.pregnancy) : column(.newborn)
        case .unknownService, .serviceSubject: name = column(.service)
        default: name = ""
        }
        return RowError(row: row, column: name, code: e.code, message: e.message)
    }
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
