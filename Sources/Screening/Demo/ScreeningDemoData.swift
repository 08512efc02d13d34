import Foundation
import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// A realistic synthetic screening year for demos and the bench: valid resident IDs with Jiangxi
/// region codes, pregnancies at every gestational age, twins, early endings, newborns with and
/// without IDs, results at realistic positive rates (NT ≈1.5%, serum high risk ≈4%, thalassaemia
/// carriers ≈9% as in southern China, G6PD deficiency ≈2%, hearing refers ≈5% then ≈0.5%), and
/// recall cases at every stage. Deterministic for a seed.
@PublicInit
public struct ScreeningDemoData {
    public struct Options: Sendable {
        public var seed: UInt64
        public var asOf: CalendarDate
        /// Pregnancies registered in the as-of year.
        public var pregnancies: Int
        /// Newborns born in the as-of year (their mothers may have registered the year before).
        public var newborns: Int
        /// When set, results are written to this CSV (the lab-file format) instead of being recorded.
        public var resultsCSV: String?
        /// With `resultsCSV`: the same rows keyed as labs hold them (标本编号 for specimen services,
        /// else 母亲身份证号 + 出生顺序), Chinese headers; their specimens are collected and received.
        public var labKeysCSV: String?
        public init(seed: UInt64 = 2023, asOf: CalendarDate, pregnancies: Int = 400, newborns: Int = 490, resultsCSV: String? = nil,
                    labKeysCSV: String? = nil) {
            self.seed = seed; self.asOf = asOf; self.pregnancies = pregnancies; self.newborns = newborns; self.resultsCSV = resultsCSV
            self.labKeysCSV = labKeysCSV
        }
    }

    public struct Summary: Sendable, Encodable {
        public var pregnancies = 0
        public var newborns = 0
        public var results = 0
        public var recallCases = 0
    }

    public let context: ScreeningContext
    /// Weights where the synthetic women live (the per-city planned prenatal counts).
    public let plan: ScreeningPlan
    public let options: Options

    /// Fills the database in one transaction; returns the counts.
    public func fill(_ database: RegistryDatabase) throws -> Summary {
        try database.write { db in try fill(db) }
    }

    public func fill(_ db: Database) throws -> Summary {
        // As for the lab import: a year's records in one transaction need a page cache that holds them.
        try db.execute(sql: "PRAGMA cache_size = \(ResultImport.cacheKiB)")
        var rng = SplitMix(seed: options.seed)
        var summary = Summary()
        var csv: FileHandle?
        if let path = options.resultsCSV {
            guard FileManager.default.createFile(atPath: path, contents: Data(Self.csvHeader.utf8)) else { throw CoreError.cannotWrite(path) }
            csv = FileHandle(forWritingAtPath: path)
            csv?.seekToEndOfFile()
        }
        var labCSV: FileHandle?
        if let path = options.labKeysCSV, csv != nil {
            _ = FileManager.default.createFile(atPath: path, contents: Data(Self.labHeader.utf8))
            labCSV = FileHandle(forWritingAtPath: path)
            labCSV?.seekToEndOfFile()
        }
        defer { try? csv?.close(); try? labCSV?.close() }
        var buffer = ""
        var lab = LabFile(handle: labCSV)
        let counties = weightedCounties()
        var usedIDs = Set<String>()
        let year = options.asOf.year
        let yearStart = CalendarDate(year: year, month: 1, day: 1)!
        let length = context.programme.dateRule.pregnancyLengthDays
        var newbornsMade = 0
        var index = 0
        // First the pregnancies registered this year, then earlier ones delivering this year until
        // the year's newborn count is reached.
        while index < options.pregnancies || newbornsMade < options.newborns {
            let thisYear = index < options.pregnancies
            index += 1
            let registerGA = 56 + rng.int(35)                 // registered at 8+0 .. 12+6
            let registeredOn: CalendarDate
            if thisYear {
                registeredOn = yearStart.addingDays(rng.int(max(1, yearStart.days(to: options.asOf) + 1)))
            } else {
                // Delivers this year: EDD within the year, so LMP = EDD - length.
                let edd = yearStart.addingDays(rng.int(365))
                registeredOn = edd.addingDays(-length + registerGA)
                guard registeredOn < yearStart else { continue }
            }
            let lmp = registeredOn.addingDays(-registerGA)
            let county = counties[rng.int(counties.count)]
            let id = womanID(county: county.code, rng: &rng, used: &usedIDs)
            let ctx = ScreeningContext(programme: context.programme, divisions: context.divisions, today: registeredOn, audit: context.audit)
            let motherName = Self.name(&rng, female: true)
            let pregnancy = try PregnancyRegistration.register(db, context: ctx, residentID: id, name: motherName,
                                                               phone: Self.phone(&rng), county: county.code, dating: .lmp(lmp)).pregnancy
            summary.pregnancies += 1
            // Outcome: early loss, termination, stillbirth, else a live birth at 37-41 weeks (some preterm).
            let roll = rng.double()
            let endGA: Int
            var outcome: PregnancyOutcome = .liveBirth
            if roll < 0.03 { outcome = .miscarriage; endGA = registerGA + 7 + rng.int(50) }
            else if roll < 0.04 { outcome = .inducedAbortion; endGA = registerGA + 14 + rng.int(100) }
            else if roll < 0.043 { outcome = .stillbirth; endGA = 168 + rng.int(110) }
            else { endGA = rng.double() < 0.07 ? 224 + rng.int(35) : 259 + rng.int(35) }
            let endDate = lmp.addingDays(endGA)
            let ended = endDate <= options.asOf

            for service in context.programme.services(for: .pregnancy) {
                for (slot, window) in service.windows.enumerated() where slot < service.freeCount {
                    guard case .gestation(let from, let to) = window.kind, rng.double() < 0.88 else { continue }
                    let ga = from.totalDays + rng.int(to.totalDays - from.totalDays + 1) + (rng.double() < 0.05 ? 10 : 0)
                    let date = lmp.addingDays(ga)
                    guard date <= options.asOf, !(ended && date > endDate), date >= registeredOn.addingDays(-30) else { continue }
                    let row = prenatalValues(service.code, &rng)
                    let at = ClinicalTime(date: max(date, lmp.addingDays(1)))
                    try emit(db, &buffer, csv, pregnancy: pregnancy.uuid, newborn: nil, service: service.code,
                             at: at, values: row.values, conclusion: row.conclusion, summary: &summary)
                    try lab.row(db, self, service: service.code, at: at, values: row.values, mother: (id, motherName), order: nil,
                                subject: SubjectRef(pregnancy: pregnancy, newborn: nil))
                }
            }
            guard ended else { continue }
            let ctxEnd = ScreeningContext(programme: context.programme, divisions: context.divisions, today: endDate, audit: context.audit)
            guard outcome == .liveBirth else {
                _ = try PregnancyRegistration.close(db, context: ctxEnd, pregnancyUUID: pregnancy.uuid, outcome: outcome, on: endDate)
                continue
            }
            let babies = rng.double() < 0.015 ? 2 : 1
            for order in 1...babies {
                let born = ClinicalTime(date: endDate, minute: rng.int(1440))
                let sex: ResidentID.Sex = rng.double() < 0.52 ? .male : .female
                let weeks = endGA / 7
                let weight = max(900, (weeks >= 37 ? 3200 : 2300) + rng.int(700) - 350 - (babies == 2 ? 500 : 0))
                let babyID: String? = rng.double() < 0.6 ? newbornID(county: county.code, born: endDate, sex: sex, rng: &rng, used: &usedIDs) : nil
                let baby = try BirthRegistration.add(db, context: ctxEnd, pregnancyUUID: pregnancy.uuid,
                                                     newborn: .init(birthOrder: order, born: born, sex: sex, gestationalWeeks: weeks,
                                                                    birthWeightG: weight, facility: "\(county.name)妇幼保健院"),
                                                     residentID: babyID)
                summary.newborns += 1
                if born.date >= yearStart { newbornsMade += 1 }
                for service in context.programme.services(for: .newborn) {
                    let coverage = ["metabolic": 0.985, "hearing": 0.95, "deaf_gene": 0.92, "chd": 0.70][service.code] ?? 0.9
                    guard rng.double() < coverage, case .hours(let from, let to, _) = service.windows[0].kind else { continue }
                    let span = min(to - from, 96)
                    let hours = from + rng.int(span + 1) + (rng.double() < 0.03 ? span + 24 : 0)
                    let at = ClinicalTime(date: CalendarDate(dayNumber: (born.earliestMinute + hours * 60) / 1440),
                                          minute: (born.earliestMinute + hours * 60) % 1440)
                    guard at.date <= options.asOf else { continue }
                    let row = newbornValues(service.code, &rng)
                    try emit(db, &buffer, csv, pregnancy: nil, newborn: baby.uuid, service: service.code, at: at,
                             values: row.values, conclusion: nil, summary: &summary)
                    if lab.handle != nil, let p = try PregnancyRecords.find(db, uuid: pregnancy.uuid) {
                        try lab.row(db, self, service: service.code, at: at, values: row.values, mother: (id, motherName), order: order,
                                    subject: SubjectRef(pregnancy: p, newborn: baby))
                    }
                    if service.code == "hearing", row.values.contains(where: { $0.value == "refer" }) {
                        // A first-screen refer is rescreened, both ears, within 42 days.
                        let again = ClinicalTime(date: at.date.addingDays(14 + rng.int(20)), minute: 600)
                        if again.date <= options.asOf {
                            let refer = rng.double() < 0.1
                            try emit(db, &buffer, csv, pregnancy: nil, newborn: baby.uuid, service: "hearing", at: again,
                                     values: [("left", refer ? "refer" : "pass"), ("right", "pass")], conclusion: nil, summary: &summary)
                            if lab.handle != nil, let p = try PregnancyRecords.find(db, uuid: pregnancy.uuid) {
                                try lab.row(db, self, service: "hearing", at: again, values: [("left", refer ? "refer" : "pass"), ("right", "pass")],
                                            mother: (id, motherName), order: order, subject: SubjectRef(pregnancy: p, newborn: baby))
                            }
                        }
                    }
                }
            }
        }
        if let csv, !buffer.isEmpty { csv.write(Data(buffer.utf8)) }
        lab.flush()
        if csv == nil {
            summary.recallCases = try advanceRecall(db, rng: &rng)
        }
        return summary
    }

    /// Moves recall cases forward as follow-up staff would have: older cases are further along.
    /// Returns how many cases there are.
    public func advanceRecall(_ db: Database) throws -> Int {
        var rng = SplitMix(seed: options.seed &+ 1)
        return try advanceRecall(db, rng: &rng)
    }

    func advanceRecall(_ db: Database, rng: inout SplitMix) throws -> Int {
        let cases = try Row.fetchAll(db, sql: "SELECT uuid, opened_on FROM screening_recall_cases WHERE stage = 'opened' ORDER BY id")
        let ctx = ScreeningContext(programme: context.programme, divisions: context.divisions, today: options.asOf, audit: context.audit)
        for r in cases {
            let opened = CalendarDate(iso: r[1] as String)!
            let age = opened.days(to: options.asOf)
            var date = opened
            func step(_ s: RecallStep, _ outcome: String?, after days: Int) throws -> Bool {
                let next = date.addingDays(days)
                guard next <= options.asOf else { return false }
                date = next
                _ = try RecallStepRecording.record(db, context: ctx, caseUUID: r[0], step: s, outcome: outcome,
                                                   channel: s == .contact ? "phone" : nil, on: date)
                return true
            }
            if age < 2 { continue }
            if rng.double() < 0.15 { guard try step(.contact, "unreachable", after: 1) else { continue } }
            if rng.double() < 0.02 {
                for _ in 0..<context.programme.recall.maxContactAttempts { _ = try step(.contact, "unreachable", after: 1) }
                _ = try step(.lost, ["unreachable", "moved", "refused"][rng.int(3)], after: 1)
                continue
            }
            guard try step(.contact, "reached", after: 1 + rng.int(2)) else { continue }
            guard try step(.referred, nil, after: 2 + rng.int(5)) else { continue }
            let confirmed = rng.double() < 0.12
            guard try step(.diagnosed, confirmed ? "confirmed" : "not_confirmed", after: 7 + rng.int(20)) else { continue }
            if confirmed { guard try step(.managed, nil, after: 3 + rng.int(10)) else { continue } }
            _ = try step(.closed, nil, after: 5 + rng.int(20))
        }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM screening_recall_cases") ?? 0
    }

    static let csvHeader = "pregnancy_id,newborn_id,service,date,institution,conclusion,nt_mm,crl_mm,finding,anomalies,t21_risk,t18_risk,afp_mom,alpha,beta,phe,tsh,ohp17,g6pd,left,right,gjb2,slc26a4,mt_rnr1,spo2_hand,spo2_foot,murmur\n"
    static let csvColumns = ["nt_mm", "crl_mm", "finding", "anomalies", "t21_risk", "t18_risk", "afp_mom", "alpha", "beta", "phe", "tsh", "ohp17", "g6pd",
                             "left", "right", "gjb2", "slc26a4", "mt_rnr1", "spo2_hand", "spo2_foot", "murmur"]

    private func emit(_ db: Database, _ buffer: inout String, _ csv: FileHandle?, pregnancy: PregnancyID?, newborn: NewbornID?, service: String,
                      at: ClinicalTime, values: [(key: String, value: String)], conclusion: LabConclusion?, summary: inout Summary) throws {
        summary.results += 1
        if let csv {
            var cells = [pregnancy?.raw ?? "", newborn?.raw ?? "", service, at.description, Self.institution(service), conclusion?.rawValue ?? ""]
            for c in Self.csvColumns { cells.append(values.first { $0.key == c }?.value ?? "") }
            buffer += CSVWriter.line(cells) + "\n"
            if buffer.utf8.count > 1 << 20 { csv.write(Data(buffer.utf8)); buffer = "" }
            return
        }
        let ctx = ScreeningContext(programme: context.programme, divisions: context.divisions,
                                   today: max(at.date.addingDays(1), at.date), audit: context.audit)
        let subject = try ResultRecording.subject(db, pregnancyUUID: pregnancy, newbornUUID: newborn)
        _ = try ResultRecording.record(db, context: ctx, subject: subject,
                                       input: ResultInput(service: service, performed: at, institution: Self.institution(service), values: values,
                                                          conclusion: conclusion))
    }

    /// Counties weighted by their city's planned prenatal count, shared among the city's counties.
    private func weightedCounties() -> [County] {
        let column = context.programme.services(for: .pregnancy).first?.planColumn ?? "prenatal"
        var out: [County] = []
        let byCity = Dictionary(grouping: context.divisions.counties, by: \.cityCode)
        for (city, counties) in byCity.sorted(by: { $0.key < $1.key }) {
            let share = max(1, plan.planned(city: city, column: column) / 250 / max(1, counties.count))
            for c in counties { out += Array(repeating: c, count: share) }
        }
        return out
    }

    private func womanID(county: String, rng: inout SplitMix, used: inout Set<String>) -> String {
        while true {
            let birth = CalendarDate(year: 1983, month: 1, day: 1)!.addingDays(rng.int(7300))
            let seq = String(format: "%02d%d", rng.int(100), rng.int(5) * 2)
            let first17 = county + birth.iso.replacingOccurrences(of: "-", with: "") + seq
            let id = first17 + String(ResidentID.checkCharacter(for: first17))
            if used.insert(id).inserted { return id }
        }
    }

    private func newbornID(county: String, born: CalendarDate, sex: ResidentID.Sex, rng: inout SplitMix, used: inout Set<String>) -> String? {
        for _ in 0..<20 {
            let last = rng.int(5) * 2 + (sex == .male ? 1 : 0)
            let first17 = county + born.iso.replacingOccurrences(of: "-", with: "") + String(format: "%02d%d", rng.int(100), last)
            let id = first17 + String(ResidentID.checkCharacter(for: first17))
            if used.insert(id).inserted { return id }
        }
        return nil
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "慧", "琳", "燕", "玲", "萍", "红", "倩", "晶", "颖", "佳", "欣怡", "梦瑶", "雨涵", "思琪", "佳怡", "晓丽", "春梅", "秀英", "海燕", "文静"]

    static func name(_ rng: inout SplitMix, female: Bool) -> String {
        String(surnames[rng.int(surnames.count)]) + given[rng.int(given.count)]
    }

    static func phone(_ rng: inout SplitMix) -> String {
        ["138", "139", "135", "136", "150", "151", "157", "158", "159", "187", "188", "180", "189", "133", "153", "177"][rng.int(16)]
            + String(format: "%08d", rng.int(100_000_000))
    }
}

/// A seed always gives the same demo.
public typealias SplitMix = SplitMix64
