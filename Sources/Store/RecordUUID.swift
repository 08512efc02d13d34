import GRDB
import ScreenVaxCore

/// The uuid of a person record (`persons.uuid`), which every room's records point at. Not a
/// resident ID, which a person may not have yet and which names her to people: both were strings,
/// so one passed for the other compiled, and found nobody.
public struct PersonUUID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let raw: String

    public init(_ raw: String) { self.raw = raw }

    public var description: String { raw }

    public static func < (a: PersonUUID, b: PersonUUID) -> Bool { a.raw < b.raw }
}

/// Written as the string it is, in JSON and in SQLite.
extension PersonUUID: Codable, DatabaseValueConvertible {
    public init(from decoder: any Decoder) throws { raw = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }

    public var databaseValue: DatabaseValue { raw.databaseValue }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> PersonUUID? { String.fromDatabaseValue(value).map(PersonUUID.init) }
}

extension JSONWriter {
    /// A wire record's reference to its person.
    public mutating func string(_ name: String, _ uuid: PersonUUID) { string(name, uuid.raw) }
}
