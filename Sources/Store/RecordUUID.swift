import GRDB
import ScreenVaxCore

/// The uuid of a record of kind `Record` (a person, a recall case): what other records and the
/// platform point at. IDs were strings, so a resident ID passed for a person's uuid, or a result's
/// uuid for its recall case's, compiled and found nothing; the kind is now part of the type.
public struct RecordUUID<Record>: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let raw: String

    public init(_ raw: String) { self.raw = raw }

    public var description: String { raw }

    public static func < (a: RecordUUID, b: RecordUUID) -> Bool { a.raw < b.raw }
}

/// A person record's uuid (`persons.uuid`). Not her resident ID, which she may not have yet and
/// which names her to people.
public typealias PersonUUID = RecordUUID<PersonRecord>

/// Written as the string it is, in JSON and in SQLite.
extension RecordUUID: Codable, DatabaseValueConvertible {
    public init(from decoder: any Decoder) throws { raw = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }

    public var databaseValue: DatabaseValue { raw.databaseValue }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> RecordUUID? { String.fromDatabaseValue(value).map(RecordUUID.init) }
}

extension JSONWriter {
    /// A wire record's reference to another record.
    public mutating func string<Record>(_ name: String, _ uuid: RecordUUID<Record>) { string(name, uuid.raw) }
}

extension BulkStatement.Columns {
    /// A record's uuid column. The schema keeps it NOT NULL; should a damaged file hold a NULL, the
    /// row reads with an empty uuid, which matches nothing, instead of stopping the process.
    public func uuid<Record>(_ i: Int32) -> RecordUUID<Record> { RecordUUID(text(i) ?? "") }
}
