import ScreenVaxCore

/// A recorded dose and its evaluation, as `hpv dose --format json` and `POST /api/v1/hpv/doses` print it.
public struct DoseResult: Encodable, Sendable {
    public let uuid: String
    public let date: CalendarDate
    public let product: String
    // Null, not absent, where there is no evaluation (she is not on this programme's register).
    @NullWhenAbsent public private(set) var number: Int?
    @NullWhenAbsent public private(set) var valid: Bool?
    @NullWhenAbsent public private(set) var reason: DoseReason?
    public let countsForProgramme: Bool
    @NullWhenAbsent public private(set) var status: HPVStatus?
    @NullWhenAbsent public private(set) var next: NextDose?

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

    // The evaluation and forecast stay out of the JSON: their fields are the reply's own.
    enum CodingKeys: CodingKey {
        case uuid, date, product, number, valid, reason, countsForProgramme, status, next
    }
}
