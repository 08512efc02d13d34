import Foundation

/// A temporary folder of its own, deleted when the value goes away.
public final class TempFolder: Sendable {
    public let url: URL

    public init(prefix: String = "screenvax-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
