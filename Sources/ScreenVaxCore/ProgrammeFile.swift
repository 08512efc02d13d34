import Foundation

/// Reads programme files (Schemas/programs/*.json) and turns every decoding failure into an error
/// that names the field, so a malformed file says where it is wrong. Shared by every room.
public enum ProgrammeFile {
    /// Reads and decodes `programs/<id>.json` under the Schemas folder.
    public static func load<T: Decodable>(_ type: T.Type, schemas: URL, file: String) throws -> T {
        let url = schemas.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CoreError.programme(file: file, field: "(file)", problem: "not found in \(schemas.path)")
        }
        return try decode(T.self, data: data, file: file)
    }

    public static func decode<T: Decodable>(_ type: T.Type, data: Data, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch let error as CoreError {
            throw error
        } catch {
            throw CoreError.programme(file: file, field: "(file)", problem: "not valid JSON: \(error)")
        }
    }

    public static func path(_ codingPath: [any CodingKey]) -> String {
        var parts: [String] = []
        for key in codingPath {
            if let i = key.intValue { parts.append("[\(i)]") } else {
                parts.append(parts.isEmpty ? key.stringValue : "." + key.stringValue)
            }
        }
        return parts.isEmpty ? "(top level)" : parts.joined()
    }

    public static func describe(_ error: DecodingError, file: String) -> CoreError {
        switch error {
        case .keyNotFound(let key, let ctx):
            return .programme(file: file, field: path(ctx.codingPath + [key]), problem: "is missing")
        case .typeMismatch(let type, let ctx):
            return .programme(file: file, field: path(ctx.codingPath), problem: "has the wrong type (expected \(type))")
        case .valueNotFound(let type, let ctx):
            return .programme(file: file, field: path(ctx.codingPath), problem: "is null (expected \(type))")
        case .dataCorrupted(let ctx):
            return .programme(file: file, field: path(ctx.codingPath), problem: ctx.debugDescription)
        @unknown default:
            return .programme(file: file, field: "(unknown)", problem: "\(error)")
        }
    }
}
