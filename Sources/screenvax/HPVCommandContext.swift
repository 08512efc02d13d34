import Foundation
import HPV
import ScreenVaxCore
import Store

/// What every `hpv` command opens: the Schemas folder, the database, and the HPV room's context.
/// The command line has no area: it is the county office's own tool over the whole register.
struct HPVCommandContext {
    let schemas: URL
    let database: RegistryDatabase
    let hpv: HPVContext

    var programme: HPVProgramme { hpv.programme }
    var divisions: Divisions { hpv.divisions }
    var today: CalendarDate { hpv.today }
    var audit: AuditLog { hpv.audit }

    init(_ global: GlobalOptions) throws {
        schemas = try global.schemas()
        database = try RegistryDatabase(path: global.databasePath, schemas: schemas)
        hpv = HPVContext(programme: try HPVProgramme.load(schemas: schemas), divisions: try Divisions.load(schemas: schemas),
                         today: Clock.system.today(), audit: global.audit())
    }

    func residentID(_ raw: String, option: String = "--id") throws -> ResidentID {
        try FieldInput.residentID(raw, field: option, today: today)
    }
}
