import Foundation
import ScreenVaxCore
import Store

extension CoverageReport {
    /// Reads the register and the AEFI counts and builds the report against the programme's plan.
    public static func load(database: RegistryDatabase, programme: HPVProgramme, divisions: Divisions, schemas: URL,
                            asOf: CalendarDate) throws -> CoverageReport {
        let plan = try Plan.load(schemas: schemas, file: programme.plan)
        let (girls, aefi) = try database.read { db in
            (try Register.girls(db, programme: programme.id), try AEFIRecords.countsByCounty(db, programme: programme.id, asOf: asOf))
        }
        return CoverageReport.build(girls: girls, aefi: aefi, plan: plan, divisions: divisions, programme: programme, asOf: asOf)
    }
}
