import Foundation
import ScreenVaxCore

/// Result values at realistic positive rates (see the type's comment).
extension ScreeningDemoData {
    func service(_ code: String) -> Service? { context.programme.service(code) }

    func prenatalValues(_ code: String, _ rng: inout SplitMix) -> (values: [(key: String, value: String)], conclusion: LabConclusion?) {
        switch code {
        case "nt":
            let nt = rng.double() < 0.015 ? 3.0 + rng.double() * 3 : 0.8 + rng.double() * 2.0
            return ([("nt_mm", String(format: "%.1f", nt)), ("crl_mm", String(45 + rng.int(40)))], nil)
        case "anomaly_us":
            let r = rng.double()
            guard r >= 0.008 else {
                // A positive scan names the anomaly it saw (one of the programme's target anomalies).
                let anomalies = service("anomaly_us")?.field("anomalies")?.choices ?? []
                return ([("finding", "suspected"), ("anomalies", anomalies.isEmpty ? "" : anomalies[rng.int(anomalies.count)])], nil)
            }
            return ([("finding", r < 0.04 ? "not_assessable" : "not_seen")], nil)
        case "serum":
            let high = rng.double() < 0.04
            let t21 = high ? 30 + rng.int(240) : 300 + rng.int(50000)
            return ([("t21_risk", "1/\(t21)"), ("t18_risk", "1/\(high ? 2000 + rng.int(9000) : 1000 + rng.int(90000))"),
                     ("afp_mom", String(format: "%.2f", rng.double() < 0.005 ? 2.0 + rng.double() : 0.6 + rng.double() * 1.2))], nil)
        default:
            let carrier = rng.double() < 0.09
            let alpha = carrier && rng.double() < 0.7 ? ["--SEA/αα", "-α3.7/αα", "-α4.2/αα"][rng.int(3)] : "αα/αα"
            let beta = carrier && alpha == "αα/αα" ? ["CD41-42/βN", "IVS-II-654/βN", "-28/βN"][rng.int(3)] : "βN/βN"
            return ([("alpha", alpha), ("beta", beta)], nil)
        }
    }

    func newbornValues(_ code: String, _ rng: inout SplitMix) -> (values: [(key: String, value: String)], conclusion: LabConclusion?) {
        switch code {
        case "metabolic":
            let phe = rng.double() < 0.001 ? 150 + rng.int(600) : 30 + rng.int(70)
            let tsh = rng.double() < 0.003 ? 12 + rng.double() * 40 : 0.5 + rng.double() * 7
            let g6pd = rng.double() < 0.02 ? 0.5 + rng.double() * 2 : 3.2 + rng.double() * 8
            return ([("phe", String(phe)), ("tsh", String(format: "%.1f", tsh)), ("ohp17", String(format: "%.1f", 2 + rng.double() * 10)),
                     ("g6pd", String(format: "%.2f", g6pd))], nil)
        case "hearing":
            return ([("left", rng.double() < 0.05 ? "refer" : "pass"), ("right", rng.double() < 0.01 ? "refer" : "pass")], nil)
        case "deaf_gene":
            let r = rng.double()
            return ([("gjb2", r < 0.025 ? "het" : "wild"), ("slc26a4", r > 0.985 ? "het" : "wild"), ("mt_rnr1", rng.double() < 0.002 ? "variant" : "wild")], nil)
        default:
            let hand = 96 + rng.int(5)
            let foot = rng.double() < 0.01 ? 90 + rng.int(5) : 96 + rng.int(5)
            return ([("spo2_hand", String(hand)), ("spo2_foot", String(min(foot, 100))), ("murmur", rng.double() < 0.01 ? "yes" : "no")], nil)
        }
    }
}
