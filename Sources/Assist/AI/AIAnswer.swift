import Foundation

/// What the AI service answers: `{"model": "name-version", "advice": [{"summary", "detail",
/// "indicator", "basis"}]}`. Anything else is malformed and dropped.
public struct AIAnswer: Decodable, Sendable, Equatable {
    public struct Advice: Decodable, Sendable, Equatable {
        public var summary: String
        public var detail: String?
        public var indicator: String?
        /// What the advice rests on, in words; shown in the card's detail.
        public var basis: String?
    }
    public var model: String
    public var advice: [Advice]

    /// At most this many AI cards per call, so a runaway answer cannot bury the rule cards.
    public static let maxCards = 3

    public static func parse(_ body: [UInt8]) -> AIAnswer? {
        guard let answer = try? JSONDecoder().decode(AIAnswer.self, from: Data(body)),
              !answer.model.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return answer
    }

    /// The advice as cards: info or warning only (an AI never raises a critical alert), labelled
    /// AI-generated with the model, and without suggestions or actions.
    public func cards(language l: CardLanguage) -> [Card] {
        let model = String(self.model.prefix(60))
        return advice.lazy.filter { !$0.summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .prefix(AIAnswer.maxCards).map { a in
                let indicator: Card.Indicator = a.indicator?.lowercased() == "warning" || a.indicator?.lowercased() == "critical" ? .warning : .info
                var detail = l.pick("**AI生成的建议**（模型：\(model)），仅供参考，不是诊疗决定；请以项目规则和临床判断为准。",
                                    "**AI-generated advice** (model: \(model)). For reference only, not a clinical decision; the programme rules and clinical judgement prevail.")
                if let body = a.detail, !body.isEmpty { detail += "\n\n" + String(body.prefix(2000)) }
                if let basis = a.basis, !basis.isEmpty { detail += "\n\n" + l.pick("依据：", "Basis: ") + String(basis.prefix(1000)) }
                let summary = a.summary.replacingOccurrences(of: "\n", with: " ")
                return Card(summary: l.pick("AI建议：", "AI advice: ") + summary, detail: detail, indicator: indicator,
                            source: Source(label: l.pick("AI生成的建议（\(model)）", "AI-generated advice (\(model))"),
                                           topic: Coding(system: RuleSource.system, code: "ai-generated",
                                                         display: l.pick("AI生成", "AI-generated"))))
            }
    }
}
