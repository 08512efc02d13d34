import GRDB
import ScreenVaxCore
import Store

/// The designated institutions in force: the programme's file, then those the province added
/// (`screening_institutions`, migration 0013).
public enum InstitutionRecords {
    public static func all(_ db: Database, programme: ScreeningProgramme) throws -> [Institution] {
        var out = programme.institutions.institutions
        for r in try Row.fetchAll(db, sql: "SELECT code, name, kind, services, areas FROM screening_institutions ORDER BY code") {
            out.append(Institution(code: r[0], name: r[1], kind: r[2], services: split(r[3]), areas: split(r[4]), source: "screening institution add"))
        }
        return out
    }

    /// The institution a result, specimen or referral names, by its code (any case) or its exact name.
    public static func resolve(_ db: Database, programme: ScreeningProgramme, _ raw: String) throws -> Institution? {
        let text = raw.trimmingSpaces()
        guard !text.isEmpty, text.count <= 200 else { return nil }
        if let i = programme.institutions.institutions.first(where: { $0.code.caseInsensitiveCompare(text) == .orderedSame || $0.name == text }) {
            return i
        }
        return try Row.fetchOne(db.cachedStatement(sql: "SELECT code, name, kind, services, areas FROM screening_institutions WHERE code = ? OR name = ?"),
                                arguments: [text, text]).map {
            Institution(code: $0[0], name: $0[1], kind: $0[2], services: split($0[3]), areas: split($0[4]), source: "screening institution add")
        }
    }

    /// The institution designated for a service's referrals (or its lab, `kindMap` = lab_kind) in a
    /// county: of the right kind, doing the service, serving the county; the county's own first.
    public static func designated(_ db: Database, programme: ScreeningProgramme, service: String, county: String, city: String,
                                  kindMap: [String: String]) throws -> Institution? {
        guard let kind = kindMap[service] else { return nil }
        return try all(db, programme: programme)
            .filter { $0.kind == kind && $0.services.contains(service) && $0.serves(county: county, city: city) }
            .min { ($0.reach(county: county, city: city), $0.code) < ($1.reach(county: county, city: city), $1.code) }
    }

    public static func insert(_ db: Database, _ i: Institution, by: String, at: String) throws {
        try db.execute(sql: """
            INSERT INTO screening_institutions (code, name, kind, services, areas, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [i.code, i.name, i.kind, i.services.joined(separator: ","), i.areas.joined(separator: ","), by, at])
    }

    static func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}

/// Institutions resolved once per import: a province-year lab file names a handful of labs.
public final class InstitutionCache {
    private var known: [String: Institution?] = [:]

    public init() {}

    public func resolve(_ db: Database, programme: ScreeningProgramme, _ text: String) throws -> Institution? {
        if let hit = known[text] { return hit }
        let found = try InstitutionRecords.resolve(db, programme: programme, text)
        if known.count < 1000 { known[text] = found }
        return found
    }
}
