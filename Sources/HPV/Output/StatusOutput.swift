import ScreenVaxCore
import ScreenVaxMacros
import Store

/// A girl's status as `hpv status --format json` and `GET /api/v1/hpv/girls/{person_id}` print it.
@PublicInit
public struct StatusOutput: Encodable, Sendable {
    /// Her registry id: how the API names her in a URL (never her resident ID).
    public let personID: PersonUUID
    public let forecast: HPVForecast
    public let asOf: CalendarDate
    public let id: String
    public let name: String
    public let school: String
    public let className: String

    /// The girl judged as of `asOf`; her ID masked unless `showPII`.
    public init(girl: Girl, programme: HPVProgramme, asOf: CalendarDate, showPII: Bool) {
        self.init(personID: girl.personUUID, forecast: Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: asOf), asOf: asOf,
                  id: showPII ? girl.residentID : Masking.residentID(girl.residentID), name: girl.name, school: girl.school,
                  className: girl.className)
    }

    // The forecast's fields flat beside hers; `id` is the masked ID and `class` a keyword.
    enum CodingKeys: String, CodingKey {
        case status, doses, next, reason, windowClosing, asOf, personID, name, school
        case id = "id_masked"
        case className = "class"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(forecast.status, forKey: .status)
        try c.encode(forecast.doses, forKey: .doses)
        try c.encode(forecast.next, forKey: .next)
        try c.encode(forecast.reason, forKey: .reason)
        try c.encode(forecast.windowClosing, forKey: .windowClosing)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(personID, forKey: .personID)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(school, forKey: .school)
        try c.encode(className, forKey: .className)
    }
}
