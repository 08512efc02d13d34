import Foundation
import HPV
import ScreenVaxCore
import Store

/// What every `hpv` command needs: the programme, the divisions, the database and today's date.
struct HPVContext {
    let schemas: URL
    let programme: HPVProgramme
    let divisions: Divisions
    let database: RegistryDatabase
    let today: CalendarDate
    let audit: AuditLog

    init(_ global: GlobalOptions, programmeID: String = "hpv-2023") throws {
        schemas = try global.schemas()
        programme = try HPVProgramme.load(schemas: schemas, id: programmeID)
        divisions = try Divisions.load(schemas: schemas)
        database = try RegistryDatabase(path: global.databasePath, schemas: schemas)
        today = Clock.system.today()
        audit = global.audit()
    }

    func residentID(_ raw: String, option: String = "--id") throws -> ResidentID {
        do { return try ResidentID(raw, today: today) } catch {
            throw CLIError.invalidOption(option: option, problem: error.message, code: error.code)
        }
    }
}

/// Bad values given on the command line (after ArgumentParser accepted their shape).
enum CLIError: UserError {
    case invalidOption(option: String, problem: String, code: String)

    var code: String {
        switch self { case .invalidOption(_, _, let code): code }
    }

    var message: String {
        switch self { case .invalidOption(let option, let problem, _): "\(option): \(problem)" }
    }
}
