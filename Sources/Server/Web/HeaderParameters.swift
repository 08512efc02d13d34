import Foundation

/// A header value with parameters, `form-data; name="file"; filename="名册.csv"` or
/// `multipart/form-data; boundary=xyz`: the leading value and the parameters by lowercased name.
/// Quoted strings may hold `;` and backslash escapes.
struct HeaderParameters {
    let value: String
    private let parameters: [String: String]

    /// Nil for a value longer than any header a browser sends, or one whose quotes do not close.
    init?(_ text: String) {
        guard text.utf8.count <= 8192 else { return nil }
        var pieces: [String] = []
        var piece = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                piece.append(character)
                escaped = false
            } else if quoted, character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
                piece.append(character)
            } else if character == ";", !quoted {
                pieces.append(piece)
                piece = ""
            } else {
                piece.append(character)
            }
        }
        guard !quoted else { return nil }
        pieces.append(piece)
        value = pieces[0].trimmingCharacters(in: .whitespaces)
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") { raw = String(raw.dropFirst().dropLast()) }
            if !name.isEmpty, parameters[name] == nil { parameters[name] = raw }
        }
        self.parameters = parameters
    }

    subscript(_ name: String) -> String? { parameters[name] }

    /// An RFC 5987 value (`UTF-8''%E5%90%8D%E5%86%8C.csv`), decoded; nil when it is not UTF-8 or
    /// not percent-encoded properly.
    static func extendedValue(_ text: String) -> String? {
        let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].lowercased() == "utf-8" else { return nil }
        return String(parts[2]).removingPercentEncoding
    }
}
