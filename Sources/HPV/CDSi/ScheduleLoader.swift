import Foundation
import ScreenVaxCore

extension Schedule {
    /// Loads `programs/<name>.json` from the Schemas folder and checks what decoding cannot.
    public static func load(schemas: URL, name: String) throws -> Schedule {
        let file = "programs/\(name).json"
        let path = schemas.appendingPathComponent(file).path
        guard !name.contains("/"), let data = FileManager.default.contents(atPath: path) else {
            throw ScheduleError.unknownSchedule(name, known: available(schemas: schemas))
        }
        // A programme schedule names its programme file, from which it is derived (one source).
        if let reference = try? JSONDecoder().decode(ProgrammeReference.self, from: data), let id = reference.programme {
            let programme = try HPVProgramme.load(schemas: schemas, id: id)
            guard programme.schedule.id == name else {
                throw ScheduleError.invalid(file: file, field: "programme",
                                            problem: "programs/\(id).json gives the schedule \(programme.schedule.id), not \(name)")
            }
            return programme.schedule
        }
        return try decode(data, file: file)
    }

    private struct ProgrammeReference: Decodable { let programme: String? }

    /// Names of the schedule files shipped: `hpv-cdsi`, the labels `hpv-label-*` and programme
    /// schedules `*-schedule` (other files in programs/ are programme policy, not schedules).
    public static func available(schemas: URL) -> [String] {
        let dir = schemas.appendingPathComponent("programs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            .filter { $0 == "hpv-cdsi" || $0.hasPrefix("hpv-label-") || $0.hasSuffix("-schedule") }.sorted()
    }

    public static func decode(_ data: Data, file: String) throws -> Schedule {
        let schedule: Schedule
        do {
            schedule = try ProgrammeLoader.decode(Schedule.self, data: data, file: file)
        } catch let error as CoreError {
            if case .programme(let f, let field, let problem) = error {
                throw ScheduleError.invalid(file: f, field: field, problem: problem)
            }
            throw error
        }
        try schedule.validate(file: file)
        return schedule
    }

    func validate(file: String) throws {
        func fail(_ field: String, _ problem: String) -> ScheduleError { .invalid(file: file, field: field, problem: problem) }
        if series.isEmpty { throw fail("series", "needs at least one series") }
        let codes = Set(vaccines.map(\.code))
        for (s, one) in series.enumerated() {
            if one.doses.isEmpty { throw fail("series[\(s)].doses", "needs at least one target dose") }
            if one.sexes.isEmpty { throw fail("series[\(s)].sexes", "name at least one sex, F or M") }
            for (d, dose) in one.doses.enumerated() {
                let at = "series[\(s)].doses[\(d)]"
                if dose.dose != d + 1 { throw fail("\(at).dose", "target doses are numbered 1, 2, ... in order") }
                if dose.preferableVaccines.isEmpty && dose.allowableVaccines.isEmpty {
                    throw fail("\(at).allowable_vaccines", "list at least one vaccine that satisfies this dose")
                }
                for use in dose.preferableVaccines + dose.allowableVaccines where !codes.contains(use.code) {
                    throw fail("\(at)", "vaccine code \"\(use.code)\" is not listed in \"vaccines\"; add it there")
                }
                for (i, interval) in dose.intervals.enumerated() {
                    if let n = interval.fromTargetDose, n >= dose.dose {
                        throw fail("\(at).intervals[\(i)].from_target_dose", "must name an earlier target dose than \(dose.dose)")
                    }
                    if d == 0 && interval.fromPrevious {
                        throw fail("\(at).intervals[\(i)]", "the first target dose has no previous dose to measure from; remove this interval")
                    }
                }
                for (i, age) in dose.ages.enumerated() {
                    if let a = age.absoluteMinimumAge, let m = age.minimumAge,
                       CalendarDate(year: 2000, month: 1, day: 1)!.adding(a) > CalendarDate(year: 2000, month: 1, day: 1)!.adding(m) {
                        throw fail("\(at).ages[\(i)].absolute_minimum_age", "is later than minimum_age; grace goes below the minimum")
                    }
                }
            }
        }
    }
}
