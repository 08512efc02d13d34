import Foundation
import ScreenVaxCore

/// The HPV room's name for the shared programme-file reader (`ProgrammeFile` in ScreenVaxCore).
public enum ProgrammeLoader {
    public static func decode<T: Decodable>(_ type: T.Type, data: Data, file: String) throws -> T {
        try ProgrammeFile.decode(T.self, data: data, file: file)
    }
}

extension HPVProgramme {
    /// The programme file the registry runs (`programs/<id>.json`): the one place that names it.
    /// Every process loads it once, at start, with `load(schemas:)`.
    public static let activeID = "hpv-2023"

    /// Loads `programs/<id>.json` from the Schemas folder and checks what decoding cannot.
    public static func load(schemas: URL, id: String = activeID) throws -> HPVProgramme {
        let file = "programs/\(id).json"
        let url = schemas.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CoreError.programme(file: file, field: "(file)", problem: "not found in \(schemas.path)")
        }
        let programme = try ProgrammeLoader.decode(HPVProgramme.self, data: data, file: file)
        try programme.validate(file: file)
        return programme
    }

    func validate(file: String) throws {
        func fail(_ field: String, _ problem: String) -> CoreError { .programme(file: file, field: field, problem: problem) }
        guard !series.doses.isEmpty else { throw fail("series.doses", "needs at least one dose") }
        for (i, dose) in series.doses.enumerated() where dose.dose != i + 1 {
            throw fail("series.doses[\(i)].dose", "doses are numbered 1, 2, ... in order")
        }
        let first = series.doses[0]
        if first.absoluteMinimumInterval != nil || first.minimumInterval != nil || first.latestRecommendedInterval != nil {
            throw fail("series.doses[0]", "dose 1 has no previous dose to measure an interval from; remove its intervals")
        }
        for (i, p) in products.enumerated() where p.price > priceCap {
            throw fail("products[\(i)].price", "\(p.price) is above price_cap \(priceCap)")
        }
        for (name, s) in [("funding.default", funding.default), ("funding.western_extension", funding.westernExtension)]
        where s.province < 0 || s.local < 0 || s.province + s.local == 0 {
            throw fail(name, "shares must be non-negative and not both zero")
        }
        if products.isEmpty { throw fail("products", "needs at least one product") }
        if windowClosingDays < 0 { throw fail("window_closing_days", "must not be negative") }
        guard let read = firstDoseDeadlineRule.lastDay else {
            throw fail("first_dose_deadline_rule.month", "\(firstDoseDeadlineRule.month) is not a month; write it as 2023-11")
        }
        if read != firstDoseDeadline {
            throw fail("first_dose_deadline", "\(firstDoseDeadline.iso) is not what first_dose_deadline_rule reads "
                       + "(\(firstDoseDeadlineRule.reading.rawValue) \(firstDoseDeadlineRule.month) gives \(read.iso)); change one of them")
        }
        if campaignStart > firstDoseDeadline { throw fail("campaign_start", "is after first_dose_deadline") }
    }
}
