/// A client address as login counters and the audit keep it: at most 64 printable ASCII
/// characters, '' when the server did not know it.
public enum ClientKey {
    public static func of(_ client: String?) -> String {
        guard let client else { return "" }
        let kept = client.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.prefix(64)
        return String(String.UnicodeScalarView(kept))
    }

    static func shown(_ key: String) -> String { key.isEmpty ? "an unknown address" : key }
}
