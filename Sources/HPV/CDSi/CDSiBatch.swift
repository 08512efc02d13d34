import Dispatch
import ScreenVaxCore
import ScreenVaxMacros

/// One person's facts for a batch forecast.
@PublicInit
public struct ForecastSubject: Sendable {
    public var birthDate: CalendarDate
    public var sex: ResidentID.Sex
    public var doses: [AdministeredDose]
}

extension CDSiEngine {
    /// Assesses many people on one day, spread over the machine's cores (a province's cohort is
    /// 248,000 girls). Results are in the order of `subjects`; each is the same as `assess`.
    public static func assessAll(_ subjects: [ForecastSubject], schedule: Schedule, asOf: CalendarDate,
                                 chunks: Int = 8) -> [Assessment] {
        guard subjects.count > 1_000 else {
            return subjects.map { assess(birthDate: $0.birthDate, sex: $0.sex, doses: $0.doses, schedule: schedule, asOf: asOf) }
        }
        let size = (subjects.count + chunks - 1) / chunks
        let parts = ResultParts(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * size)..<min(subjects.count, (chunk + 1) * size)
            var out: [Assessment] = []
            out.reserveCapacity(range.count)
            for i in range {
                let s = subjects[i]
                out.append(assess(birthDate: s.birthDate, sex: s.sex, doses: s.doses, schedule: schedule, asOf: asOf))
            }
            parts.set(chunk, out)
        }
        return parts.joined()
    }
}

/// Per-chunk results written by the workers; each slot is written once by one worker, then read
/// after `concurrentPerform` returns.
private final class ResultParts: @unchecked Sendable {
    private var parts: [[Assessment]]
    init(count: Int) { parts = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [Assessment]) { parts.withUnsafeMutableBufferPointer { $0[i] = value } }
    func joined() -> [Assessment] { parts.flatMap { $0 } }
}
