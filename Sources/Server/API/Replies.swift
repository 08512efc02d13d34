import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScreenVaxCore

/// Builds responses: JSON with the CLI's encoder, HTML, CSV, redirects.
public enum Reply {
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = try OutputJSON.data(value)
        data.append(0x0A)
        return bytes(data, contentType: "application/json; charset=utf-8", status: status)
    }

    /// JSON the caller already wrote (a room's JSONWriter text), with the CLI's trailing newline.
    public static func jsonText(_ json: String, status: HTTPResponse.Status) -> Response {
        bytes(Data((json + "\n").utf8), contentType: "application/json; charset=utf-8", status: status)
    }

    public static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var r = bytes(Data(text.utf8), contentType: "text/html; charset=utf-8", status: status)
        r.headers[.cacheControl] = "no-store"
        r.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
        r.headers[.xContentTypeOptions] = "nosniff"
        // The roster form's action carries the CSRF token in its query: never send it on in a Referer.
        r.headers[.referrerPolicy] = "no-referrer"
        return r
    }

    /// A page of a list as JSON: the array as before, the whole list's length in `X-Total-Count`.
    public static func page<T: Encodable>(_ items: [T], total: Int) throws -> Response {
        var r = try json(items)
        r.headers[.xTotalCount] = String(total)
        return r
    }

    /// The same for a page the room already wrote as JSON text.
    public static func page(json text: String, total: Int) -> Response {
        var r = jsonText(text, status: .ok)
        r.headers[.xTotalCount] = String(total)
        return r
    }

    public static func csv(_ data: Data, fileName: String) -> Response {
        var r = bytes(data, contentType: "text/csv; charset=utf-8", status: .ok)
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export.csv"
        r.headers[.contentDisposition] = "attachment; filename=\"export.csv\"; filename*=UTF-8''\(encoded)"
        return r
    }

    /// A roster's errors file as it was written: xlsx for an xlsx roster (a ZIP archive), else CSV.
    public static func rosterErrors(_ data: Data, stem: String) -> Response {
        guard data.starts(with: [0x50, 0x4B]) else { return csv(data, fileName: stem + ".csv") }
        return xlsx(data, fileName: stem + ".xlsx")
    }

    /// An Excel workbook as a download; the Chinese name in `filename*`, a plain one beside it for old browsers.
    public static func xlsx(_ data: Data, fileName: String) -> Response {
        var r = bytes(data, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", status: .ok)
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download.xlsx"
        r.headers[.contentDisposition] = "attachment; filename=\"download.xlsx\"; filename*=UTF-8''\(encoded)"
        return r
    }

    public static func bytes(_ data: Data, contentType: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    public static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

extension HTTPField.Name {
    // Spelled here, so valid tokens: the optional init cannot fail on them.
    static let xTotalCount = HTTPField.Name("X-Total-Count")!
    static let xCSRFToken = HTTPField.Name("X-CSRF-Token")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}

extension Request {
    /// The body, up to `limit` bytes (`BodyLimit.upload` for a roster, else `BodyLimit.form`); a
    /// larger one is a 413, refused before reading when its Content-Length says so.
    func bodyData(limit: Int = BodyLimit.form) async throws -> Data {
        if let length = headers[.contentLength].flatMap({ Int($0) }), length > limit { throw HTTPFailure.tooLarge(limit: limit) }
        do {
            let buffer = try await body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw HTTPFailure.tooLarge(limit: limit)
        }
    }

    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        let data = try await bodyData(limit: BodyLimit.form)
        do { return try JSONDecoder().decode(T.self, from: data) } catch let DecodingError.keyNotFound(key, _) {
            throw HTTPFailure(.badRequest, code: "missing_field", message: "the JSON body needs the field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw HTTPFailure(.badRequest, code: "bad_field", message: "field \"\(ctx.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch {
            throw HTTPFailure(.badRequest, code: "bad_json", message: "the body is not the JSON object this route takes; see Schemas/openapi.yaml")
        }
    }

    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
