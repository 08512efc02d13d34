import Foundation

/// Finds the project's `Schemas/` folder (programme files, plans, migrations) at run time.
///
/// Order: `SCREENVAX_SCHEMAS`; a `Schemas` folder beside or above the executable (a build tree or
/// an install prefix such as `/opt/screenvax/bin/../Schemas`); then above the working directory.
public enum SchemasDirectory {
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        var searched: [String] = []
        if let explicit = environment["SCREENVAX_SCHEMAS"], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit)
            if isSchemas(url) { return url }
            searched.append(explicit)
        }
        var starts: [URL] = []
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() { starts.append(exe.deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Schemas")
                if isSchemas(candidate) { return candidate }
                searched.append(candidate.path)
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw CoreError.schemasNotFound(searched: Array(searched.prefix(3)))
    }

    static func isSchemas(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("programs").path)
            && FileManager.default.fileExists(atPath: url.appendingPathComponent("sql").path)
    }
}
