import ScreenVaxCore
import Testing
@testable import Accounts

struct JurisdictionTests {
    static let divisions = try! Divisions.load(schemas: schemasURL)

    @Test(arguments: [
        ("360000", Jurisdiction.province),
        ("360100", .city("360100")),
        ("360102", .county("360102")),
        (" 360700 ", .city("360700")),
        ("360731", .county("360731")),
    ])
    func areaCodes(code: String, expected: Jurisdiction) throws {
        let j = try Jurisdiction(code: code, divisions: JurisdictionTests.divisions)
        #expect(j == expected)
        #expect(Jurisdiction(storedCode: j.code) == j)
    }

    @Test(arguments: ["", "36", "110000", "360199", "3601021", "abc"])
    func unknownAreaIsRefused(code: String) {
        #expect(throws: AccountsError.unknownArea(code.trimmingSpaces())) {
            try Jurisdiction(code: code, divisions: JurisdictionTests.divisions)
        }
    }

    /// county ⊂ city ⊂ province: a person of 东湖区 (360102, 南昌市 360100) and one of 章贡区 (360702, 赣州市 360700).
    @Test(arguments: [
        (Jurisdiction.province, "360102", "360100", true),
        (.province, "360702", "360700", true),
        (.city("360100"), "360102", "360100", true),
        (.city("360100"), "360702", "360700", false),
        (.city("360700"), "360702", "360700", true),
        (.county("360102"), "360102", "360100", true),
        (.county("360102"), "360103", "360100", false),
        (.county("360102"), "360702", "360700", false),
    ])
    func containment(area: Jurisdiction, county: String, city: String, inside: Bool) {
        #expect(area.contains(countyCode: county, cityCode: city) == inside)
    }
}
