import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("--county: the county a file belongs to, for a blank 地区 or one naming only the city")
struct FileCountyTests {
    static let girl = residentID("2011-09-09", sequence: 44)

    @Test("地区 against the file's county", arguments: [
        // (地区, --county, area of the uploader, expected county or error code)
        ("", "360102", nil as AreaScope?, "360102"),
        ("南昌市", "360102", nil, "360102"),
        ("江西省南昌市", "南昌市东湖区", nil, "360102"),
        ("东湖区", "360102", nil, "360102"),
        ("章贡区", "360102", nil, "outside_county"),
        ("赣州市", "360102", nil, "outside_county"),
        ("南昌市", nil, nil, "unknown_area"),
        ("", nil, nil, "missing_value"),
        ("", nil, RegistryFixture.donghu, "360102"),
        ("南昌市", nil, RegistryFixture.donghu, "360102"),
        ("南昌市", nil, RegistryFixture.nanchang, "unknown_area"),
    ])
    func area(text: String, county: String?, uploader: AreaScope?, expected: String) throws {
        let f = try RegistryFixture()
        let path = try f.file([RegistryFixture.row(1, area: text, name: "吴县区", id: Self.girl)])
        let r = try RosterImporting.run(f.database, context: f.context(uploader), source: .file(path), dryRun: false, county: county)
        if expected.hasPrefix("36") {
            #expect(r.imported == 1, "\(r.errors)")
            #expect(try f.enrolment(Self.girl)["county_code"] == expected)
        } else {
            #expect(r.rejected == 1)
            #expect(r.errors.first?.code == expected)
            #expect(r.errors.first?.column == "地区")
            #expect(try f.enrolment(Self.girl).isEmpty)
        }
    }

    @Test("An unknown --county is refused before anything is read")
    func unknownCounty() throws {
        let f = try RegistryFixture()
        let path = try f.file([RegistryFixture.row(1, area: "", name: "吴县区", id: Self.girl)])
        #expect(throws: HPVError.self) {
            try RosterImporting.run(f.database, context: f.context(nil), source: .file(path), dryRun: false, county: "南昌市")
        }
    }
}
