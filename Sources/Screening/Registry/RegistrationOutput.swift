import ScreenVaxCore

/// The JSON of registrations as `screening pregnancy add|close` and `screening newborn add` print it
/// with `--format json`; the clinic API answers with the same text.
extension PregnancyRegistrationResult {
    public func json(programme: ScreeningProgramme) -> String {
        var w = JSONWriter()
        w.string("pregnancy_id", pregnancy.uuid)
        w.bool("existing", existing)
        w.string("lmp", pregnancy.lmp.iso)
        w.string("edd", Dating.edd(lmp: pregnancy.lmp, programme: programme).iso)
        w.string("county_code", pregnancy.countyCode)
        return w.finished()
    }
}

extension PregnancyRecord {
    /// After `screening pregnancy close`.
    public var closedJSON: String {
        var w = JSONWriter()
        w.string("pregnancy_id", uuid); w.string("outcome", outcome?.rawValue); w.string("closed_on", closedOn?.iso)
        return w.finished()
    }
}

extension NewbornRecord {
    /// After `screening newborn add`.
    public var addedJSON: String {
        var w = JSONWriter()
        w.string("newborn_id", uuid); w.int("birth_order", birthOrder); w.string("born_at", born.description)
        return w.finished()
    }
}

extension NewbornRecords.New {
    /// Plausible completed weeks of gestation and birth weights at registration.
    public static let weeksRange = 20...45
    public static let weightRange = 300...6500

    /// A birth as a form or a request gives it (text fields), checked: each error names its field.
    public static func parse(born: String, sex: String, order: Int, weeks: Int?, weightG: Int?,
                             facility: String = "") throws(ScreeningError) -> NewbornRecords.New {
        guard let time = ClinicalTime(born) else { throw ScreeningError.badTime(born, field: "born").at(InputLocation(field: "born")) }
        guard let s = ResidentID.Sex(rawValue: sex.trimmingSpaces().uppercased()) else {
            throw ScreeningError.badValue("sex", sex, expected: "F or M").at(InputLocation(field: "sex"))
        }
        guard order >= 1 else { throw ScreeningError.badValue("order", String(order), expected: "the birth order, 1 (twins: 1 and 2)").at(InputLocation(field: "order")) }
        if let weeks, !weeksRange.contains(weeks) {
            throw ScreeningError.outOfRange("weeks", String(weeks), min: Double(weeksRange.lowerBound), max: Double(weeksRange.upperBound),
                                            unit: "completed weeks").at(InputLocation(field: "weeks"))
        }
        if let weightG, !weightRange.contains(weightG) {
            throw ScreeningError.outOfRange("weight_g", String(weightG), min: Double(weightRange.lowerBound), max: Double(weightRange.upperBound),
                                            unit: "g").at(InputLocation(field: "weight_g"))
        }
        return NewbornRecords.New(birthOrder: order, born: time, sex: s, gestationalWeeks: weeks, birthWeightG: weightG, facility: facility)
    }
}
