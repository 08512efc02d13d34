import Foundation
import HPV
import ScreenVaxCore
import Screening

/// The programme files the hub judges and reports by, read once from `Schemas/`: the HPV and
/// screening programmes with their plans, and the province's divisions.
public struct HubProgrammes: Sendable {
    public let hpv: HPVProgramme
    public let hpvPlan: [String: Int]
    public let screening: ScreeningProgramme
    public let screeningPlan: ScreeningPlan
    public let divisions: Divisions

    public static func load(schemas: URL) throws -> HubProgrammes {
        let hpv = try HPVProgramme.load(schemas: schemas)
        let screening = try ScreeningProgramme.load(schemas: schemas)
        return HubProgrammes(hpv: hpv, hpvPlan: try Plan.load(schemas: schemas, file: hpv.plan), screening: screening,
                             screeningPlan: try ScreeningPlan.load(schemas: schemas, file: screening.planFile),
                             divisions: try Divisions.load(schemas: schemas))
    }
}
