import Foundation
import HPV
import ScreenVaxCore
import Store

// Times the CDSi engine on a province's cohort: 248,000 girls with 0-3 doses each, assessed on one
// day. Run: swift run -c release ForecastBench [count] [schedule] (or Scripts/bench-forecast.sh).
// Not a test; prints figures.

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 248_000 : 248_000
let name = arguments.count > 2 ? arguments[2] : "hpv-cdsi"

/// CPU time of this thread: under a shared machine's load, wall time also counts other processes.
func threadCPU() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

// `ForecastBench 0 county DB CODE`: one county's work list read from a registry database, phase by
// phase (read the girls, forecast and sort), as the server builds it cold.
if name == "county", arguments.count > 4 {
    let schemas = try SchemasDirectory.locate()
    let programme = try HPVProgramme.load(schemas: schemas)
    let database = try RegistryDatabase(path: arguments[3], schemas: schemas, memoryMapped: true)
    let filter = Register.Filter(countyCode: arguments[4])
    for round in 1...3 {
        let t0 = threadCPU()
        let girls = try database.read { db in try Register.girls(db, programme: programme.id, filter: filter) }
        let t1 = threadCPU()
        let list = WorkList.due(girls, programme: programme, asOf: CalendarDate(iso: "2024-05-06")!)
        let t2 = threadCPU()
        print("round \(round): \(girls.count) girls read in \(Int((t1 - t0) * 1000)) ms CPU; \(list.count) on the list, forecast and sorted in \(Int((t2 - t1) * 1000)) ms CPU")
    }
    exit(0)
}

// `ForecastBench [count] worklist`: the programme's due list (WorkList.due, one thread) over a
// synthetic province (SyntheticRoster girls, doses as `demo doses` records them), on 2024-05-06.
if name == "worklist" {
    let schemas = try SchemasDirectory.locate()
    let programme = try HPVProgramme.load(schemas: schemas)
    var roster = SyntheticRoster(divisions: try Divisions.load(schemas: schemas),
                                 cityWeights: try Plan.load(schemas: schemas, file: programme.plan), seed: 7)
    let day = CalendarDate(year: 2024, month: 5, day: 6)!
    var girls: [Girl] = []
    girls.reserveCapacity(count)
    for n in 0..<count {
        let row = roster.row(n + 1)
        let facts = EnrollmentFacts(birthDate: CalendarDate(iso: row[3])!, sex: .female, priorVaccination: row[9] == "有",
                                    consent: row[10] == "否" ? .declined : .given)
        var doses: [DoseFact] = []
        if Eligibility.exclusion(facts, programme: programme) == nil, roster.random.chance(0.9) {
            let product = roster.random.chance(0.6) ? "cecolin" : "walrinvax"
            let d1 = CalendarDate(year: 2023, month: 10, day: 9)!.addingDays(roster.random.int(0..<(roster.random.chance(0.05) ? 80 : 50)))
            doses.append(DoseFact(date: d1, product: product, expiry: CalendarDate(year: 2025, month: 6, day: 30)!))
            let d2 = d1.adding(Period(months: 6), rule: programme.rule).addingDays(roster.random.int(0..<25) - 2)
            if d2 <= day, roster.random.chance(0.75) {
                doses.append(DoseFact(date: d2, product: product, expiry: CalendarDate(year: 2026, month: 3, day: 31)!))
            }
        }
        girls.append(Girl(personUUID: PersonUUID(String(n)), residentID: row[4], name: row[2], birthDate: facts.birthDate, sex: .female,
                          countyCode: "", cityCode: "", school: row[5], className: row[6], guardianName: row[7],
                          guardianPhone: row[8], priorVaccination: facts.priorVaccination, consent: facts.consent,
                          refusalReason: "", doses: doses))
    }
    // `ForecastBench [count] worklist forecast`: only the forecast, ten times (for a profiler).
    if arguments.count > 3, arguments[3] == "forecast" {
        var n = 0
        let start = threadCPU()
        for _ in 0..<10 { for g in girls { n += Forecaster.forecast(facts: g.facts, doses: g.doses, programme: programme, asOf: day).doses.count } }
        print("Forecaster.forecast x10: CPU \(String(format: "%.3f", threadCPU() - start)) s (\(n) doses)")
        exit(0)
    }
    var best = Double.infinity
    var listed = 0
    for _ in 0..<3 {
        let start = threadCPU()
        listed = WorkList.due(girls, programme: programme, asOf: day).count
        best = min(best, threadCPU() - start)
    }
    var bestForecast = Double.infinity
    var statuses: [HPVStatus: Int] = [:]
    for _ in 0..<3 {
        statuses = [:]
        let start = threadCPU()
        for g in girls { statuses[Forecaster.forecast(facts: g.facts, doses: g.doses, programme: programme, asOf: day).status, default: 0] += 1 }
        bestForecast = min(bestForecast, threadCPU() - start)
    }
    print("WorkList.due over \(count) synthetic girls on \(day.iso): CPU \(String(format: "%.3f", best)) s (best of 3), \(listed) listed; "
          + "Forecaster.forecast alone: CPU \(String(format: "%.3f", bestForecast)) s")
    print(statuses.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " "))
    exit(0)
}
let schedule = try Schedule.load(schemas: try SchemasDirectory.locate(), name: name)
// A code that satisfies dose 1 (a programme schedule lists the products it does not fund last).
let code = schedule.kind == .programme ? schedule.series[0].doses[0].allowableVaccines.last!.code : schedule.vaccines.last!.code
let asOf = CalendarDate(year: 2024, month: 3, day: 1)!
let cohortStart = CalendarDate(year: 2009, month: 1, day: 1)!.dayNumber

var rng = SplitMix64(seed: 2023)
var girls: [(CalendarDate, [AdministeredDose])] = []
girls.reserveCapacity(count)
for _ in 0..<count {
    let birth = CalendarDate(dayNumber: cohortStart + rng.int(0...729))
    var doses: [AdministeredDose] = []
    var date = CalendarDate(dayNumber: CalendarDate(year: 2023, month: 9, day: 1)!.dayNumber + rng.int(0...90))
    for _ in 0..<rng.int(0...3) {
        doses.append(AdministeredDose(date: date, code: code))
        date = date.addingDays(rng.int(20...220))
    }
    girls.append((birth, doses))
}

let subjects = girls.map { ForecastSubject(birthDate: $0.0, sex: .female, doses: $0.1) }
let clock = ContinuousClock()
var statuses: [SeriesStatus: Int] = [:]
var dosesSeen = 0
var results: [Assessment] = []
let cpuStart = threadCPU()
let serial = clock.measure {
    for s in subjects {
        results.append(CDSiEngine.assess(birthDate: s.birthDate, sex: s.sex, doses: s.doses, schedule: schedule, asOf: asOf))
    }
}
let serialCPU = threadCPU() - cpuStart
results = []
let parallel = clock.measure {
    results = CDSiEngine.assessAll(subjects, schedule: schedule, asOf: asOf)
}
for r in results {
    statuses[r.status, default: 0] += 1
    dosesSeen += r.doses.count
}
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
print("forecast \(count) girls (\(dosesSeen) doses) under \(name): one core \(String(format: "%.3f", seconds(serial))) s "
      + "(CPU \(String(format: "%.3f", serialCPU)) s), "
      + "all cores (assessAll) \(String(format: "%.3f", seconds(parallel))) s, \(Int(Double(count) / seconds(parallel))) girls/s")
print(statuses.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " "))
