/// The language of card text: Simplified Chinese unless the client asks for English.
public enum CardLanguage: String, Sendable, Codable {
    case zh = "zh-CN"
    case en

    /// Reads an `Accept-Language` header: English when its most preferred language is English.
    public init(acceptLanguage header: String?) {
        guard let header, !header.isEmpty else { self = .zh; return }
        var best: (tag: Substring, q: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { continue }
            var q = 1.0
            for p in pieces.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            if best == nil || q > best!.q { best = (Substring(tag.lowercased()), q) }
        }
        self = best.map { $0.tag == "en" || $0.tag.hasPrefix("en-") } == true ? .en : .zh
    }

    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}
