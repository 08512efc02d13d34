import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

/// Whatever a clinic types is bounded before it reaches the register: lengths, years, look-aheads, files.
@Suite("Input bounds of the HPV use cases")
struct InputBoundsTests {
    /// (roster column, the row with that cell at the limit or one past it, code or nil)
    @Test("Roster text cells: 200 characters are kept, 201 are too_long", arguments: [
        ("学生姓名", 200, nil as String?), ("学生姓名", 201, "too_long"),
        ("在读学校", 200, nil), ("在读学校", 201, "too_long"),
        ("班级", 200, nil), ("班级", 201, "too_long"),
        ("监护人姓名", 200, nil), ("监护人姓名", 201, "too_long"),
        ("拒绝原因", 200, nil), ("拒绝原因", 201, "too_long"),
    ])
    func rosterCells(column: String, length: Int, code: String?) throws {
        let f = try RegistryFixture()
        let text = String(repeating: "字", count: length)
        let id = residentID("2011-02-02", sequence: 40)
        let row = RegistryFixture.row(1, area: "东湖区", name: column == "学生姓名" ? text : "赵敏", id: id,
                                      school: column == "在读学校" ? text : "东湖区第一中学",
                                      guardian: column == "监护人姓名" ? text : "赵刚", className: column == "班级" ? text : "初一(1)班",
                                      consent: column == "拒绝原因" ? "否（\(text)）" : "是")
        let r = try f.importRoster([row], area: RegistryFixture.donghu)
        if let code {
            #expect(r.errors.map(\.code) == [code] && r.errors.first?.column == column)
            #expect(try f.enrolment(id).isEmpty)
        } else {
            #expect(r.rejected == 0 && r.imported + r.excluded == 1)
        }
    }

    /// (field, length, code or nil) for a dose recorded at the clinic.
    @Test("Dose text fields", arguments: [("lot", 200, nil as String?), ("lot", 201, "too_long"), ("site", 201, "too_long"),
                                          ("clinic", 200, nil), ("clinic", 201, "too_long"), ("vaccinator", 201, "too_long")])
    func doseFields(field: String, length: Int, code: String?) throws {
        let f = try RegistryFixture()
        let text = String(repeating: "批", count: length)
        let input = DoseInput(girl: .residentID(RegistryFixture.wang), date: "2024-04-10", product: "cecolin",
                              lot: field == "lot" ? text : "C1", expiry: "2026-06", site: field == "site" ? text : "",
                              clinic: field == "clinic" ? text : "", vaccinator: field == "vaccinator" ? text : "")
        let result = errorCode { _ = try DoseRecording.record(f.database, context: f.context(RegistryFixture.donghu), input: input) }
        #expect(result == code)
        #expect(try f.count("hpv_doses") == (code == nil ? 1 : 0))
    }

    @Test("Consent reasons, AEFI reporters and transfer names are capped too", arguments: [200, 201])
    func otherFields(length: Int) throws {
        let f = try RegistryFixture()
        let text = String(repeating: "因", count: length)
        let expected: String? = length > FieldLength.maxCharacters ? "too_long" : nil
        let context = try f.context(RegistryFixture.donghu)
        #expect(errorCode { _ = try ConsentRecording.record(f.database, context: context, girl: .residentID(RegistryFixture.wang),
                                                            consent: .declined, reason: text) } == expected)
        // She declined above; her guardian changes mind at the clinic and signs with the dose.
        _ = try DoseRecording.record(f.database, context: context, input: DoseInput(girl: .residentID(RegistryFixture.wang), date: "2024-04-10",
                                                                                    product: "cecolin", lot: "C1", expiry: "2026-06", consentBy: "王伟"))
        #expect(errorCode { _ = try AEFIRecording.record(f.database, context: context, input: AEFIInput(
            girl: .residentID(RegistryFixture.wang), doseDate: "2024-04-10", onset: "2024-04-10T15:00", symptoms: ["fever"], reporter: text)) } == expected)
        let transfer = errorCode { _ = try Transfers.request(f.database, context: f.context(RegistryFixture.xihu), input: TransferInput(
            residentID: RegistryFixture.wang, name: "王小红", toCounty: "", school: text)) }
        #expect(transfer == expected)
    }

    /// (expiry as typed, the date it means or nil when refused)
    @Test("A lot's expiry has a year 1900 to 2100", arguments: [
        ("1899-12", nil as String?), ("1900-01", "1900-01-31"), ("2100-12", "2100-12-31"), ("2101-01", nil),
        ("1899-12-31", nil), ("1900-01-01", "1900-01-01"), ("2100-12-31", "2100-12-31"), ("2101-01-01", nil),
        ("10000-06", nil), ("99999999999999999999-01", nil), ("2025/6", "2025-06-30"), ("2025-13", nil),
    ])
    func expiryYears(text: String, expected: String?) throws {
        #expect(DoseEntry.expiry(text)?.iso == expected)
        let f = try RegistryFixture()
        let result = errorCode { _ = try DoseRecording.record(f.database, context: f.context(nil), input: DoseInput(
            girl: .residentID(RegistryFixture.wang), date: "2024-04-10", product: "cecolin", lot: "C1", expiry: text)) }
        #expect(result == (expected == nil ? "bad_date" : nil))
    }

    /// (look-ahead asked for, the one used)
    @Test("The work list's look-ahead is held to 0...3650 days for any Int", arguments: [
        (-1, 0), (0, 0), (3650, 3650), (3651, 3650), (Int.max, 3650), (Int.min, 0),
    ])
    func within(asked: Int, used: Int) throws {
        let day = date(RegistryFixture.today)
        #expect(WorkList.horizon(day, within: asked) == day.addingDays(used))
        let f = try RegistryFixture()
        let p = try programme()
        let list = try f.database.read { db in try Register.due(db, programme: p, asOf: day, within: asked) }
        let bounded = try f.database.read { db in try Register.due(db, programme: p, asOf: day, within: used) }
        #expect(list.map(\.girl.personUUID) == bounded.map(\.girl.personUUID))
    }

    @Test("Only a regular file is a roster", arguments: ["folder", "/dev/zero", "missing"])
    func notAFile(kind: String) throws {
        let f = try RegistryFixture()
        let path = kind == "folder" ? f.folder.path : kind == "missing" ? f.folder.appendingPathComponent("nope.csv").path : kind
        let code = errorCode { _ = try RosterImporting.run(f.database, context: f.context(nil), source: .file(path), dryRun: false) }
        #expect(code == (kind == "missing" ? "file_unreadable" : "not_a_file"))
    }

    @Test("A bad file keeps its first 1,000 errors in the answer and every one in the errors file; an upload leaves no copy")
    func manyErrors() throws {
        let f = try RegistryFixture()
        let rows = (1...1500).map { "\($0),东湖区,某某,2011-01-01,36010220110101001,东湖区第一中学,初一(1)班,某,13812345678,无,是" }
        let uploads = f.folder.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        let errorsPath = f.folder.appendingPathComponent("errors.csv").path
        let data = Data(([RegistryFixture.header] + rows).joined(separator: "\n").utf8)
        let r = try RosterImporting.run(f.database, context: f.context(RegistryFixture.donghu),
                                        source: .upload(data, fileName: "C:\\学校\\一中.csv", folder: uploads.path), dryRun: false, errorsFile: errorsPath)
        #expect(r.file == "一中.csv")
        #expect(r.rejected == 1500 && r.errors.count == RosterImportReport.errorsKept && r.errorsTotal == 1500)
        let lines = try String(contentsOfFile: errorsPath, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.count == 1501 && lines[1500].hasPrefix("1500,东湖区"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: uploads.path).isEmpty, "the upload's file was unlinked")
        let attributes = try FileManager.default.attributesOfItem(atPath: errorsPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("A county's or a city's report totals are its own")
    func reportTotals() throws {
        let f = try RegistryFixture()
        _ = try f.importRoster([RegistryFixture.row(1, area: "西湖区", name: "沈佳", id: residentID("2011-06-01", region: "360103", sequence: 8))],
                               area: nil)
        let p = try programme(), divisions = try Divisions.load(schemas: schemasURL)
        let report = try CoverageReport.load(database: f.database, programme: p, divisions: divisions, schemas: schemasURL,
                                             asOf: date(RegistryFixture.today))
        #expect(report.totals.roster == 3)
        let county = report.limited(to: RegistryFixture.donghu, divisions: divisions)
        #expect(county.totals.roster == 1 && county.totals.countyCode == "360102" && county.totals.target == nil)
        #expect(county.counties.map(\.countyCode) == ["360102"] && county.cities.map(\.cityCode) == ["360100"])
        let city = report.limited(to: RegistryFixture.nanchang, divisions: divisions)
        #expect(city.totals.roster == 2 && city.totals.target == city.cities.first?.target && city.totals.target != nil)
        #expect(report.limited(to: .province, divisions: divisions).totals.roster == 3)
    }
}
