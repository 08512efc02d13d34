import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// Registering a pregnancy as a user bound to an area: what a conflict tells depends on where the
/// existing record is; names and facilities are at most 200 characters.
struct RegistrationAreaTests {
    let mother = residentID(born: "1995-03-10", sequence: "002")
    static let donghu = AreaScope(countyCode: "360102", cityCode: nil)
    static let zhanggong = AreaScope(countyCode: "360702", cityCode: nil)

    func register(_ r: TestRegistry, area: AreaScope, name: String = "王芳", county: String, lmp: String, today: String) throws {
        _ = try PregnancyRegistration.register(r.database, context: r.context(today), residentID: mother, name: name, phone: "13812345678",
                                               county: county, dating: .lmp(day(lmp)), area: area)
    }

    func message(_ body: () throws -> Void) -> (code: String, message: String)? {
        do { try body(); return nil } catch let e as any UserError { return (e.code, e.message) } catch { return ("\(error)", "") }
    }

    /// (the second user's area and county, told in full)
    @Test("A still-open pregnancy and an ID under another name, told by area", arguments: [
        (donghu, "360102", true), (zhanggong, "360702", false),
    ])
    func conflicts(area: AreaScope, county: String, full: Bool) throws {
        let r = try TestRegistry()
        try register(r, area: Self.donghu, county: "360102", lmp: "2023-03-01", today: "2023-05-01")
        let open = message { try register(r, area: area, county: county, lmp: "2023-08-01", today: "2023-09-01") }
        #expect(open?.code == "pregnancy_still_open")
        #expect(open?.message.contains("2023-03-01") == full && open?.message.contains("2023-05-01") == full)
        let identity = message { try register(r, area: area, name: "李娜", county: county, lmp: "2023-03-01", today: "2023-05-03") }
        #expect(identity?.code == "id_conflict" && identity?.message.contains("王芳") == full)
        let audited = try r.database.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE action IN ('conflict', 'refused') ORDER BY id") }
        #expect(audited == Array(repeating: full ? "refused" : ConflictBudget.action, count: 2))
        #expect(try r.count("SELECT COUNT(*) FROM screening_pregnancies") == 1)
    }

    @Test("Names and facilities: 200 characters are kept, 201 are too_long", arguments: [200, 201])
    func caps(length: Int) throws {
        let r = try TestRegistry()
        let text = String(repeating: "名", count: length)
        let registered = message { try register(r, area: Self.donghu, name: text, county: "360102", lmp: "2023-03-01", today: "2023-05-01") }
        #expect(registered?.code == (length > FieldLength.maxCharacters ? "too_long" : nil))
        let p = try r.pregnancy(id: residentID(born: "1994-02-02", sequence: "004"), lmp: "2023-03-01", today: "2023-12-06")
        let born = message {
            _ = try r.database.write { db in
                try BirthRegistration.add(db, context: r.context("2023-12-06"), pregnancyUUID: p.uuid,
                                          newborn: .init(birthOrder: 1, born: time("2023-12-05T08:10"), sex: .female, facility: text), residentID: nil)
            }
        }
        #expect(born?.code == (length > FieldLength.maxCharacters ? "too_long" : nil))
    }
}
