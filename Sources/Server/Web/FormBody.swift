import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body, parsed by Hummingbird's `URLEncodedFormDecoder`
/// (at most `BodyLimit.form`). Our forms have flat names, so a field written as a list or a map
/// (`a[]=`, `a[b]=`) or given twice is a malformed form (400), as is bad percent-encoding.
struct FormBody {
    let fields: [String: String]

    /// The request's body, read and parsed.
    static func read(_ request: Request) async throws -> FormBody {
        try FormBody(try await request.bodyData(limit: BodyLimit.form))
    }

    init(_ data: Data) throws(HTTPFailure) {
        do {
            fields = try URLEncodedFormDecoder().decode([String: String].self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw HTTPFailure(.badRequest, code: "bad_form", message: "the body is not a form of named fields (application/x-www-form-urlencoded)",
                              pageText: "提交的表单无法识别，请刷新页面后重试。")
        }
    }

    subscript(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespaces) }
}
