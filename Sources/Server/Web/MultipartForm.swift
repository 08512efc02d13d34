import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` upload (the roster form): its one file and its other fields. The body is
/// parsed as it streams in, by multipart-kit's parser (linear in the body's size), under caps on
/// the boundary, the number of parts, each part's headers, each field and the whole body; a
/// body over its cap is a 413, anything malformed a 400.
struct MultipartForm {
    struct Limits {
        var body = BodyLimit.upload
        var parts = 16
        /// Bytes of one part's headers (and of the preamble before the first part).
        var headerBytes = 16 << 10
        /// Bytes of one field that is not the file.
        var fieldBytes = 64 << 10
    }

    var fileName = ""
    var file = Data()
    var fields: [String: String] = [:]

    /// Bytes given to the parser at a time: what it keeps of an unfinished header is copied once per
    /// slice, so small slices keep that copying bounded by the header cap.
    static let slice = 4096

    static func read(_ request: Request, limits: Limits = Limits()) async throws -> MultipartForm {
        let boundary = try MultipartForm.boundary(request.headers[.contentType])
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.body { throw HTTPFailure.tooLarge(limit: limits.body) }
        let parser = MultipartParser(boundary: boundary)
        let collector = PartCollector(limits: limits)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.partComplete() }
        var received = 0
        for try await var chunk in request.body {
            received += chunk.readableBytes
            guard received <= limits.body else { throw HTTPFailure.tooLarge(limit: limits.body) }
            while chunk.readableBytes > 0, let piece = chunk.readSlice(length: min(slice, chunk.readableBytes)) {
                collector.fed(piece.readableBytes)
                do { try parser.execute(piece) } catch { throw MultipartForm.malformed("it does not follow multipart/form-data") }
                if let problem = collector.problem { throw problem }
            }
        }
        return try collector.finished()
    }

    /// The `boundary` parameter of a `multipart/form-data` Content-Type: 1 to 70 characters of
    /// those RFC 2046 allows.
    static func boundary(_ contentType: String?) throws(HTTPFailure) -> String {
        guard let contentType, let parameters = HeaderParameters(contentType), parameters.value.lowercased() == "multipart/form-data" else {
            throw HTTPFailure(.unsupportedMediaType, code: "bad_upload", message: "send the file as multipart/form-data",
                              pageText: "请选择名册文件后上传。")
        }
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
        guard let boundary = parameters["boundary"], (1...70).contains(boundary.count), boundary.allSatisfy(allowed.contains),
              boundary.last != " " else { throw malformed("its boundary must be 1 to 70 letters, digits or '()+_,-./:=?") }
        return boundary
    }

    static func malformed(_ why: String) -> HTTPFailure {
        HTTPFailure(.badRequest, code: "bad_upload", message: "the upload is not a valid form: \(why)",
                    pageText: "上传的内容无法识别，请在名册导入页重新选择文件上传。")
    }
}

/// What the parser's callbacks find, part by part, and the first cap a part broke.
private final class PartCollector {
    let limits: MultipartForm.Limits
    var form = MultipartForm()
    var headers: [(name: String, value: String)] = []
    var current = ByteBuffer()
    var isFile = false
    var parts = 0
    var fileSeen = false
    /// Bytes fed since the parser last produced body bytes or finished a part: headers, preamble,
    /// or an epilogue.
    var idle = 0
    /// A part has begun (bytes fed after the last part ended) and not finished.
    var open = false
    var problem: HTTPFailure?

    init(limits: MultipartForm.Limits) { self.limits = limits }

    func fed(_ count: Int) {
        idle += count
        if idle > limits.headerBytes, problem == nil {
            problem = MultipartForm.malformed("a part's headers are longer than \(limits.headerBytes >> 10) KB")
        }
    }

    func header(_ name: String, _ value: String) {
        open = true
        if headers.isEmpty { isFile = false }
        headers.append((name, value))
        if name.lowercased() == "content-disposition", HeaderParameters(value)?["filename"] != nil || HeaderParameters(value)?["filename*"] != nil {
            isFile = true
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        open = true
        idle = 0
        let cap = isFile ? limits.body : limits.fieldBytes
        guard current.readableBytes + buffer.readableBytes <= cap else {
            if problem == nil {
                problem = isFile ? HTTPFailure.tooLarge(limit: limits.body)
                    : MultipartForm.malformed("a field is longer than \(limits.fieldBytes >> 10) KB")
            }
            return
        }
        current.writeBuffer(&buffer)
    }

    func partComplete() {
        idle = 0
        open = false
        parts += 1
        defer { headers = []; current = ByteBuffer(); isFile = false }
        guard parts <= limits.parts else {
            if problem == nil { problem = MultipartForm.malformed("it has more than \(limits.parts) parts") }
            return
        }
        guard let disposition = headers.last(where: { $0.name.lowercased() == "content-disposition" }).flatMap({ HeaderParameters($0.value) }),
              let name = disposition["name"] else { return }
        if let fileName = disposition["filename*"].flatMap(HeaderParameters.extendedValue) ?? disposition["filename"] {
            guard !fileSeen else {
                if problem == nil { problem = MultipartForm.malformed("it carries more than one file") }
                return
            }
            fileSeen = true
            form.fileName = fileName
            form.file = Data(current.readableBytesView)
        } else {
            form.fields[name] = String(decoding: current.readableBytesView, as: UTF8.self)
        }
    }

    func finished() throws(HTTPFailure) -> MultipartForm {
        if let problem { throw problem }
        guard parts > 0, !open else { throw MultipartForm.malformed("it ends before its closing boundary") }
        return form
    }
}
