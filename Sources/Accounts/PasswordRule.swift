/// What a new password must be. bcrypt reads only the first 72 bytes, so a longer password would
/// be cut without a word; it is refused instead.
public enum PasswordRule {
    public static let minimumCharacters = 12
    public static let maximumBytes = 72

    /// Throws the first rule the password breaks.
    public static func check(_ password: String) throws(AccountsError) {
        if password.allSatisfy(\.isWhitespace) { throw .blankPassword }
        if password.count < minimumCharacters { throw .weakPassword(minimum: minimumCharacters) }
        if password.utf8.count > maximumBytes { throw .passwordTooLong(maximumBytes: maximumBytes) }
    }
}
