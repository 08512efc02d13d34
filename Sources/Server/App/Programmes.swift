import FollowUp
import Foundation
import HPV
import ScreenVaxCore
import Screening

/// Every programme file the server works by, read and checked once when it starts and handed to
/// each room: a bad file stops the start instead of failing a request, and no request reads disk.
public struct Programmes: Sendable {
    public let hpv: HPVProgramme
    public let screening: ScreeningProgramme
    public let screeningPlan: ScreeningPlan
    public let divisions: Divisions
    public let calls: CallPolicy

    public static func load(schemas: URL) throws -> Programmes {
        let screening = try ScreeningProgramme.load(schemas: schemas)
        return Programmes(hpv: try HPVProgramme.load(schemas: schemas), screening: screening,
                          screeningPlan: try ScreeningPlan.load(schemas: schemas, file: screening.planFile),
                          divisions: try Divisions.load(schemas: schemas), calls: try CallPolicy.load(schemas: schemas))
    }
}
