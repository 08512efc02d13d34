import ScreenVaxMacros

/// A CDS Hooks 2.0 card. Optional members left nil are omitted from the JSON (the spec forbids
/// `null`, `""`, `[]` and `{}` for absent values), so empty lists are stored as nil too.
public struct Card: Codable, Sendable, Equatable {
    public enum Indicator: String, Codable, Sendable, Comparable, CaseIterable {
        case info, warning, critical

        var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Indicator, b: Indicator) -> Bool { a.rank < b.rank }
    }

    public var uuid: String?
    public var summary: String
    public var detail: String?
    public var indicator: Indicator
    public var source: Source
    public var suggestions: [Suggestion]?
    public var selectionBehavior: String?
    public var overrideReasons: [Coding]?
    public var links: [Link]?

    public init(uuid: String? = nil, summary: String, detail: String? = nil, indicator: Indicator, source: Source,
                suggestions: [Suggestion] = [], overrideReasons: [Coding] = [], links: [Link] = []) {
        self.uuid = uuid
        // The spec caps a summary below 140 characters; a longer one is cut with an ellipsis.
        self.summary = summary.count < 140 ? summary : String(summary.prefix(138)) + "…"
        self.detail = detail
        self.indicator = indicator
        self.source = source
        self.suggestions = suggestions.isEmpty ? nil : suggestions
        // Required whenever suggestions are present: one suggestion at most may be taken.
        self.selectionBehavior = suggestions.isEmpty ? nil : "at-most-one"
        self.overrideReasons = overrideReasons.isEmpty ? nil : overrideReasons
        self.links = links.isEmpty ? nil : links
    }
}

@PublicInit
public struct Source: Codable, Sendable, Equatable {
    public var label: String
    public var url: String?
    public var topic: Coding?
}

@PublicInit
public struct Coding: Codable, Sendable, Equatable {
    public var system: String?
    public var code: String
    public var display: String?
}

/// A suggestion the clinician may take. The rule services suggest without actions (the clinic
/// system records the visit); the AI path never carries actions at all.
@PublicInit
public struct Suggestion: Codable, Sendable, Equatable {
    public var label: String
    public var uuid: String?
    public var isRecommended: Bool?
}

@PublicInit
public struct Link: Codable, Sendable, Equatable {
    public var label: String
    public var url: String
    public var type: String = "absolute"
}

/// `{"cards": [...]}`; `cards` is always present, `[]` meaning "no guidance".
public struct CardsResponse: Codable, Sendable, Equatable {
    public var cards: [Card]
    public init(cards: [Card]) { self.cards = cards }
}
