import Testing
@testable import Screening

/// Every positivity rule of screening-2023.json at, just below and just above its cutoff.
struct PositivityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let service: String
        let values: [String: String]
        let newborn: NewbornFacts?
        let positive: Bool?
        var testDescription: String { "\(service) \(values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) → \(positive.map(String.init) ?? "nil")" }
        init(_ service: String, _ values: [String: String], _ positive: Bool?, newborn: NewbornFacts? = nil) {
            self.service = service; self.values = values; self.positive = positive; self.newborn = newborn
        }
    }

    static let term = NewbornFacts(gestationalWeeks: 39, birthWeightG: 3300)
    static let preterm = NewbornFacts(gestationalWeeks: 32, birthWeightG: 1800)
    static let lowWeightTerm = NewbornFacts(gestationalWeeks: 38, birthWeightG: 2400)

    static let cases: [Case] = [
        // NT >= 3.0 mm
        Case("nt", ["nt_mm": "3.0"], true), Case("nt", ["nt_mm": "2.9"], false), Case("nt", ["nt_mm": "3.1"], true),
        // T21 >= 1/270, T18 >= 1/350 (risk as 1/N: a smaller N is a higher risk), AFP MoM >= 2.0
        Case("serum", ["t21_risk": "1/270"], true), Case("serum", ["t21_risk": "1/271"], false), Case("serum", ["t21_risk": "1/269"], true),
        Case("serum", ["t21_risk": "1:270"], true),
        Case("serum", ["t18_risk": "1/350"], true), Case("serum", ["t18_risk": "1/351"], false), Case("serum", ["t18_risk": "1/349"], true),
        Case("serum", ["afp_mom": "2.0"], true), Case("serum", ["afp_mom": "1.99"], false), Case("serum", ["afp_mom": "2.01"], true),
        Case("serum", ["t21_risk": "1/5000", "t18_risk": "1/9000", "afp_mom": "1.0"], false),
        // Anomaly ultrasound: suspected or seen
        Case("anomaly_us", ["finding": "suspected"], true), Case("anomaly_us", ["finding": "seen"], true),
        Case("anomaly_us", ["finding": "not_seen"], false), Case("anomaly_us", ["finding": "not_assessable"], nil),
        // Thalassaemia: any variant
        Case("thal_gene", ["alpha": "αα/αα", "beta": "βN/βN"], false), Case("thal_gene", ["alpha": "--SEA/αα", "beta": "βN/βN"], true),
        Case("thal_gene", ["alpha": "αα/αα", "beta": "CD41-42/βN"], true),
        // Metabolic: Phe >= 120, TSH >= 10, 17-OHP >= 14 (term) / >= 36 (preterm or < 2500 g), G6PD < 2.7
        Case("metabolic", ["phe": "120"], true, newborn: term), Case("metabolic", ["phe": "119.9"], false, newborn: term),
        Case("metabolic", ["phe": "120.1"], true, newborn: term),
        Case("metabolic", ["tsh": "10"], true, newborn: term), Case("metabolic", ["tsh": "9.9"], false, newborn: term),
        Case("metabolic", ["tsh": "10.1"], true, newborn: term),
        Case("metabolic", ["ohp17": "14"], true, newborn: term), Case("metabolic", ["ohp17": "13.9"], false, newborn: term),
        Case("metabolic", ["ohp17": "14.1"], true, newborn: term),
        Case("metabolic", ["ohp17": "20"], true, newborn: term), Case("metabolic", ["ohp17": "20"], false, newborn: preterm),
        Case("metabolic", ["ohp17": "36"], true, newborn: preterm), Case("metabolic", ["ohp17": "35.9"], false, newborn: preterm),
        Case("metabolic", ["ohp17": "36.1"], true, newborn: preterm),
        Case("metabolic", ["ohp17": "35.9"], false, newborn: lowWeightTerm), Case("metabolic", ["ohp17": "36"], true, newborn: lowWeightTerm),
        Case("metabolic", ["g6pd": "2.7"], false, newborn: term), Case("metabolic", ["g6pd": "2.69"], true, newborn: term),
        Case("metabolic", ["g6pd": "2.71"], false, newborn: term),
        // Deafness genes: any variant
        Case("deaf_gene", ["gjb2": "wild", "slc26a4": "wild", "mt_rnr1": "wild"], false),
        Case("deaf_gene", ["gjb2": "het", "slc26a4": "wild", "mt_rnr1": "wild"], true),
        Case("deaf_gene", ["gjb2": "wild", "slc26a4": "wild", "mt_rnr1": "variant"], true),
        // CHD: murmur, SpO2 <= 95 on either limb, |hand - foot| > 3
        Case("chd", ["spo2_hand": "95", "spo2_foot": "97", "murmur": "no"], true),
        Case("chd", ["spo2_hand": "96", "spo2_foot": "97", "murmur": "no"], false),
        Case("chd", ["spo2_hand": "97", "spo2_foot": "95", "murmur": "no"], true),
        Case("chd", ["spo2_hand": "97", "spo2_foot": "96", "murmur": "no"], false),
        Case("chd", ["spo2_hand": "99", "spo2_foot": "96", "murmur": "no"], false),
        Case("chd", ["spo2_hand": "100", "spo2_foot": "96", "murmur": "no"], true),
        Case("chd", ["spo2_hand": "99.5", "spo2_foot": "96.4", "murmur": "no"], true),
        Case("chd", ["spo2_hand": "98", "spo2_foot": "98", "murmur": "yes"], true),
    ]

    @Test(arguments: cases)
    func rule(_ c: Case) throws {
        let s = service(c.service)
        let (values, errors) = ResultValues.parse(c.values.map { (key: $0.key, value: $0.value) }, service: s)
        #expect(errors.isEmpty)
        let result = try Positivity.classify(service: s, values: values, conclusion: nil, attempt: 1, newborn: c.newborn)
        #expect(result.outcome.positive == c.positive)
        #expect(result.ruleVersion == s.rule.version)
    }

    @Test func hearingReferIsARescreenFirstAndPositiveOnTheRescreen() throws {
        let s = service("hearing")
        let refer = ResultValues.parse([("left", "refer"), ("right", "pass")], service: s).0
        #expect(try Positivity.classify(service: s, values: refer, conclusion: nil, attempt: 1).outcome == .rescreen)
        #expect(try Positivity.classify(service: s, values: refer, conclusion: nil, attempt: 2).outcome == .positive)
        let pass = ResultValues.parse([("left", "pass"), ("right", "pass")], service: s).0
        #expect(try Positivity.classify(service: s, values: pass, conclusion: nil, attempt: 2).outcome == .negative)
    }

    @Test func conclusionDecidesWithoutValuesAndAPositiveLabIsNeverOverruled() throws {
        let s = service("anomaly_us")
        #expect(try Positivity.classify(service: s, values: ResultValues(), conclusion: .positive, attempt: 1).outcome == .positive)
        #expect(try Positivity.classify(service: s, values: ResultValues(), conclusion: .notAssessable, attempt: 1).outcome == .notAssessable)
        #expect(throws: ScreeningError.self) { try Positivity.classify(service: s, values: ResultValues(), conclusion: nil, attempt: 1) }
        let nt = service("nt")
        let low = ResultValues.parse([("nt_mm", "1.8")], service: nt).0
        let judged = try Positivity.classify(service: nt, values: low, conclusion: .positive, attempt: 1)
        #expect(judged.outcome == .positive)
        #expect(judged.flags.contains("conclusion_disagrees"))
    }

    @Test func serumIntermediateRiskIsFlaggedNotPositive() throws {
        let s = service("serum")
        let v = ResultValues.parse([("t21_risk", "1/800")], service: s).0
        let judged = try Positivity.classify(service: s, values: v, conclusion: nil, attempt: 1)
        #expect(judged.outcome == .negative)
        #expect(judged.flags == ["intermediate_risk"])
    }

    @Test(arguments: [("nt", "nt_mm", "15.1", "value_out_of_range"), ("nt", "nt_mm", "abc", "bad_value"),
                      ("serum", "t21_risk", "270", "bad_value"), ("hearing", "left", "fail", "bad_value"),
                      ("nt", "tsh", "5", "unknown_field"), ("chd", "spo2_hand", "101", "value_out_of_range")])
    func valuesAreValidated(_ code: String, _ key: String, _ value: String, _ error: String) {
        let (_, errors) = ResultValues.parse([(key, value)], service: service(code))
        #expect(errors.map(\.code) == [error])
    }
}
