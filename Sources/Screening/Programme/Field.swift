/// A result field: its type, unit and plausible range.
public struct Field: Decodable, Sendable {
    /// `choice_set`: one or more of the choices (the anomalies a scan saw).
    public enum Kind: String, Decodable, Sendable { case number, ratio, choice, text, choiceSet = "choice_set" }
    public let key: String
    public let type: Kind
    public let unit: String?
    public let min: Double?
    public let max: Double?
    public let choices: [String]?
    /// Other headers a lab file gives the value under (苯丙氨酸 for phe).
    public let labels: [String]?
    /// Words labs write for a choice (通过 → pass).
    public let choiceLabels: [String: String]?

    enum CodingKeys: String, CodingKey {
        case key, type, unit, min, max, choices, labels
        case choiceLabels = "choice_labels"
    }

    /// The choice a lab's word stands for: the choice itself (any case) or its label.
    public func choice(_ word: String) -> String? {
        let lower = word.lowercased()
        if let choices, choices.contains(lower) { return lower }
        return choiceLabels?[word]
    }
}
