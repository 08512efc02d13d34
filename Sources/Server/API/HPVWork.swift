import Accounts
import Foundation
import GRDB
import Hummingbird
import HPV
import ScreenVaxCore
import Store

/// The HPV work the API and the web pages share, always inside the caller's area.
extension ClinicServices {
    public struct DuePage: Sendable {
        public let items: [WorkItem]
        /// Girls on the whole list (all pages).
        public let total: Int
    }

    /// The work list of an area, most urgent first, one page of it.
    public func dueList(area: Jurisdiction, asOf: CalendarDate, within: Int = 0, offset: Int = 0, limit: Int? = nil) throws -> DuePage {
        let programme = self.programme
        let filter = self.filter(area)
        let database = self.database
        let items = try dueCache.list(area: area.code, asOf: asOf, variant: "within=\(within)", filter: filter, programme: programme.id,
                                      database: database, build: { WorkList.due($0, programme: programme, asOf: asOf, within: within) },
                                      refresh: { WorkList.refresh(&$0, changed: $1, programme: programme, asOf: asOf, within: within) })
        let start = min(offset, items.count)
        let end = limit.map { min(items.count, start + $0) } ?? items.count
        return DuePage(items: Array(items[start..<end]), total: items.count)
    }

    /// A girl of the caller's area by her person uuid (the web pages never put an ID in a URL).
    public func girl(personUUID: String, for user: User) throws -> Girl? {
        guard let rid = try database.read({ db in
            try String.fetchOne(db, sql: "SELECT resident_id FROM persons WHERE uuid = ?", arguments: [personUUID])
        }) else { return nil }
        return try girl(rid, for: user)
    }

    /// The `as_of` query parameter, or today.
    func asOf(_ request: Request) throws -> CalendarDate {
        try queryDate(request, "as_of") ?? today
    }

    /// A date query parameter (nil when absent); a bad one is a 400 naming it.
    func queryDate(_ request: Request, _ name: String) throws -> CalendarDate? {
        guard let text = request.query(name) else { return nil }
        guard let day = FormDate.parse(text) else {
            throw ClinicError(.badRequest, code: "bad_date", message: CoreError.badDate(text, field: name).message)
        }
        return day
    }

    public func residentID(_ raw: String) throws -> ResidentID {
        do { return try ResidentID(raw, today: today) } catch {
            throw ClinicError(.unprocessableContent, code: error.code, message: "id: " + error.message)
        }
    }

    /// A girl of the caller's area, or 404 (an invalid ID is a 422 saying what is wrong with it).
    public func girlOrNotFound(_ raw: String, for user: User) throws -> Girl {
        _ = try residentID(raw)
        guard let girl = try girl(raw, for: user) else { throw ClinicError.notFound }
        return girl
    }

    func date(_ text: String, field: String) throws -> CalendarDate {
        guard let d = FormDate.parse(text) else { throw ClinicError(.unprocessableContent, code: "bad_date", message: CoreError.badDate(text, field: field).message) }
        return d
    }

    /// `hpv dose` for a girl of the caller's area; the product, lot and expiry are remembered in the
    /// caller's session for the next form.
    public func recordDose(_ caller: Caller, id: String, date: String, product: String, lot: String, expiry: String,
                           site: String = "", clinic: String = "", vaccinator: String = "", historical: Bool = false) throws -> DoseResult {
        let girl = try girlOrNotFound(id, for: caller.user)
        let rid = try residentID(girl.residentID)
        guard let expiryDate = DoseEntry.expiry(expiry) else {
            throw ClinicError(.unprocessableContent, code: "bad_date", message: CoreError.badDate(expiry, field: "expiry").message)
        }
        let entry = DoseEntry(residentID: rid, date: try self.date(date, field: "date"), product: product.lowercased(), lot: lot,
                              expiry: expiryDate, site: site, clinic: clinic, vaccinator: vaccinator, historical: historical)
        let programme = self.programme
        let today = self.today
        let audit = self.audit(caller.user)
        let token = caller.token
        let (dose, after) = try database.write { db in
            let dose = try DoseRecords.record(db, entry: entry, today: today, knownProducts: programme.knownProductCodes, audit: audit)
            try Authenticator.rememberDose(db, token: token, product: entry.product, lot: lot, expiry: expiryDate.iso)
            return (dose, try Register.girl(db, programme: programme.id, residentID: rid))
        }
        return DoseResult(dose: dose, girl: after, programme: programme, today: today)
    }

    /// `hpv aefi add` for a girl of the caller's area; returns the event's uuid.
    public func recordAEFI(_ caller: Caller, id: String, doseDate: String, onset: String, symptoms: [String], serious: Bool,
                           outcome: String, reporter: String) throws -> String {
        let girl = try girlOrNotFound(id, for: caller.user)
        let rid = try residentID(girl.residentID)
        guard let outcomeValue = AEFIOutcome(rawValue: outcome) else {
            throw HPVError.badValue(field: "outcome", value: outcome, expected: AEFIOutcome.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let entry = AEFIEntry(residentID: rid, doseDate: try date(doseDate, field: "dose_date"), onset: try OnsetTime(onset),
                              symptoms: symptoms.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }, serious: serious,
                              outcome: outcomeValue, reporter: reporter)
        let programme = self.programme
        let today = self.today
        let audit = self.audit(caller.user)
        return try database.write { db in try AEFIRecords.record(db, entry: entry, programme: programme, today: today, audit: audit) }
    }

    /// `hpv import` of an uploaded roster. The file goes through a private temporary folder
    /// (the importer streams files) that is removed at once.
    public func importRoster(_ caller: Caller, data: Data, fileName: String, dryRun: Bool) throws -> RosterImport.Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let safeName = String(fileName.split(separator: "/").last ?? "roster.csv").replacingOccurrences(of: "\\", with: "_")
        let path = dir.appendingPathComponent(safeName.isEmpty ? "roster.csv" : safeName).path
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw CoreError.cannotWrite("upload") }
        var importer = RosterImport(programme: programme, divisions: divisions, today: today, audit: audit(caller.user))
        // An upload writes only to the uploader's area; other counties' rows come back as row errors.
        let area = caller.user.area
        if area != .province { importer.area = .init(countyCode: area.countyCode, cityCode: area.cityCode, name: areaName(area)) }
        return try importer.run(path: path, database: database, dryRun: dryRun)
    }

    /// The rejected rows as the school's CSV (the roster's columns plus 错误原因, UTF-8 with a BOM).
    public func errorsCSV(_ result: RosterImport.Result) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("errors.csv").path
        try result.writeErrors(to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
