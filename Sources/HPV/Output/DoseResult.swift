import ScreenVaxCore

/// A recorded dose and its evaluation, as `hpv dose --format json` and `POST /api/v1/hpv/doses` print it.
public struct DoseResult: Encodable, Sendable {
    public let uuid: String
    public let date: CalendarDate
    public let product: String
    public let number: Int?
    public let valid: Bool?
    public let reason: DoseReason?
    public let countsForProgramme: Bool
    public let status: HPVStatus?
    public let next: NextDose?

    /// The dose just recorded, evaluated with the girl's doses as of the later of today and the dose date
    /// (no evaluation when she is not on this programme's register).
    public init(dose: DoseRecord, girl: Girl?, programme: HPVProgramme, today: CalendarDate) {
        var evaluation: DoseEvaluation?
        var forecast: HPVForecast?
        if let girl {
            let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: max(today, dose.date))
            forecast = f
            evaluation = f.doses.first { $0.dose.date == dose.date }
        }
        self.evaluation = evaluation
        self.forecast = forecast
        uuid = dose.uuid
        date = dose.date
        product = dose.product
        number = evaluation?.number
        valid = evaluation?.valid
        reason = evaluation?.reason
        countsForProgramme = evaluation?.countsForProgramme ?? false
        status = forecast?.status
        next = forecast?.next
    }

    /// What the command line prints beside the JSON fields.
    public let evaluation: DoseEvaluation?
    public let forecast: HPVForecast?

    enum CodingKeys: String, CodingKey {
        case uuid, date, product, number, valid, reason, status, next
        case countsForProgramme = "counts_for_programme"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(date, forKey: .date)
        try c.encode(product, forKey: .product)
        try c.encode(number, forKey: .number)
        try c.encode(valid, forKey: .valid)
        try c.encode(reason, forKey: .reason)
        try c.encode(countsForProgramme, forKey: .countsForProgramme)
        try c.encode(status, forKey: .status)
        try c.encode(next, forKey: .next)
    }
}
