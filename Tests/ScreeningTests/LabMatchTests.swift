import Foundation
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// Each matching rule of the lab import: what labs hold finds the right subject, or the row says why not.
struct LabMatchTests {
    static func row(_ keys: [String: String], service: [String: String] = LabWorld.metabolic) -> [String: String] {
        service.merging(keys) { _, new in new }
    }

    @Test("a lab row finds its subject by what the lab holds", arguments: [
        ("specimen number", row(["标本编号": "M1"]), "a1"),
        ("mother's ID and name, one baby", row(["母亲身份证号": LabWorld.a, "母亲姓名": "王芳"]), "a1"),
        ("mother's ID without a name", row(["母亲身份证号": LabWorld.a]), "a1"),
        ("twins: mother's ID and order 1", row(["母亲身份证号": LabWorld.b, "出生顺序": "1"]), "b1"),
        ("twins: mother's ID and order 2", row(["母亲身份证号": LabWorld.b, "母亲姓名": "李娜", "出生顺序": "2"]), "b2"),
        ("the newborn's own ID", row(["新生儿身份证号": LabWorld.e1ID]), "e1"),
        ("an unknown card, then the mother's ID", row(["标本编号": "M404", "母亲身份证号": LabWorld.a]), "a1"),
        ("a prenatal row by the mother's ID", ["母亲身份证号": LabWorld.d, "检测项目": "NT", "检测日期": "2023-03-25", "NT值": "1.6"], "d"),
    ])
    func matches(_ name: String, _ cells: [String: String], _ expected: String) throws {
        let world = try LabWorld()
        let (report, subject) = try world.importRow(cells)
        #expect(report.imported == 1, "\(name): \(report.errors)")
        #expect(subject == world.subjects[expected], "\(name)")
    }

    @Test("a row that finds no one, or two, or the wrong name is refused and says so", arguments: [
        ("twins without order", row(["母亲身份证号": LabWorld.b]), "two_matches", "出生顺序"),
        ("an unknown mother", row(["母亲身份证号": residentID(born: "1980-01-01", sequence: "002")]), "no_match", "母亲身份证号"),
        ("an unknown card only", row(["标本编号": "M404"]), "no_match", "标本编号"),
        ("a card of another service", row(["标本编号": "M1"], service: ["检测项目": "耳聋基因", "检测日期": "2023-05-05", "GJB2": "wild"]), "no_match", "标本编号"),
        ("a name that disagrees", row(["母亲身份证号": LabWorld.a, "母亲姓名": "张三"]), "name_mismatch", "母亲姓名"),
        ("a birth order she does not have", row(["母亲身份证号": LabWorld.a, "出生顺序": "2"]), "no_match", "母亲身份证号"),
        ("a birth order that is not one", row(["母亲身份证号": LabWorld.b, "出生顺序": "二"]), "bad_value", "出生顺序"),
        ("no key at all", row([:]), "missing_value", "母亲身份证号"),
        ("a prenatal row outside every pregnancy", ["母亲身份证号": LabWorld.d, "检测项目": "NT", "检测日期": "2022-12-01", "NT值": "1.6"], "no_match", "母亲身份证号"),
    ])
    func refuses(_ name: String, _ cells: [String: String], _ code: String, _ column: String) throws {
        let world = try LabWorld()
        let (report, _) = try world.importRow(cells)
        #expect(report.rejected == 1 && report.imported == 0, "\(name)")
        #expect(report.errors.first?.code == code, "\(name): \(report.errors)")
        #expect(report.errors.first?.column == column, "\(name): \(report.errors)")
    }

    @Test func aMotherOutsideTheImportersAreaIsNoMatchAndHerNameIsNeverChecked() throws {
        let world = try LabWorld()
        let nanchang: @Sendable (String, String) -> Bool = { _, city in city == "360100" }
        for cells in [Self.row(["母亲身份证号": LabWorld.c, "母亲姓名": "陈静"]), Self.row(["母亲身份证号": LabWorld.c, "母亲姓名": "别人"])] {
            let (report, _) = try world.importRow(cells, inArea: nanchang)
            #expect(report.errors.map(\.code) == ["no_match"])
            #expect(report.errors.first.map { !$0.message.contains("陈静") } == true)
        }
        let (inside, subject) = try world.importRow(Self.row(["母亲身份证号": LabWorld.c]))
        #expect(inside.imported == 1 && subject == world.subjects["c1"])
    }

    @Test func aSpecimenKeyedResultClosesItsCardAndReimportChangesNothing() throws {
        let world = try LabWorld()
        let first = try world.importRow(Self.row(["标本编号": "M1"]))
        #expect(first.0.imported == 1)
        #expect(try world.r.count("SELECT COUNT(*) FROM screening_specimens WHERE stage = 'resulted' AND result_id IS NOT NULL") == 1)
        let again = try world.importRow(Self.row(["标本编号": "M1"]))
        #expect(again.0.unchanged == 1 && again.0.imported == 0)
    }

    @Test func anXLSXLabFileImportsLikeItsCSV() throws {
        let world = try LabWorld()
        let header = ["标本编号", "母亲身份证号", "出生顺序", "检测项目", "检测日期", "检测机构", "苯丙氨酸", "促甲状腺激素", "17-羟孕酮", "G6PD活性"]
        let file = world.r.folder.appendingPathComponent("lab.xlsx").path
        let writer = try XLSXWriter(path: file, sheetName: "结果", header: header)
        try writer.write(["M1", "", "", "遗传代谢病", "2023-05-05T10:00", "JX-MCH", "60", "3.1", "8", "4.5"])
        try writer.write(["", LabWorld.b, "2", "遗传代谢病", "2023-05-05T10:00", "JX-MCH", "200", "3.1", "8", "4.5"])
        try writer.finish()
        let result = try ResultImport(context: world.r.context("2023-05-10")).run(path: file, database: world.r.database, dryRun: false)
        #expect(result.report.imported == 2, "\(result.report.errors)")
        #expect(result.report.positives == 1)
    }
}
