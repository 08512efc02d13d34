/// Free text a person types and the registry keeps and shows again (names, notes, lots, reasons,
/// schools, classes) is at most `maxCharacters` long. Longer text is refused, never cut short, so
/// nothing is lost without the person knowing.
public enum FieldLength {
    public static let maxCharacters = 200

    /// Whether `text` fits. Counted in characters as a person sees them (一 is one).
    public static func fits(_ text: String) -> Bool {
        // A character takes at least one UTF-8 byte: short text needs no character walk.
        text.utf8.count <= maxCharacters || text.count <= maxCharacters
    }

    /// Refuses text longer than the limit with `too_long`, naming the field.
    public static func check(_ text: String, field: String) throws(FieldTooLong) {
        guard fits(text) else { throw FieldTooLong(field: field, length: text.count) }
    }
}

/// A field longer than `FieldLength.maxCharacters`.
public struct FieldTooLong: UserError, Equatable {
    public let field: String
    public let length: Int

    public var code: String { "too_long" }

    public var message: String {
        "\(field) has \(length) characters; at most \(FieldLength.maxCharacters) are kept: shorten it"
    }

    public var location: InputLocation? { InputLocation(field: field) }
}
