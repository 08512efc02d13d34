import ArgumentParser
import Foundation
import ScreenVaxCore
import Screening
import Store

/// `screening institution add|list`: the designated institutions (附件8), the programme's file
/// plus those the province added.
struct ScreeningInstitutionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "institution", abstract: "Designated institutions: list them, add one.",
                                                    subcommands: [List.self, Add.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The designated institutions, with kind, services and areas served.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this kind (prenatal_screening, prenatal_diagnosis, newborn_screening_centre, ...).") var kind: String?
        @Option(help: "Only those serving this county (code).") var county: String?
        @Option(help: "Only those doing this service.") var service: String?

        func run() async throws {
            let (database, context) = try global.screening()
            let county = try self.county.map { raw in
                guard let c = context.divisions.resolve(raw) else { throw ScreeningError.unknownCounty(raw).at(InputLocation(field: "--county")) }
                return c
            }
            let all = try database.read { db in try InstitutionRecords.all(db, programme: context.programme) }.filter { i in
                (kind == nil || i.kind == kind) && (service == nil || i.services.contains(service ?? ""))
                    && (county.map { i.serves(county: $0.code, city: $0.cityCode) } ?? true)
            }
            if output.format == .json {
                print(all.isEmpty ? "[]" : "[\n" + all.map(\.json).joined(separator: ",\n") + "\n]")
                return
            }
            print(Listing(columns: ["code", "name", "kind", "services", "areas"],
                          rows: all.map { [$0.code, $0.name, $0.kind, $0.services.joined(separator: ","), $0.areas.joined(separator: ",")] })
                    .render(output.format), terminator: "")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a designated institution (province staff).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Its code: 2 to 32 letters, digits, - or _.") var code: String
        @Option(help: "Its name.") var name: String
        @Option(help: "prenatal_screening, prenatal_diagnosis, newborn_screening_centre, hearing_diagnosis, chd_diagnosis or birth_hospital.") var kind: String
        @Option(help: "The services it does, comma-separated (e.g. metabolic,deaf_gene).") var services: String
        @Option(help: "The areas it serves, comma-separated: county codes, city codes (360100) or 360000.") var areas: String

        func run() async throws {
            let (database, context) = try global.screening()
            func list(_ s: String) -> [String] { s.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty } }
            let i = try database.write { db in
                try InstitutionRegistration.add(db, context: context, code: code, name: name, kind: kind, services: list(services), areas: list(areas))
            }
            print(output.format == .json ? i.json : "added \(i.code) \(i.name)")
        }
    }
}

extension Institution {
    var json: String {
        var w = JSONWriter()
        w.string("code", code); w.string("name", name); w.string("kind", kind); w.strings("services", services); w.strings("areas", areas)
        return w.finished()
    }
}
