import Foundation
import Store
import Testing
@testable import Server

/// Schemas/openapi.yaml lists exactly the routes the API registers (method and path).
struct OpenAPITests {
    /// "METHOD /path" for every operation in the document: a path line is `  /api/...:` and its
    /// operations are the 4-space-indented method keys under it.
    static func documented() throws -> Set<String> {
        let text = try String(contentsOf: schemasURL.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var result: Set<String> = []
        var inPaths = false
        var path: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if !line.hasPrefix(" "), !line.isEmpty { inPaths = false; continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()); continue }
            if line.hasPrefix("    "), !line.hasPrefix("     "), let p = path {
                let key = line.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
                if methods.contains(key) { result.insert(key.uppercased() + " " + p) }
            }
        }
        return result
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Store.RegistryDatabase(path: folder.appendingPathComponent("r.sqlite").path, schemas: schemasURL)
        let api = ClinicAPI(services: try ClinicServices(database: db, schemas: schemasURL))
        let registered = Set(api.routes.map { "\($0.method.rawValue) \($0.path)" })
        let documented = try OpenAPITests.documented()
        #expect(registered.count == api.routes.count, "a route is registered twice")
        #expect(registered.subtracting(documented).sorted() == [], "registered but not in Schemas/openapi.yaml")
        #expect(documented.subtracting(registered).sorted() == [], "in Schemas/openapi.yaml but not registered")
        #expect(documented.count >= 11)
    }
}
