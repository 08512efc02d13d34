import Foundation
import ScreenVaxCore

/// A designated institution (附件8): what kind it is, the services it does and the areas it serves
/// (county codes, city codes ending in 00, or the province 360000).
public struct Institution: Decodable, Sendable, Hashable {
    public let code: String
    public let name: String
    public let kind: String
    public let services: [String]
    public let areas: [String]
    public let source: String

    public init(code: String, name: String, kind: String, services: [String], areas: [String], source: String) {
        self.code = code; self.name = name; self.kind = kind; self.services = services; self.areas = areas; self.source = source
    }

    /// Whether it serves a county: named itself, through its city, or province-wide.
    public func serves(county: String, city: String) -> Bool {
        areas.contains { $0 == county || $0 == city || $0 == "360000" }
    }

    /// The narrower the area, the more specific the designation: a county's own before its city's
    /// before the province's.
    func reach(county: String, city: String) -> Int {
        if areas.contains(county) { return 0 }
        if areas.contains(city) { return 1 }
        return 2
    }
}

/// `Schemas/programs/institutions-2023.json`: the province's designated institutions, and which
/// kind of institution a service's specimens go to and its positives are referred to.
public struct InstitutionsFile: Decodable, Sendable {
    public let id: String
    public let kinds: [String: String]
    public let labKind: [String: String]
    public let referralKind: [String: String]
    public let institutions: [Institution]

    enum CodingKeys: String, CodingKey {
        case id, kinds, institutions
        case labKind = "lab_kind", referralKind = "referral_kind"
    }

    public static let empty = InstitutionsFile(id: "", kinds: [:], labKind: [:], referralKind: [:], institutions: [])

    public init(id: String, kinds: [String: String], labKind: [String: String], referralKind: [String: String], institutions: [Institution]) {
        self.id = id; self.kinds = kinds; self.labKind = labKind; self.referralKind = referralKind; self.institutions = institutions
    }

    /// Checks what decoding cannot: unique codes, known kinds and services, areas in the divisions.
    func validate(file: String, services: Set<String>) throws {
        func fail(_ field: String, _ problem: String) -> CoreError { .programme(file: file, field: field, problem: problem) }
        var codes = Set<String>()
        for (i, inst) in institutions.enumerated() {
            guard codes.insert(inst.code.uppercased()).inserted else { throw fail("institutions[\(i)].code", "\"\(inst.code)\" appears twice") }
            guard kinds[inst.kind] != nil else { throw fail("institutions[\(i)].kind", "\"\(inst.kind)\" is not one of kinds") }
            for s in inst.services where !services.contains(s) { throw fail("institutions[\(i)].services", "\"\(s)\" is not a service of the programme") }
        }
        for (field, map) in [("lab_kind", labKind), ("referral_kind", referralKind)] {
            for (service, kind) in map {
                guard services.contains(service) else { throw fail("\(field).\(service)", "is not a service of the programme") }
                guard kinds[kind] != nil else { throw fail("\(field).\(service)", "\"\(kind)\" is not one of kinds") }
            }
        }
    }
}
