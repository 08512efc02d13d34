import Foundation

/// A value written in JSON as one string of its own notation (a date, a period, a gestational
/// age): decoding refuses text the notation does not parse, naming what was expected.
public protocol TextCodable: Codable {
    /// Parses the notation; nil when the text is not one.
    init?(jsonText: String)
    /// The notation written back.
    var jsonText: String { get }
    /// What the notation looks like, for the refusal: `a period such as "6 months"`.
    static var expectedText: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(jsonText: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected \(Self.expectedText), got \"\(text)\""))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonText)
    }
}
