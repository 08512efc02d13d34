/// Masking of personal identifiers for lists, exports and logs.
public enum Masking {
    /// `360102********1234`: the region code and the last four characters stay.
    public static func residentID(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 10 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(6)) + String(repeating: "*", count: chars.count - 10) + String(chars.suffix(4))
    }

    /// `138****5678` for a mobile; other numbers keep their first three and last four characters.
    public static func phone(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }

    /// A name reduced to its first character (`王**`), for logs and masked error texts.
    public static func name(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }
}

/// Normalises a phone number as written on forms: digits only, an optional +86 dropped.
public enum PhoneNumber {
    public static func normalise(_ raw: String) throws(CoreError) -> String {
        // Most cells are plain digits: skip the Character walk for them.
        let plain = !raw.isEmpty && raw.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        var digits = plain ? raw : raw.filter { $0.isASCII && $0.isNumber }
        if (!plain && raw.trimmingSpaces().hasPrefix("+86")) || (digits.count == 13 && digits.hasPrefix("86")) {
            digits = String(digits.dropFirst(2))
        }
        guard (7...12).contains(digits.count) else { throw .badPhone }
        if digits.count == 11 && !digits.hasPrefix("1") && !digits.hasPrefix("0") { throw .badPhone }
        return digits
    }
}
