import Foundation

/// The project's Schemas folder, found from this file's path (Tests/ScreenVaxTestSupport/): what
/// every test loads its programme files, migrations and wire schemas from.
public let schemasURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Schemas")
