import Foundation
import HPV
import ScreenVaxCore

// Times the CDSi engine on a province's cohort: 248,000 girls with 0-3 doses each, assessed on one
// day. Run: swift run -c release ForecastBench [count] [schedule] (or Scripts/bench-forecast.sh).
// Not a test; prints figures.

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 248_000 : 248_000
let name = arguments.count > 2 ? arguments[2] : "hpv-cdsi"
let schedule = try Schedule.load(schemas: try SchemasDirectory.locate(), name: name)
let code = schedule.vaccines.last!.code
let asOf = CalendarDate(year: 2024, month: 3, day: 1)!
let cohortStart = CalendarDate(year: 2009, month: 1, day: 1)!.dayNumber

var rng = SplitMix64(state: 2023)
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
/// CPU time of this thread: under a shared machine's load, wall time also counts other processes.
func threadCPU() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
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
