import Foundation
import GRDB
import ScreenVaxCore

/// What `calls import-results` did.
public struct ResultsImportReport: Sendable, Codable, Hashable {
    public var file: String
    public var rows = 0
    public var recorded = 0
    public var unchanged = 0
    public var rejected = 0
    public var errors: [RowError] = []
}

/// Reads a voice platform's results file (CSV with a header, or a JSON array of objects) with
/// the keys `call_id`, `outcome`, `at` and optionally `result_id` and `note`, and records each
/// row as an attempt. A row with a result already recorded (same `result_id`, or the same call,
/// outcome and time) is unchanged, so importing a file twice changes nothing. A bad row is
/// reported with its row and column and the rest are recorded; the file is one transaction.
public enum ResultsImport {
    public static let columns = ["call_id", "outcome", "at", "result_id", "note"]

    public static func rows(path: String) throws -> [(row: Int, fields: [String: String])] {
        let name = (path as NSString).lastPathComponent
        try CSVReader.checkRegularFile(path)
        let head = FileManager.default.contents(atPath: path)
        guard let data = head else { throw FollowUpError.unreadableFile(path) }
        let firstByte = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        if firstByte == UInt8(ascii: "[") {
            guard let list = try? JSONSerialization.jsonObject(with: data) as? [Any] else { throw FollowUpError.unreadableFile(path) }
            // JSON rows are numbered from 1 (the first object), like array positions a person counts.
            return list.enumerated().map { i, item in
                var fields: [String: String] = [:]
                for (k, v) in (item as? [String: Any]) ?? [:] { fields[k] = v as? String ?? (v as? NSNumber)?.stringValue }
                return (i + 1, fields)
            }
        }
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch CSVError.cannotRead { throw FollowUpError.unreadableFile(path) }
        guard let header = try reader.next()?.map({ $0.trimmingSpaces().lowercased() }) else { return [] }
        let missing = ["call_id", "outcome", "at"].filter { !header.contains($0) }
        guard missing.isEmpty else { throw FollowUpError.missingColumns(missing, file: name) }
        var out: [(Int, [String: String])] = []
        var row = 1
        while let cells = try reader.next() {
            row += 1
            if cells.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            var fields: [String: String] = [:]
            for (i, h) in header.enumerated() where i < cells.count { fields[h] = cells[i].trimmingSpaces() }
            out.append((row, fields))
        }
        return out
    }

    public static func run(_ db: Database, context: FollowUpContext, path: String, source: String = "import") throws -> ResultsImportReport {
        var report = ResultsImportReport(file: (path as NSString).lastPathComponent)
        for (row, f) in try rows(path: path) {
            report.rows += 1
            func reject(_ column: String, _ error: any UserError) {
                report.rejected += 1
                report.errors.append(RowError(row: row, column: column, code: error.code, message: error.message))
            }
            let callID = f["call_id"] ?? ""
            guard let outcome = CallOutcome(rawValue: (f["outcome"] ?? "").lowercased()) else {
                reject("outcome", FollowUpError.badOutcome(f["outcome"] ?? "")); continue
            }
            guard let at = CallTime(f["at"] ?? "") else { reject("at", FollowUpError.badTime(f["at"] ?? "", field: "at")); continue }
            let resultKey = (f["result_id"]?.isEmpty ?? true) ? nil : f["result_id"]
            do {
                // Each row in its own savepoint: a row that fails half-way leaves nothing behind.
                var result: AttemptResult?
                try db.inSavepoint {
                    result = try CallQueue.record(db, context: context, callID: callID, outcome: outcome, at: at, source: source,
                                                  resultKey: resultKey, note: f["note"] ?? "")
                    return .commit
                }
                if result?.duplicate == true { report.unchanged += 1 } else { report.recorded += 1 }
            } catch let e as FollowUpError {
                switch e {
                case .callNotFound, .callClosed: reject("call_id", e)
                case .futureAttempt: reject("at", e)
                default: reject("(row)", e)
                }
            }
        }
        try context.audit.record(db, action: "import_results", entity: "followup_results", uuid: nil,
                                 detail: "\(report.file): rows \(report.rows), recorded \(report.recorded), unchanged \(report.unchanged), rejected \(report.rejected)")
        return report
    }
}
