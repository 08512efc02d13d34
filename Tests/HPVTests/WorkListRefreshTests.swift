import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

/// The server keeps a county's work list and brings it up to date girl by girl after each write;
/// that must give exactly the list computed again from scratch.
@Suite("Work list brought up to date girl by girl")
struct WorkListRefreshTests {
    static let asOf = date("2024-04-25")

    static func girl(_ n: Int, birth: String = "2011-05-10", school: String = "东湖区第一中学", className: String = "初一(1)班",
                     county: String = "360102", consent: Consent = .given, doses: [DoseFact] = []) -> Girl {
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"]
        return Girl(personUUID: PersonUUID("uuid-\(n)"), residentID: residentID(birth, sequence: 2 * (n % 400)), name: surnames[n % 8] + "小\(n)",
                    birthDate: date(birth), sex: .female, countyCode: county, cityCode: "360100", school: school,
                    className: className, guardianName: "", guardianPhone: "", priorVaccination: false, consent: consent,
                    refusalReason: "", doses: doses)
    }

    /// Forty girls across schools, classes, birth dates and dose histories: closing, overdue, due,
    /// scheduled, complete and declined ones, with many ties on urgency and day.
    static let register: [Girl] = (0..<40).map { n in
        let births = ["2011-05-10", "2009-05-20", "2010-01-31", "2011-09-01"]
        let histories: [[DoseFact]] = [[], [dose("2023-10-20")], [dose("2023-09-20")], [dose("2023-05-01")], [dose("2023-09-01"), dose("2024-03-01")]]
        let schools = ["东湖区第一中学", "东湖区第二中学", "Dongyi Middle School"]
        return girl(n, birth: births[n % 4], school: schools[n % 3], className: "初一(\(n % 2 + 1))班",
                    consent: n % 11 == 5 ? .declined : .given, doses: histories[n % 5])
    }

    enum Change: String, CaseIterable, Sendable {
        case firstDoseGiven, secondDoseGiven, declined, newGirl, movedAway, removed, renamed, several
    }

    /// The register after the change, and the girls it touched (as they are now, nil when gone).
    static func apply(_ change: Change) -> (after: [Girl], touched: [(personUUID: PersonUUID, girl: Girl?)]) {
        var girls = register
        var touched: [PersonUUID] = []
        func replace(_ i: Int, _ g: Girl?) {
            touched.append(girls[i].personUUID)
            if let g { girls[i] = g } else { girls.remove(at: i) }
        }
        switch change {
        case .firstDoseGiven: replace(0, girl(0, birth: "2011-05-10", doses: [dose("2024-04-25")]))
        case .secondDoseGiven: replace(1, girl(1, birth: "2009-05-20", school: "东湖区第二中学", className: "初一(2)班", doses: [dose("2023-10-20"), dose("2024-04-25")]))
        case .declined: replace(2, girl(2, birth: "2010-01-31", school: "Dongyi Middle School", consent: .declined, doses: [dose("2023-09-20")]))
        case .newGirl:
            let g = girl(99, birth: "2010-06-15", school: "东湖区第二中学")
            girls.append(g)
            touched.append(g.personUUID)
        case .movedAway: replace(3, girl(3, birth: "2011-09-01", county: "360702", doses: [dose("2023-05-01")]))
        case .removed: replace(6, nil)
        case .renamed:
            let old = girls[7]
            replace(7, Girl(personUUID: old.personUUID, residentID: old.residentID, name: "阿" + old.name, birthDate: old.birthDate,
                            sex: .female, countyCode: old.countyCode, cityCode: old.cityCode, school: old.school,
                            className: old.className, guardianName: "", guardianPhone: "", priorVaccination: false,
                            consent: old.consent, refusalReason: "", doses: old.doses))
        case .several:
            replace(8, girl(8, birth: "2011-05-10", doses: [dose("2024-04-20")]))
            replace(11, girl(11, birth: "2011-09-01", school: "东湖区第一中学", className: "初一(2)班", doses: [dose("2023-10-20")]))
            let g = girl(98, birth: "2009-05-20", doses: [dose("2023-06-01")])
            girls.append(g)
            touched.append(g.personUUID)
        }
        let area = Register.Filter(countyCode: "360102")
        let byUUID = Dictionary(uniqueKeysWithValues: girls.map { ($0.personUUID, $0) })
        return (girls.filter(area.contains), touched.map { uuid in (uuid, byUUID[uuid].flatMap { area.contains($0) ? $0 : nil }) })
    }

    @Test("Refresh equals the list computed again", arguments: Change.allCases, [0, 30])
    func refreshEqualsRecompute(change: Change, within: Int) throws {
        let p = try programme()
        var items = WorkList.due(Self.register, programme: p, asOf: Self.asOf, within: within)
        #expect(items.count > 10, "the fixture puts many girls on the list")
        let (after, touched) = Self.apply(change)
        WorkList.refresh(&items, changed: touched, programme: p, asOf: Self.asOf, within: within)
        let expected = WorkList.due(after, programme: p, asOf: Self.asOf, within: within)
        #expect(items.map(\.girl.personUUID) == expected.map(\.girl.personUUID))
        #expect(items.map { $0.forecast.status } == expected.map { $0.forecast.status })
    }

    @Test("Equally urgent girls are listed by school, class and name in code point order")
    func tieBreakOrder() throws {
        let p = try programme()
        let same = [Self.girl(1, school: "东湖区第二中学"), Self.girl(2, school: "东湖区第一中学", className: "初一(2)班"),
                    Self.girl(3, school: "东湖区第一中学"), Self.girl(4, school: "Dongyi Middle School")]
        let list = WorkList.due(same, programme: p, asOf: Self.asOf)
        let keys = list.map { [$0.girl.school, $0.girl.className, $0.girl.name] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(list.map(\.girl.personUUID.raw) == ["uuid-4", "uuid-3", "uuid-2", "uuid-1"])
    }
}

@Suite("Persons changed since an outbox entry")
struct ChangedPersonsTests {
    let audit = AuditLog(operatorName: "nurse", timestamp: "2023-10-10T09:00:00+08:00")

    func registry() throws -> RegistryDatabase {
        let (db, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("roster.csv").path
        try Data(RosterImportTests.csv.utf8).write(to: URL(fileURLWithPath: file))
        _ = try RosterImport(programme: try programme(), divisions: try Divisions.load(schemas: schemasURL), today: date("2026-11-29"), audit: audit)
            .run(path: file, database: db, dryRun: false)
        return db
    }

    func lastSeq(_ db: RegistryDatabase) throws -> Int64 {
        try db.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox") ?? 0 }
    }

    func uuid(_ db: RegistryDatabase, _ rid: String) throws -> String {
        try db.read { db in try String.fetchOne(db, sql: "SELECT uuid FROM persons WHERE resident_id = ?", arguments: [rid]) ?? "" }
    }

    @Test("A dose and a consent name their girls; nothing after the last entry; too many entries say read everyone")
    func changes() throws {
        let db = try registry()
        let p = try programme()
        let start = try lastSeq(db)
        #expect(try db.read { db in try Register.changedPersons(db, after: start) } == [])
        let girlA = RosterImportTests.girlA
        let declined = residentID("2011-01-02", sequence: 6)
        try db.write { db in
            _ = try DoseRecords.record(db, entry: DoseEntry(residentID: try ResidentID(girlA), date: date("2024-04-25"), product: "cecolin",
                                                            lot: "L1", expiry: date("2026-01-01"), clinic: "东湖区接种门诊"),
                                       today: date("2026-11-29"), knownProducts: p.knownProductCodes, audit: audit)
            _ = try ConsentRecords.record(db, residentID: try ResidentID(declined), programme: p.id, consent: .given, reason: "", audit: audit)
        }
        let changed = try #require(try db.read { db in try Register.changedPersons(db, after: start) })
        #expect(Set(changed.map(\.uuid.raw)) == [try uuid(db, girlA), try uuid(db, declined)])
        #expect(try db.read { db in try Register.changedPersons(db, after: start, limit: 1) } == nil)
        #expect(try db.read { db in try Register.changedPersons(db, after: try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox")!) } == [])
    }

    @Test("An area's girls read through the county index are the register's girls of that area, with their doses")
    func filteredRead() throws {
        let db = try registry()
        let p = try programme()
        try db.write { db in
            for day in ["2023-10-01", "2024-04-25"] {
                _ = try DoseRecords.record(db, entry: DoseEntry(residentID: try ResidentID(RosterImportTests.girlA), date: date(day), product: "cecolin",
                                                                lot: "L1", expiry: date("2026-01-01"), clinic: "东湖区接种门诊"),
                                           today: date("2026-11-29"), knownProducts: p.knownProductCodes, audit: audit)
            }
        }
        for filter in [Register.Filter(countyCode: "360102"), Register.Filter(countyCode: "360702"), Register.Filter(cityCode: "360100"),
                       Register.Filter(countyCode: "360102", school: "东湖区第一中学"), Register.Filter(countyCode: "369999")] {
            let all = try db.read { db in try Register.girls(db, programme: p.id) }.filter(filter.contains)
            let area = try db.read { db in try Register.girls(db, programme: p.id, filter: filter) }
            #expect(Set(area.map(\.personUUID)) == Set(all.map(\.personUUID)))
            let doses = { (girls: [Girl]) in Dictionary(uniqueKeysWithValues: girls.map { ($0.personUUID, $0.doses) }) }
            #expect(doses(area) == doses(all))
        }
        let a = try #require(try db.read { db in try Register.girls(db, programme: p.id, filter: .init(countyCode: "360102")) }
            .first { $0.residentID == RosterImportTests.girlA })
        #expect(a.doses.map(\.date.iso) == ["2023-10-01", "2024-04-25"])
    }
}

@Suite("HPV listing brought up to date girl by girl")
struct ListingRefreshTests {
    @Test("Refresh equals the listing computed again", arguments: WorkListRefreshTests.Change.allCases)
    func refreshEqualsRecompute(change: WorkListRefreshTests.Change) throws {
        let p = try programme()
        let asOf = WorkListRefreshTests.asOf
        let lines = { (girls: [Girl]) in
            RegisterListing.lines(girls, programme: p, asOf: asOf, status: nil, showPII: false).map { (uuid: $0.girl.personUUID, line: $0.line) }
        }
        var items = lines(WorkListRefreshTests.register)
        let (after, touched) = WorkListRefreshTests.apply(change)
        ListRefresh.apply(&items, changed: touched, personUUID: \.uuid,
                          line: { (uuid: $0.personUUID, line: RegisterListing.line($0, programme: p, asOf: asOf, showPII: false)) },
                          precedes: { RegisterListing.precedes($0.line, $1.line) })
        let expected = lines(after)
        #expect(items.map(\.uuid) == expected.map(\.uuid))
        #expect(items.map(\.line.status) == expected.map(\.line.status))
    }
}
