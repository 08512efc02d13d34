import Foundation

/// The one JSON encoding of listings and objects shown to people and programs: the CLI's
/// `--format json` and the HTTP API print the same bytes for the same value.
public enum OutputJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func data<T: Encodable>(_ value: T) throws -> Data { try encoder().encode(value) }

    public static func string<T: Encodable>(_ value: T) throws -> String { String(decoding: try data(value), as: UTF8.self) }
}
