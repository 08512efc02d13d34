import Foundation
import Store
import Testing
import Yams
@testable import Server

/// Schemas/openapi.yaml lists exactly the routes the API registers (method and path).
struct OpenAPITests {
    /// "METHOD /path" for every operation of the document's `paths`.
    static func documented() throws -> Set<String> {
        let text = try String(contentsOf: schemasURL.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        var result: Set<String> = []
        for (path, item) in paths {
            for key in (item as? [String: Any])?.keys ?? [:].keys where methods.contains(key) {
                result.insert(key.uppercased() + " " + path)
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
