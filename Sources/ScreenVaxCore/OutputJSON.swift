import Foundation

/// The one JSON encoding of listings and objects shown to people and programs: the CLI's
/// `--format json` and the HTTP API print the same bytes for the same value.
///
/// Keys are the properties' names in snake_case, so an output type names only the keys that are
/// not (`class`, `id_masked`). Foundation splits every capital: an `IDs` suffix becomes `i_ds`, so
/// such a property keeps its key by hand. Dictionary keys (county codes, outcomes) are data and
/// are left as they are. A type that is also decoded from input keeps every key by hand: the
/// matching `convertFromSnakeCase` would read `resident_id_masked` as `residentIdMasked`.
public enum OutputJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    public static func data<T: Encodable>(_ value: T) throws -> Data { try encoder().encode(value) }

    public static func string<T: Encodable>(_ value: T) throws -> String { String(decoding: try data(value), as: UTF8.self) }

    /// The same text as `string(items)`, handed out piece by piece, one element at a time: a
    /// province's list is never encoded whole (Foundation's encoder holds the entire tree, 300 MB
    /// for 85,000 lines).
    public static func streamArray<T: Encodable>(_ items: [T], _ write: (String) -> Void) throws {
        guard !items.isEmpty else { return write(try string(items)) }
        let encoder = encoder()
        write("[\n")
        for (i, item) in items.enumerated() {
            let text = String(decoding: try encoder.encode(item), as: UTF8.self)
            // One level deeper, as inside the whole array; the blank line of an empty array stays blank.
            let indented = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
            write((i == 0 ? "" : ",\n") + indented.joined(separator: "\n"))
        }
        write("\n]")
    }
}
