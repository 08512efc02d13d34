import GRDB
import ScreenVaxCore
import Store

/// `screening institution add`: the province adds a designated institution beside the file's.
public enum InstitutionRegistration {
    public static let maxName = 200

    public static func add(_ db: Database, context: ScreeningContext, code rawCode: String, name rawName: String, kind: String,
                           services: [String], areas: [String]) throws -> Institution {
        let code = rawCode.trimmingSpaces(), name = rawName.trimmingSpaces()
        let codeOK = (2...32).contains(code.count) && code.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard codeOK else {
            throw ScreeningError.badValue("code", String(code.prefix(40)), expected: "2 to 32 letters, digits, - or _ (e.g. JX-MCH)").at(InputLocation(field: "--code"))
        }
        guard !name.isEmpty else { throw ScreeningError.missingValue(field: "--name", what: "the institution's name").at(InputLocation(field: "--name")) }
        guard name.count <= maxName else { throw ScreeningError.tooLong(field: "--name", max: maxName).at(InputLocation(field: "--name")) }
        let kinds = context.programme.institutions.kinds
        guard kinds[kind] != nil else {
            throw ScreeningError.badValue("kind", kind, expected: "one of " + kinds.keys.sorted().joined(separator: ", ")).at(InputLocation(field: "--kind"))
        }
        guard !services.isEmpty else { throw ScreeningError.missingValue(field: "--services", what: "the services it does, e.g. metabolic,deaf_gene").at(InputLocation(field: "--services")) }
        for s in services { _ = try context.service(s) }
        guard !areas.isEmpty else { throw ScreeningError.missingValue(field: "--areas", what: "the counties it serves (codes; a city code or 360000 for all)").at(InputLocation(field: "--areas")) }
        var resolved: [String] = []
        for a in areas {
            if a == "360000" || context.divisions.cityName(code: a) != nil { resolved.append(a); continue }
            guard let county = context.divisions.resolve(a) else { throw ScreeningError.unknownCounty(a).at(InputLocation(field: "--areas")) }
            resolved.append(county.code)
        }
        if try InstitutionRecords.resolve(db, programme: context.programme, code) != nil { throw ScreeningError.institutionExists(code) }
        if try InstitutionRecords.resolve(db, programme: context.programme, name) != nil { throw ScreeningError.institutionExists(name) }
        let institution = Institution(code: code, name: name, kind: kind, services: services.map { $0.lowercased() }, areas: resolved,
                                      source: "screening institution add")
        try InstitutionRecords.insert(db, institution, by: context.audit.operatorName, at: context.at)
        try context.audit.record(db, action: "add", entity: "screening_institution", uuid: nil, detail: code)
        return institution
    }
}
