import Foundation
import GRDB
import ScreenVaxCore
import Store
#if canImport(Glibc)
import Glibc
#endif

/// Where a roster comes from.
public enum RosterSource: Sendable {
    /// A file on disk (the command line); it must be a regular file.
    case file(String)
    /// An uploaded body held in memory. It is read through a file made in the private `folder` and
    /// unlinked at once, so no copy of it outlives the import, even when the process dies.
    case upload(Data, fileName: String, folder: String)
}

/// `hpv import` and the roster upload: a school roster imported in one transaction. A caller bound
/// to an area writes only girls of her area (`RosterImport.area`) and waits when she has had her
/// conflict answers; every conflict row and every dry run is audited.
public enum RosterImporting {
    /// - Parameter errorsFile: where the school's CSV of every rejected row goes (written as the import
    ///   goes, put in place when it is done).
    /// - Parameter county: the county the file belongs to (`--county`); nil: the uploader's county when
    ///   her area is one county.
    public static func run(_ database: RegistryDatabase, context: HPVContext, source: RosterSource, dryRun: Bool,
                           errorsFile: String? = nil, county: String? = nil, sheet: String? = nil,
                           progress: ((Int, Int, Int) -> Void)? = nil) throws -> RosterImportReport {
        let audit = context.audit
        let fileCounty = try county.map { raw in
            guard let c = context.divisions.resolve(raw.trimmingSpaces()) else {
                throw HPVError.field(code: "unknown_county",
                                     message: "county \"\(HPVError.clip(raw))\" is not a Jiangxi county; give its 6-digit code (360102) or name (南昌市东湖区)",
                                     field: "county")
            }
            return c
        } ?? context.area?.countyCode.flatMap { context.divisions.county(code: $0) }
        let budget: Int? = try context.area.map { _ in
            try database.read { db in
                try ConflictBudget.check(db, audit: audit)
                return try ConflictBudget.remaining(db, audit: audit)
            }
        }
        var importer = RosterImport(programme: context.programme, divisions: context.divisions, today: context.today, audit: audit)
        importer.area = context.area == .province ? nil : context.area
        importer.conflictBudget = budget
        importer.progress = progress
        importer.county = fileCounty
        importer.countyNamed = county != nil
        importer.sheetName = sheet
        importer.errorsFile = try errorsFile.map { try RosterErrorsFile(path: $0) }
        let report: RosterImportReport
        do {
            report = try withReadablePath(source) { path, name in
                try importer.run(path: path, fileName: name, database: database, dryRun: dryRun).report
            }
        } catch is RosterImport.BudgetExhausted {
            importer.errorsFile?.discard()
            try Refusals.record(database, context: context, importer.refusals.entries)
            try database.read { db in try ConflictBudget.check(db, audit: audit) }
            throw TooManyConflicts(retryAfter: ConflictBudget.windowSeconds)
        } catch {
            importer.errorsFile?.discard()
            try? Refusals.record(database, context: context, importer.refusals.entries)
            throw error
        }
        try importer.errorsFile?.finish()
        try database.write { db in
            try Refusals.record(db, audit: audit, importer.refusals.entries)
            if dryRun {
                try audit.record(db, action: "dry_run", entity: "hpv_roster", uuid: nil,
                                 detail: "\(report.file): rows \(report.rows), would import \(report.imported), unchanged \(report.unchanged), "
                                     + "excluded \(report.excluded), rejected \(report.rejected)")
            }
        }
        return report
    }

    /// Runs `body` with a path the sheet reader can open and the name the report gives the file.
    static func withReadablePath<T>(_ source: RosterSource, _ body: (String, String) throws -> T) throws -> T {
        switch source {
        case .file(let path):
            var info = stat()
            guard stat(path, &info) == 0 else { throw HPVError.unreadableFile(path) }
            guard mode_t(info.st_mode) & mode_t(S_IFMT) == mode_t(S_IFREG) else { throw HPVError.notAFile(path) }
            return try body(path, URL(fileURLWithPath: path).lastPathComponent)
        case .upload(let data, let fileName, let folder):
            let name = uploadName(fileName)
            let path = folder + "/upload-" + UUID().uuidString
            let fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0o600)
            guard fd >= 0 else { throw CoreError.cannotWrite("the upload folder") }
            defer { close(fd) }
            // Through /proc the open file stays readable after its name is gone: unlinked before a byte is written.
            let viaProc = FileManager.default.fileExists(atPath: "/proc/self/fd/\(fd)")
            if viaProc { unlink(path) }
            defer { if !viaProc { unlink(path) } }
            try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                guard let base = bytes.baseAddress else { return }
                var offset = 0
                while offset < bytes.count {
                    let n = write(fd, base + offset, bytes.count - offset)
                    guard n > 0 else { throw CoreError.cannotWrite("the upload folder") }
                    offset += n
                }
            }
            return try body(viaProc ? "/proc/self/fd/\(fd)" : path, name)
        }
    }

    /// The uploaded file's own name, without any folder a browser sent with it.
    static func uploadName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let trimmed = last.trimmingSpaces()
        guard !trimmed.isEmpty else { return "roster.csv" }
        return trimmed.count > 100 ? String(trimmed.prefix(100)) : trimmed
    }
}
