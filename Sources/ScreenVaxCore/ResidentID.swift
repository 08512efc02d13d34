/// A mainland China resident identity number (GB 11643-1999): 6-digit region code, 8-digit birth
/// date, 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character.
public struct ResidentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised 18 characters (upper-case X).
    public let value: String
    public let birthDate: CalendarDate

    public enum Sex: String, Codable, Sendable { case female = "F", male = "M" }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates and normalises an ID: trims spaces (incl. full-width), upper-cases `x`.
    ///
    /// - Parameter today: when given, a birth date after it is refused.
    public init(_ raw: String, today: CalendarDate? = nil) throws(CoreError) {
        var trimmed = raw.trimmingSpaces()
        if trimmed.utf8.last == UInt8(ascii: "x") { trimmed = String(trimmed.dropLast()) + "X" }
        let chars = Array(trimmed.utf8)
        guard chars.count == 18 else { throw .idLength(found: trimmed.count) }
        var sum = 0
        for i in 0..<17 {
            let c = chars[i]
            guard c >= 48, c <= 57 else { throw .idFormat }
            sum += Int(c - 48) * ResidentID.weights[i]
        }
        let last = chars[17]
        guard (last >= 48 && last <= 57) || last == UInt8(ascii: "X") else { throw .idFormat }
        let expected = ResidentID.checkCharacters[sum % 11]
        guard Character(UnicodeScalar(last)) == expected else { throw .idChecksum(expected: expected) }
        let digits = String(decoding: chars[6..<14], as: UTF8.self)
        guard let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)),
              let d = Int(digits.suffix(2)), CalendarDate.supportedYears.contains(y),
              let birth = CalendarDate(year: y, month: m, day: d) else { throw .idBirthDate(digits) }
        if let today, birth > today { throw .idBirthDate(digits) }
        self.value = trimmed
        self.birthDate = birth
    }

    /// The check character for 17 digits (for generating test and demo IDs).
    public static func checkCharacter(for first17: String) -> Character {
        var sum = 0
        for (i, c) in first17.utf8.prefix(17).enumerated() { sum += (c >= 48 && c <= 57 ? Int(c - 48) : 0) * weights[i] }
        return checkCharacters[sum % 11]
    }

    public var regionCode: String { String(value.prefix(6)) }

    /// The 17th character: odd for men, even for women.
    public var sex: Sex {
        let c = Array(value.utf8)[16]
        return (c - 48) % 2 == 1 ? .male : .female
    }

    /// `360102********1234`.
    public var masked: String { Masking.residentID(value) }

    public var description: String { masked }

    public static func < (lhs: ResidentID, rhs: ResidentID) -> Bool { lhs.value < rhs.value }
}

extension String {
    /// Trims ASCII and full-width spaces, tabs and line ends.
    public func trimmingSpaces() -> String {
        // Fast path on bytes: most cells have nothing to trim, and Character iteration is costly.
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func plain(_ b: UInt8) -> Bool { b > 0x20 && b != 0xC2 && b != 0xE3 && b != 0x80 && b != 0xA0 }
        if plain(first) && plain(last) { return self }
        // A Chinese text may end in a byte that a space's encoding also ends in: its last scalar says.
        if plain(first), last >= 0x80, let end = unicodeScalars.last, end != "\u{3000}", end != "\u{A0}" { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) }) ?? start
        return String(self[start...end])
    }

    /// The text without any whitespace (names are compared and stored this way: `王 芳` is `王芳`).
    public func removingWhitespace() -> String {
        // Fast path on bytes: whitespace is ASCII, or starts with 0xC2 (U+0085, U+00A0), 0xE1 (U+1680),
        // 0xE2 (U+2000...U+205F) or 0xE3 (U+3000); Chinese names have none of these bytes.
        if !utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == 0xC2 || ($0 >= 0xE1 && $0 <= 0xE3) }) { return self }
        return String(filter { !$0.isWhitespace })
    }
}
