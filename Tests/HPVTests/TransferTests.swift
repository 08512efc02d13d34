import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

/// Moving a girl between counties: requested by the receiving county, decided by the one that holds her.
@Suite("Transfers between counties")
struct TransferTests {
    static func request(_ f: RegistryFixture, by area: AreaScope?, id: String = RegistryFixture.wang, name: String = "王小红",
                        to county: String = "360103", school: String? = "西湖区第二中学") throws -> TransferLine {
        try Transfers.request(f.database, context: f.context(area, operator: "asker"), input: TransferInput(
            residentID: id, name: name, toCounty: county, school: school, className: "初一(9)班", guardianName: nil, guardianPhone: nil))
    }

    @Test("A request needs her ID and her name; it is refused when she is already there or already asked for")
    func requests() throws {
        let f = try RegistryFixture()
        #expect(errorCode { _ = try Self.request(f, by: RegistryFixture.xihu, name: "王小明") } == "transfer_no_match")
        #expect(errorCode { _ = try Self.request(f, by: RegistryFixture.xihu, id: residentID("2011-01-01", sequence: 98), name: "无名") } == "transfer_no_match")
        #expect(try f.audit(action: ConflictBudget.action).count == 2, "a probe that matches nobody counts like a conflict")
        #expect(errorCode { _ = try Self.request(f, by: RegistryFixture.donghu, to: "360102") } == "already_in_area")
        #expect(errorCode { _ = try Self.request(f, by: RegistryFixture.xihu, to: "360102") } == "outside_area")
        #expect(errorCode { _ = try Self.request(f, by: RegistryFixture.xihu, school: String(repeating: "校", count: 201)) } == "too_long")
        let t = try Self.request(f, by: RegistryFixture.xihu)
        #expect(t.state == "pending" && t.fromCounty == "南昌市东湖区" && t.toCounty == "南昌市西湖区" && t.idMasked == Masking.residentID(RegistryFixture.wang))
        #expect(errorCode { _ = try Self.request(f, by: RegistryFixture.zhanggong, to: "360702") } == "transfer_pending")
        let audited = try #require(try f.audit(action: "transfer_request").first)
        #expect(audited.detail == "from 360102 南昌市东湖区 to 360103 南昌市西湖区")
        // Each side sees it: 东湖区 to decide, 西湖区 as its own request; 章贡区 not at all.
        let donghu = try Transfers.list(f.database, context: f.context(RegistryFixture.donghu))
        let xihu = try Transfers.list(f.database, context: f.context(RegistryFixture.xihu))
        let zhanggong = try Transfers.list(f.database, context: f.context(RegistryFixture.zhanggong))
        #expect(donghu.incoming.map(\.transferID) == [t.transferID] && donghu.outgoing.isEmpty)
        #expect(xihu.outgoing.map(\.transferID) == [t.transferID] && xihu.incoming.isEmpty)
        #expect(zhanggong.incoming.isEmpty && zhanggong.outgoing.isEmpty)
    }

    /// (receiving county, deciding area, confirm or decline, the answer's code or nil)
    @Test("Who may decide", arguments: [
        ("360103", RegistryFixture.donghu as AreaScope?, true, nil as String?),   // the county that holds her
        ("360103", RegistryFixture.nanchang, true, nil),                          // a city over both
        ("360103", nil, true, nil),                                               // the command line (province office)
        ("360103", RegistryFixture.donghu, false, nil),
        ("360103", RegistryFixture.xihu, true, "transfer_forbidden"),             // the county that asked
        ("360103", RegistryFixture.xihu, false, "transfer_forbidden"),
        ("360103", RegistryFixture.zhanggong, true, "transfer_not_found"),        // neither county
        ("360103", RegistryFixture.ganzhou, true, "transfer_not_found"),
        ("360702", RegistryFixture.nanchang, true, "transfer_forbidden"),         // a city over the holder only
        ("360702", RegistryFixture.ganzhou, true, "transfer_forbidden"),          // a city over the receiver only
        ("360702", AreaScope.province, true, nil),
        ("360702", RegistryFixture.donghu, true, nil),
    ])
    func decide(to county: String, by area: AreaScope?, confirm: Bool, code: String?) throws {
        let f = try RegistryFixture()
        let asker = county == "360103" ? RegistryFixture.xihu : RegistryFixture.zhanggong
        let t = try Self.request(f, by: asker, to: county)
        let before = try f.enrolment(RegistryFixture.wang)
        let context = try f.context(area, operator: "decider")
        let decide = {
            confirm ? try Transfers.confirm(f.database, context: context, transferID: t.transferID)
                : try Transfers.decline(f.database, context: context, transferID: t.transferID, reason: "学生未转学")
        }
        if let code {
            #expect(errorCode { _ = try decide() } == code)
            #expect(try f.enrolment(RegistryFixture.wang) == before)
            return
        }
        let decided = try decide()
        let after = try f.enrolment(RegistryFixture.wang)
        if confirm {
            #expect(decided.state == "confirmed" && decided.decidedBy == "decider")
            #expect(after["county_code"] == county && after["school"] == "西湖区第二中学" && after["class_name"] == "初一(9)班")
            #expect(after["guardian_name"] == "王伟" && after["guardian_phone"] == "13812345678", "what the request left out stays")
            #expect(after["version"] == "2")
            let moved = try #require(try f.audit(action: "transfer").first)
            #expect(moved.detail.contains("from 360102") && moved.detail.contains("to \(county)"))
            #expect(try f.audit(action: "transfer_confirm").count == 1)
            // Once moved she belongs to the receiving county's lists, not 东湖区's.
            #expect(errorCode { _ = try GirlLookup.find(f.database, context: f.context(RegistryFixture.donghu), .residentID(RegistryFixture.wang)) } == "not_enrolled")
        } else {
            #expect(decided.state == "declined" && decided.reason == "学生未转学")
            #expect(after == before)
            #expect(try f.audit(action: "transfer_decline").count == 1)
        }
        #expect(errorCode { _ = try decide() } == "transfer_decided")
        #expect(try Transfers.list(f.database, context: f.context(nil)).incoming.isEmpty)
    }

    @Test("A girl moved by the office since the request is not moved again")
    func stale() throws {
        let f = try RegistryFixture()
        let t = try Self.request(f, by: RegistryFixture.xihu)
        _ = try f.importRoster([RegistryFixture.row(1, area: "青云谱区", name: "王小红", id: RegistryFixture.wang)], area: nil)
        #expect(errorCode { _ = try Transfers.confirm(f.database, context: f.context(RegistryFixture.nanchang), transferID: t.transferID) } == "transfer_stale")
        #expect(try f.enrolment(RegistryFixture.wang)["county_code"] == "360104")
    }
}
