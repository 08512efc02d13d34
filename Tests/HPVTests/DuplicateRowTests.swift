import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("One girl, one state per file: the later row wins, and the same file twice changes nothing")
struct DuplicateRowTests {
    static let girl = residentID("2011-07-07", sequence: 34)

    @Test("The same ID twice: the later row is kept, a duplicate_in_file warning names both rows", arguments: [
        // rows (phone per row), expected phone kept, expected warnings as (row, kept row)
        (["13800000001", "13800000002"], "13800000002", [[2, 3]]),
        (["13800000001", "13800000002", "13800000003"], "13800000003", [[2, 4], [3, 4]]),
    ])
    func laterRowWins(phones: [String], kept: String, warnings: [[Int]]) throws {
        let f = try RegistryFixture()
        let rows = phones.enumerated().map { i, phone in
            RegistryFixture.row(i + 1, area: "东湖区", name: "孙重复", id: Self.girl, phone: phone)
        }
        let before = try f.count("outbox")
        let r = try f.importRoster(rows, area: nil)
        #expect(r.imported == 1 && r.duplicates == phones.count - 1 && r.rejected == 0)
        #expect(r.warnings.map(\.row) == warnings.map { $0[0] })
        for (w, pair) in zip(r.warnings, warnings) { #expect(w.message.hasPrefix("rows \(pair[0]) and \(pair[1]) ")) }
        #expect(r.warnings.allSatisfy { $0.code == "duplicate_in_file" && $0.column == "身份证号码" })
        #expect(try f.enrolment(Self.girl)["guardian_phone"] == kept)
        #expect(try f.enrolment(Self.girl)["version"] == "1")
        // Her person row and one enrolment version: two outbox entries, not one per row.
        #expect(try f.count("outbox") == before + 2)
    }

    @Test("Re-importing the same file imports nothing and writes no outbox entry")
    func reimport() throws {
        let f = try RegistryFixture()
        let path = try f.file([
            RegistryFixture.row(1, area: "东湖区", name: "孙重复", id: Self.girl, phone: "13800000001"),
            RegistryFixture.row(2, area: "东湖区", name: "周其", id: residentID("2011-08-08", sequence: 32)),
            RegistryFixture.row(3, area: "东湖区", name: "孙重复", id: Self.girl, phone: "13800000002"),
        ])
        let first = try RosterImporting.run(f.database, context: f.context(nil), source: .file(path), dryRun: false)
        #expect(first.imported == 2)
        let outbox = try f.count("outbox")
        let again = try RosterImporting.run(f.database, context: f.context(nil), source: .file(path), dryRun: false)
        #expect(again.imported == 0 && again.unchanged == 2 && again.duplicates == 1)
        #expect(try f.count("outbox") == outbox)
        #expect(try f.enrolment(Self.girl)["guardian_phone"] == "13800000002")
    }

    /// The rows are imported in one reading that is undone and done again once a repeated girl is
    /// found: what it wrote of the rejected rows must not stay twice.
    @Test("Rejected rows before and after a repeated girl are in the errors file once each", arguments: ["csv", "xlsx"])
    func errorsFileOnce(format: String) throws {
        let f = try RegistryFixture()
        let errorsPath = f.folder.appendingPathComponent("errors-\(UUID().uuidString).\(format)").path
        let r = try f.importRoster([
            RegistryFixture.row(1, area: "东湖区", name: "", id: residentID("2011-02-02", sequence: 36)),
            RegistryFixture.row(2, area: "东湖区", name: "孙重复", id: Self.girl, phone: "13800000001"),
            RegistryFixture.row(3, area: "东湖区", name: "坏号", id: "36010220110202000"),
            RegistryFixture.row(4, area: "东湖区", name: "孙重复", id: Self.girl, phone: "13800000002"),
        ], area: nil, errorsFile: errorsPath)
        #expect(r.imported == 1 && r.duplicates == 1 && r.rejected == 2)
        #expect(r.errors.map(\.row) == [2, 4])
        #expect(try f.enrolment(Self.girl)["guardian_phone"] == "13800000002")
        let reader = try SheetReader(path: errorsPath)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.cells.map { $0.text }) }
        #expect(rows.count == 3)
        #expect(rows.dropFirst().map { $0[2] } == ["", "坏号"])
    }

    /// 西湖区 asks about `limit` girls of 东湖区, the first of them twice: the earlier row is replaced,
    /// so only `limit` answers are given and the import is not refused for one answer too many.
    @Test("A replaced row is not asked about, so it does not use up the conflict answers")
    func replacedRowNotCounted() throws {
        let f = try RegistryFixture()
        let n = ConflictBudget.limit
        let ids = (0..<n).map { residentID("2011-03-01", sequence: 100 + 2 * $0) }
        _ = try f.importRoster(ids.enumerated().map { RegistryFixture.row($0 + 1, area: "东湖区", name: "学生\($0)", id: $1) }, area: nil)
        var rows = ids.enumerated().map { RegistryFixture.row($0 + 1, area: "西湖区", name: "学生\($0)", id: $1, school: "西湖区二中") }
        rows.append(RegistryFixture.row(n + 1, area: "西湖区", name: "学生0", id: ids[0], school: "西湖区三中"))
        let r = try f.importRoster(rows, area: RegistryFixture.xihu, operator: "probe")
        #expect(r.rejected == n && r.duplicates == 1 && Set(r.errors.map(\.code)) == ["enrolled_elsewhere"])
        #expect(try f.audit(action: ConflictBudget.action).count == n)
    }

    @Test("IDs that differ only in full-width digits, a lower-case x, spaces or an apostrophe are the same girl", arguments: [
        ("'360102201107070314", "360102201107070314"), ("３６０１０２２０１１０７０７０３１４", "360102201107070314"),
        ("36010220110707031x", "36010220110707031X"), (" 360102201107070314\u{3000}", "360102201107070314"),
    ])
    func sameKey(variant: String, plain: String) {
        #expect(DuplicateRows.key(variant) == DuplicateRows.key(plain))
    }

    @Test("Chains resolve to the last row; blank and broken IDs are never duplicates")
    func chains() {
        var d = DuplicateRows()
        let a = residentID("2011-01-01"), b = residentID("2011-01-02")
        for (row, id) in [(2, a), (3, ""), (4, a), (5, ""), (6, b), (7, a), (8, "36010220110101001"), (9, "36010220110101001")] {
            d.add(row: row, id: id, name: "某")
        }
        d.finish()
        #expect(d.replacedBy == [2: 7, 4: 7])
    }
}
