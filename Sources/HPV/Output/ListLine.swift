import ScreenVaxCore
import Store

/// One girl of the register as `hpv list --format json` and `GET /api/v1/hpv/girls` print it.
public struct ListLine: Encodable, Sendable {
    public let personID: PersonUUID
    public let idMasked: String
    public let name: String
    public let birthDate: String
    public let status: String
    public let reason: String
    public let validDoses: Int
    public let school: String
    public let className: String

    public init(girl g: Girl, forecast f: HPVForecast, showPII: Bool) {
        personID = g.personUUID
        idMasked = showPII ? g.residentID : Masking.residentID(g.residentID)
        name = g.name
        birthDate = g.birthDate.iso
        status = f.status.rawValue
        reason = f.reason ?? ""
        validDoses = f.doses.filter(\.valid).count
        school = g.school
        className = g.className
    }

    // `class` is a keyword; the other keys are the properties' names.
    enum CodingKeys: String, CodingKey {
        case personID, idMasked, name, birthDate, status, reason, validDoses, school
        case className = "class"
    }
}

/// `hpv list`: every girl of the filtered register with her status as of a day, optionally only
/// one status, by school, class and name; each line with the girl it came from.
public enum RegisterListing {
    public static func lines(_ girls: [Girl], programme: HPVProgramme, asOf: CalendarDate, status: HPVStatus?,
                             showPII: Bool) -> [(girl: Girl, line: ListLine)] {
        var lines: [(girl: Girl, line: ListLine)] = []
        for g in girls {
            let f = Forecaster.forecast(facts: g.facts, doses: g.doses, programme: programme, asOf: asOf)
            if let status, f.status != status { continue }
            lines.append((g, ListLine(girl: g, forecast: f, showPII: showPII)))
        }
        let order = SchoolOrder.indices(schools: lines.map(\.line.school), classes: lines.map(\.line.className),
                                        names: lines.map(\.line.name))
        return order.map { lines[$0] }
    }

    /// One girl's line as of a day.
    public static func line(_ g: Girl, programme: HPVProgramme, asOf: CalendarDate, showPII: Bool) -> ListLine {
        ListLine(girl: g, forecast: Forecaster.forecast(facts: g.facts, doses: g.doses, programme: programme, asOf: asOf), showPII: showPII)
    }

    /// The listing's order between two lines.
    public static func precedes(_ a: ListLine, _ b: ListLine) -> Bool {
        SchoolOrder.compare((a.school, a.className, a.name), (b.school, b.className, b.name)) < 0
    }
}

/// One suspected adverse event as `hpv aefi list --format json` and `GET /api/v1/hpv/aefi` print it.
public struct AEFILine: Encodable, Sendable {
    /// The event's uuid: what `hpv aefi update --event` and the web's course page take.
    public let event: String
    public let id: String
    public let name: String
    public let countyCode: String
    public let doseDate: String
    public let product: String
    public let lot: String
    public let onset: String
    public let symptoms: [String]
    public let serious: Bool
    public let outcome: String
    public let reporter: String
    public let state: String

    public init(_ e: AEFIRecord, showPII: Bool) {
        event = e.uuid
        state = e.state
        id = showPII ? e.residentID : Masking.residentID(e.residentID)
        name = e.name
        countyCode = e.countyCode ?? ""
        doseDate = e.doseDate.iso
        product = e.product
        lot = e.lot
        onset = e.onset
        symptoms = e.symptoms
        serious = e.serious
        outcome = e.outcome
        reporter = e.reporter
    }

    // The list's `id` column is the masked ID; the other keys are the properties' names.
    enum CodingKeys: String, CodingKey {
        case event, name, countyCode, doseDate, product, lot, onset, symptoms, serious, outcome, reporter, state
        case id = "id_masked"
    }
}
