import Foundation

/// Stable record identifiers: a random UUID given once, when a record is first written.
public enum RecordID {
    public static func make() -> String { UUID().uuidString.lowercased() }
}
