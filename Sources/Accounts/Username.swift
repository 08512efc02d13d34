/// The rule for usernames and client names, checked before anything is written or logged: 2 to
/// 64 letters, digits, dots, dashes or underscores.
public enum Username {
    public static let maximumLength = 64

    public static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        return (2...maximumLength).contains(scalars.count) && scalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
        }
    }

    /// The name as an error message may show it: never more than the limit, never a control character.
    static func shown(_ name: String) -> String {
        guard name.unicodeScalars.count <= maximumLength, !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return "(\(name.unicodeScalars.count) characters)" }
        return "\"\(name)\""
    }
}
