import Foundation
import ScreenVaxCore

extension ScreeningProgramme {
    /// Loads `programs/<id>.json` and checks what decoding cannot (cross-field rules).
    public static func load(schemas: URL, id: String = "screening-2023") throws -> ScreeningProgramme {
        let file = "programs/\(id).json"
        var programme = try ProgrammeFile.load(ScreeningProgramme.self, schemas: schemas, file: file)
        try programme.validate(file: file)
        let institutions = try ProgrammeFile.load(InstitutionsFile.self, schemas: schemas, file: programme.institutionsFile)
        try institutions.validate(file: programme.institutionsFile, services: Set(programme.services.map(\.code)))
        programme.institutions = institutions
        return programme
    }

    public static func decode(_ data: Data, file: String = "programs/screening-2023.json") throws -> ScreeningProgramme {
        let programme = try ProgrammeFile.decode(ScreeningProgramme.self, data: data, file: file)
        try programme.validate(file: file)
        return programme
    }

    func validate(file: String) throws {
        func fail(_ field: String, _ problem: String) -> CoreError { .programme(file: file, field: field, problem: problem) }
        var seen = Set<String>()
        for (i, s) in services.enumerated() {
            let at = "services[\(i)]"
            guard seen.insert(s.code).inserted else { throw fail("\(at).code", "\"\(s.code)\" appears twice") }
            guard s.freeCount >= 1 else { throw fail("\(at).free_count", "must be at least 1") }
            for w in s.acceptedWindows {
                switch (w.kind, s.subject) {
                case (.gestation, .pregnancy), (.hours, .newborn): break
                default: throw fail("\(at).windows", "a \(s.subject.rawValue) service needs \(s.subject == .pregnancy ? "gestation_from/gestation_to" : "hours_from/hours_to") windows")
                }
            }
            if s.freeCount > 1 && s.windows.count != 1 && s.windows.count != s.freeCount {
                throw fail("\(at).windows", "free_count \(s.freeCount) needs one window, or one window per free service")
            }
            let keys = Set(s.fields.map(\.key))
            for (j, c) in (s.rule.any + s.rule.notAssessableWhen + s.rule.advisories).enumerated() {
                for k in c.keys where !keys.contains(k) {
                    throw fail("\(at).rule (criterion \(j + 1))", "reads field \"\(k)\" which the service does not list in fields")
                }
                if c.keys.isEmpty { throw fail("\(at).rule (criterion \(j + 1))", "names no field") }
            }
            for (j, f) in s.fields.enumerated() {
                if let lo = f.min, let hi = f.max, lo > hi { throw fail("\(at).fields[\(j)]", "min \(lo) is above max \(hi)") }
            }
            for year in programmeYears where s.subsidy(year: year) == nil {
                throw fail("\(at).subsidy_yuan", "has no amount for programme year \(year)")
            }
            for key in s.recallOverrides.keys where RecallStep(rawValue: key) == nil {
                throw fail("\(at).recall_overrides.\(key)", "is not a recall step (contact, referred, diagnosed, managed, closed)")
            }
        }
        // The per-case totals of the plan (570 / 282) must equal the sum of the services' amounts.
        for (i, total) in subsidyPerCase.enumerated() {
            for subject in Subject.allCases {
                let sum = services(for: subject).compactMap { $0.subsidy(year: total.year) }.reduce(0, +)
                let expected = subject == .pregnancy ? total.pregnancy : total.newborn
                if abs(sum - expected) > 0.001 {
                    throw fail("subsidy_per_case_yuan[\(i)].\(subject.rawValue)", "is \(expected) but the \(subject.rawValue) services add up to \(sum)")
                }
            }
        }
        for (i, s) in services.enumerated() {
            for key in s.positiveRequires where s.field(key) == nil {
                throw fail("services[\(i)].positive_requires", "names \"\(key)\" which the service does not list in fields")
            }
            for (j, f) in s.fields.enumerated() where f.type == .choiceSet || f.type == .choice {
                for (word, choice) in f.choiceLabels ?? [:] where !(f.choices ?? []).contains(choice) {
                    throw fail("services[\(i)].fields[\(j)].choice_labels.\(word)", "\"\(choice)\" is not one of the field's choices")
                }
            }
        }
        for code in specimens.services where service(code) == nil {
            throw fail("specimens.services", "\"\(code)\" is not a service of the programme")
        }
        for stage in [SpecimenStage.collected, .dispatched, .received] where specimens.limit(stage) == nil {
            throw fail("specimens.limits_days.\(stage.rawValue)", "is missing")
        }
        guard implementationPhase.from <= implementationPhase.to else {
            throw fail("implementation_phase", "ends before it starts")
        }
        for step in RecallStep.allCases where step.hasDeadline && recall.deadlinesDays[step.rawValue] == nil {
            throw fail("recall.deadlines_days.\(step.rawValue)", "is missing")
        }
        if recall.maxContactAttempts < 1 { throw fail("recall.max_contact_attempts", "must be at least 1") }
    }
}
