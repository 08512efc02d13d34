import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

/// A roster can only write girls of the uploader's area: a girl enrolled elsewhere stays as she is,
/// and what the answer tells about a record depends on where that record is.
@Suite("Roster imports inside an area")
struct AreaImportTests {
    /// (uploader's area, the row's 地区, the row's code or nil when she moves to 西湖区)
    @Test("A girl enrolled in 东湖区 on another county's roster", arguments: [
        (RegistryFixture.xihu as AreaScope?, "西湖区", "enrolled_elsewhere" as String?),
        (RegistryFixture.donghu, "西湖区", "outside_area"),
        (RegistryFixture.zhanggong, "章贡区", "enrolled_elsewhere"),
        (RegistryFixture.nanchang, "西湖区", nil),   // a city over both counties
        (nil, "西湖区", nil),                        // the command line imports every county
    ])
    func enrolledElsewhere(area: AreaScope?, rowArea: String, code: String?) throws {
        let f = try RegistryFixture()
        let before = try f.enrolment(RegistryFixture.wang)
        let outbox = try f.count("outbox")
        let r = try f.importRoster([RegistryFixture.row(1, area: rowArea, name: "王小红", id: RegistryFixture.wang, school: "西湖区第二中学",
                                                        guardian: "冒充者", phone: "13900000000")], area: area)
        let after = try f.enrolment(RegistryFixture.wang)
        if let code {
            #expect(r.rejected == 1 && r.errors.map(\.code) == [code])
            #expect(after == before, "nothing of hers changes")
            #expect(try f.count("outbox") == outbox)
            if code == "enrolled_elsewhere" {
                let message = try #require(r.errors.first?.message)
                #expect(message.contains("南昌市东湖区"))
                #expect(!message.contains("东湖区第一中学") && !message.contains("王伟") && !message.contains("138"))
                #expect(r.errors.first?.column == "身份证号码")
            }
        } else {
            #expect(r.rejected == 0 && r.imported == 1)
            #expect(after["county_code"] == "360103" && after["school"] == "西湖区第二中学" && after["guardian_name"] == "冒充者")
        }
    }

    /// (uploader's area, the row's 地区, told in full, counted against the budget)
    @Test("id_conflict gives her name only inside the uploader's area", arguments: [
        (nil as AreaScope?, "东湖区", true, false),
        (RegistryFixture.donghu, "东湖区", true, false),
        (RegistryFixture.nanchang, "西湖区", true, false),
        (RegistryFixture.xihu, "西湖区", false, true),
        (RegistryFixture.zhanggong, "章贡区", false, true),
    ])
    func identityConflict(area: AreaScope?, rowArea: String, full: Bool, counted: Bool) throws {
        let f = try RegistryFixture()
        let r = try f.importRoster([RegistryFixture.row(1, area: rowArea, name: "王小明", id: RegistryFixture.wang)], area: area, operator: "u")
        let error = try #require(r.errors.first)
        #expect(error.code == "id_conflict")
        #expect(error.message.contains("王小红") == full)
        #expect(error.message.contains(Masking.residentID(RegistryFixture.wang)))
        #expect(try f.enrolment(RegistryFixture.wang)["name"] == "王小红")
        let conflicts = try f.audit(action: ConflictBudget.action), refused = try f.audit(action: "refused")
        #expect(conflicts.count == (counted ? 1 : 0))
        let audited = try #require((counted ? conflicts : refused).first)
        #expect(audited.operator == "u" && audited.detail == "id_conflict \(Masking.residentID(RegistryFixture.wang))")
    }

    /// Twenty girls of 东湖区 asked for by 西湖区: the budget's boundary.
    @Test("Conflict answers are limited per user", arguments: [ConflictBudget.limit - 1, ConflictBudget.limit, ConflictBudget.limit + 1])
    func conflictBudget(rows n: Int) throws {
        let f = try RegistryFixture()
        let ids = (0..<n).map { residentID("2011-03-01", sequence: 100 + 2 * $0) }
        _ = try f.importRoster(ids.enumerated().map { RegistryFixture.row($0 + 1, area: "东湖区", name: "学生\($0)", id: $1) }, area: nil)
        let batches = try f.count("import_batches")
        let rows = ids.enumerated().map { RegistryFixture.row($0 + 1, area: "西湖区", name: "学生\($0)", id: $1, school: "西湖区二中") }
        if n > ConflictBudget.limit {
            #expect(throws: TooManyConflicts(retryAfter: ConflictBudget.windowSeconds)) { _ = try f.importRoster(rows, area: RegistryFixture.xihu, operator: "probe") }
            #expect(try f.count("import_batches") == batches, "the refused upload wrote nothing")
        } else {
            let r = try f.importRoster(rows, area: RegistryFixture.xihu, operator: "probe")
            #expect(r.rejected == n && Set(r.errors.map(\.code)) == ["enrolled_elsewhere"])
        }
        // Every answer given (or refused) is in the audit log; once `limit` are, lookups wait.
        #expect(try f.audit(action: ConflictBudget.action).count == min(n, ConflictBudget.limit + 1))
        func lookup(_ who: String, at: String = RegistryFixture.at) -> String? {
            errorCode { _ = try GirlLookup.find(f.database, context: f.context(RegistryFixture.xihu, operator: who, at: at), .residentID(ids[0])) }
        }
        #expect(lookup("probe") == (n >= ConflictBudget.limit ? "too_many_conflicts" : "not_enrolled"))
        // Another user, and the same user once the window has passed, are not held back.
        #expect(lookup("other") == "not_enrolled")
        #expect(lookup("probe", at: "2024-04-15T10:10:01+08:00") == "not_enrolled")
    }

    @Test("A dry run and its conflicts are audited; nothing else is written")
    func dryRunAudited() throws {
        let f = try RegistryFixture()
        let persons = try f.count("persons")
        let r = try f.importRoster([RegistryFixture.row(1, area: "西湖区", name: "王小红", id: RegistryFixture.wang),
                                    RegistryFixture.row(2, area: "西湖区", name: "新生", id: residentID("2011-09-09", region: "360103"))],
                                   area: RegistryFixture.xihu, operator: "dry", dryRun: true)
        #expect(r.dryRun && r.imported == 1 && r.rejected == 1)
        #expect(try f.count("persons") == persons)
        let dry = try #require(try f.audit(action: "dry_run").first)
        #expect(dry.operator == "dry" && dry.detail.contains("would import 1"))
        #expect(try f.audit(action: ConflictBudget.action).map(\.detail) == ["enrolled_elsewhere \(Masking.residentID(RegistryFixture.wang))"])
    }
}

/// The code of the error `body` throws (nil when it does not).
func errorCode(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch let e as any UserError { return e.code } catch { return "\(error)" }
}
