import Foundation
import HPV
import ScreenVaxCore
import Store

/// The HPV part of the demo: a synthetic roster imported the real way, then doses and a few AEFIs.
enum HPVDemo {
    static func writeRoster(generator: SyntheticRoster, rows: Int, to path: String, gb18030: Bool) throws {
        var generator = generator
        if path.lowercased().hasSuffix(".xlsx") {
            let writer = try XLSXWriter(path: path, sheetName: "名册", header: SyntheticRoster.header)
            for n in 1...max(1, rows) { try writer.write(generator.row(n)) }
            return try writer.finish()
        }
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { throw CoreError.cannotWrite(path) }
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        var chunk = CSVWriter.line(SyntheticRoster.header) + "\r\n"
        for n in 1...max(1, rows) {
            chunk += CSVWriter.line(generator.row(n)) + "\r\n"
            if chunk.utf8.count > 1 << 20 { try handle.write(contentsOf: encode(chunk, gb18030)); chunk = "" }
        }
        try handle.write(contentsOf: encode(chunk, gb18030))
    }

    static func encode(_ text: String, _ gb18030: Bool) throws -> Data {
        gb18030 ? try GB18030Encoder.encode(text) : Data(text.utf8)
    }

    /// Imports a synthetic roster and records doses as a county clinic would have by `asOf`.
    static func build(context: HPVCommandContext, girls: Int, seed: UInt64, asOf: CalendarDate) throws -> String {
        let plan = try Plan.load(schemas: context.schemas, file: context.programme.plan)
        let generator = SyntheticRoster(divisions: context.divisions, cityWeights: plan, seed: seed)
        // The schools' rosters arrive as Excel workbooks: the demo's comes in as one too.
        let rosterPath = NSTemporaryDirectory() + "screenvax-demo-roster-\(ProcessInfo.processInfo.processIdentifier).xlsx"
        defer { try? FileManager.default.removeItem(atPath: rosterPath) }
        try writeRoster(generator: generator, rows: girls, to: rosterPath, gb18030: false)
        let imported = try RosterImporting.run(context.database, context: context.hpv, source: .file(rosterPath), dryRun: false)
        let doses = try recordDoses(context: context, seed: seed, asOf: asOf)
        return "\(imported.rows) rows of an xlsx roster (imported \(imported.imported), excluded \(imported.excluded)), \(doses) doses"
    }

    /// The report against a demo plan: each city's target is its synthetic girls in the programme, so
    /// the rates read as a county's would (against the province's 248,000 every rate is 0.0%).
    static func demoReport(context: HPVCommandContext, asOf: CalendarDate) throws -> CoverageReport {
        let programme = context.programme
        let (girls, aefi) = try context.database.read { db in
            (try Register.girls(db, programme: programme.id), try AEFIRecords.countsByCounty(db, programme: programme.id, asOf: asOf))
        }
        var plan: [String: Int] = [:]
        for girl in girls where Eligibility.exclusion(girl.facts, programme: programme) == nil { plan[girl.cityCode, default: 0] += 1 }
        return CoverageReport.build(girls: girls, aefi: aefi, plan: plan, divisions: context.divisions, programme: programme, asOf: asOf)
    }

    /// Records the doses a county clinic would have given by `asOf`: dose 1 in the autumn campaign
    /// for about 90% of girls in the programme, dose 2 about six months later for most, a few AEFIs.
    static func recordDoses(context: HPVCommandContext, seed: UInt64, asOf: CalendarDate) throws -> Int {
        var random = SyntheticRoster.Random(seed: seed &+ 1)
        let programme = context.programme
        return try context.database.write { db -> Int in
            var count = 0
            for girl in try Register.girls(db, programme: programme.id) {
                guard Eligibility.exclusion(girl.facts, programme: programme) == nil, random.chance(0.9) else { continue }
                let product = random.chance(0.6) ? "cecolin" : "walrinvax"
                let rid = try ResidentID(girl.residentID)
                // Dose 1 in the autumn campaign; a few late starters in December.
                let d1 = CalendarDate(year: 2023, month: 10, day: 9)!.addingDays(random.int(0..<(random.chance(0.05) ? 80 : 50)))
                guard d1 <= asOf else { continue }
                let lot1 = product == "cecolin" ? "C2023\(random.int(101..<104))" : "W2023\(random.int(201..<203))"
                let dose1 = try DoseRecords.record(db, entry: DoseEntry(residentID: rid, date: d1, product: product, lot: lot1,
                    expiry: CalendarDate(year: 2025, month: 6, day: 30)!, site: "left_deltoid", clinic: "县妇幼保健院接种门诊",
                    vaccinator: random.pick(["刘护士", "陈护士", "黄护士"])), today: context.today,
                    knownProducts: programme.knownProductCodes, audit: context.audit)
                count += 1
                if random.chance(0.02) {
                    let onset = try OnsetTime("\(d1.iso)T\(10 + random.int(0..<8)):\(random.int(10..<60))")
                    _ = try AEFIRecords.record(db, entry: AEFIEntry(residentID: rid, doseDate: d1, onset: onset,
                        symptoms: [random.pick(["fever", "local_redness", "local_pain", "syncope"])], serious: false,
                        outcome: .recovered, reporter: "接种门诊"), programme: programme, today: context.today, audit: context.audit)
                }
                if random.chance(0.002) {
                    _ = try AEFIRecords.record(db, entry: AEFIEntry(residentID: rid, doseDate: d1, onset: try OnsetTime("\(d1.iso)T11:05"),
                        symptoms: ["anaphylaxis"], serious: true, outcome: .recovered, reporter: "接种门诊"),
                        programme: programme, today: context.today, audit: context.audit)
                }
                let d2 = d1.adding(Period(months: 6), rule: programme.rule).addingDays(random.int(0..<25) - 2)
                guard d2 <= asOf, random.chance(0.75) else { continue }
                _ = try DoseRecords.record(db, entry: DoseEntry(residentID: rid, date: d2, product: dose1.product,
                    lot: product == "cecolin" ? "C2024\(random.int(101..<103))" : "W2024\(random.int(201..<203))",
                    expiry: CalendarDate(year: 2026, month: 3, day: 31)!, site: "left_deltoid", clinic: dose1.clinic,
                    vaccinator: dose1.vaccinator), today: context.today, knownProducts: programme.knownProductCodes, audit: context.audit)
                count += 1
            }
            return count
        }
    }
}
