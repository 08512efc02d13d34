import ScreenVaxCore

/// Coverage against the plan, per city and county: counted where each girl is enrolled
/// (the roster's 地区), not where her ID was issued.
public struct CoverageReport: Sendable, Encodable {
    public struct Line: Sendable, Encodable {
        public var cityCode: String
        public var city: String
        // Null rather than absent: a city's line has no county, a county's no target (the plan sets
        // cities' targets), and without a target no rates.
        @NullWhenAbsent public var countyCode: String?
        @NullWhenAbsent public var county: String?
        @NullWhenAbsent public var target: Int?
        public var roster = 0
        public var eligible = 0
        public var consented = 0
        public var dose1 = 0
        public var complete = 0
        /// complete / target: the full series, the plan's measure at the end.
        @NullWhenAbsent public var coverage: Double?
        /// dose 1 / target: what can move before a second dose is due (six months after the first), so
        /// the figure the year's acceptance reads.
        @NullWhenAbsent public var dose1Coverage: Double?
        public var programmeDoses = 0
        public var aefi = 0
        public var aefiSerious = 0
        public var cost: Double = 0
        public var provinceShare: Double = 0
        public var localShare: Double = 0

        public init(cityCode: String, city: String, countyCode: String? = nil, county: String? = nil, target: Int? = nil) {
            self.cityCode = cityCode
            self.city = city
            self.countyCode = countyCode
            self.county = county
            self.target = target
        }

        mutating func add(_ o: Line) {
            roster += o.roster; eligible += o.eligible; consented += o.consented; dose1 += o.dose1
            complete += o.complete; programmeDoses += o.programmeDoses; aefi += o.aefi; aefiSerious += o.aefiSerious
            cost += o.cost; provinceShare += o.provinceShare; localShare += o.localShare
        }

        mutating func finish() {
            coverage = target.flatMap { $0 > 0 ? Double(complete) / Double($0) : nil }
            dose1Coverage = target.flatMap { $0 > 0 ? Double(dose1) / Double($0) : nil }
            cost = (cost * 100).rounded() / 100
            provinceShare = (provinceShare * 100).rounded() / 100
            localShare = (localShare * 100).rounded() / 100
        }
    }

    public let asOf: CalendarDate
    public let programme: String
    public var cities: [Line]
    public var counties: [Line]
    public var totals: Line

    /// AEFI counts per county: (all, serious).
    public typealias AEFICounts = [String: (all: Int, serious: Int)]

    public static func build(girls: [Girl], aefi: AEFICounts, plan: [String: Int], divisions: Divisions,
                             programme: HPVProgramme, asOf: CalendarDate) -> CoverageReport {
        var counties: [String: Line] = [:]
        for girl in girls {
            var line = counties[girl.countyCode] ?? Line(
                cityCode: girl.cityCode, city: divisions.cityName(code: girl.cityCode) ?? girl.cityCode,
                countyCode: girl.countyCode, county: divisions.county(code: girl.countyCode)?.name ?? girl.countyCode)
            line.roster += 1
            let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: asOf)
            if Eligibility.exclusion(girl.facts, programme: programme) == nil {
                line.eligible += 1
                if girl.consent == .given || !f.doses.isEmpty { line.consented += 1 }
                let counted = f.doses.filter(\.countsForProgramme)
                if counted.contains(where: { $0.number == 1 }) { line.dose1 += 1 }
                if counted.count >= programme.doseCount { line.complete += 1 }
                let split = programme.split(county: girl.countyCode)
                for d in counted {
                    let price = (programme.product(d.dose.product)?.price ?? 0) + programme.serviceFee
                    line.programmeDoses += 1
                    line.cost += price
                    line.provinceShare += price * Double(split.province) / Double(split.province + split.local)
                    line.localShare += price * Double(split.local) / Double(split.province + split.local)
                }
            }
            counties[girl.countyCode] = line
        }
        for (code, counts) in aefi {
            guard var line = counties[code] else { continue }
            line.aefi = counts.all
            line.aefiSerious = counts.serious
            counties[code] = line
        }
        return assemble(counties: Array(counties.values), plan: plan, divisions: divisions, programme: programme.id, asOf: asOf)
    }

    /// The report from its county lines (figures not yet rounded): each city is its counties'
    /// sum beside its planned target, the province the cities' sum. The county register and the
    /// province hub count girls their own way and assemble the same report.
    public static func assemble(counties: [Line], plan: [String: Int], divisions: Divisions, programme: String,
                                asOf: CalendarDate) -> CoverageReport {
        var cities: [String: Line] = [:]
        for code in Set(plan.keys).union(counties.map(\.cityCode)) {
            cities[code] = Line(cityCode: code, city: divisions.cityName(code: code) ?? code, target: plan[code])
        }
        for line in counties { cities[line.cityCode]?.add(line) }
        var totals = Line(cityCode: "360000", city: "江西省", target: plan.isEmpty ? nil : plan.values.reduce(0, +))
        for line in cities.values { totals.add(line) }
        var cityLines = cities.values.sorted { $0.cityCode < $1.cityCode }
        for i in cityLines.indices { cityLines[i].finish() }
        var countyLines = counties.sorted { ($0.countyCode ?? "") < ($1.countyCode ?? "") }
        for i in countyLines.indices { countyLines[i].finish() }
        totals.finish()
        return CoverageReport(asOf: asOf, programme: programme, cities: cityLines, counties: countyLines, totals: totals)
    }
}
