import Foundation

/// An `application/x-www-form-urlencoded` body.
struct FormBody {
    let fields: [String: String]

    init(_ data: Data) {
        var fields: [String: String] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = FormBody.decode(parts[0])
            fields[key] = parts.count > 1 ? FormBody.decode(parts[1]) : ""
        }
        self.fields = fields
    }

    static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }

    subscript(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespaces) }
}

/// The one file of a `multipart/form-data` upload, and its other fields.
struct MultipartBody {
    var fileName = ""
    var file = Data()
    var fields: [String: String] = [:]

    /// Nil when the body is not multipart or has no boundary.
    init?(_ data: Data, contentType: String) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let b = contentType.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")),
              !b.isEmpty else { return nil }
        let bytes = [UInt8](data)
        let delimiter = Array(("--" + b).utf8)
        var starts: [Int] = []
        var i = 0
        while let at = MultipartBody.find(delimiter, in: bytes, from: i) {
            starts.append(at)
            i = at + delimiter.count
        }
        for (n, s) in starts.enumerated() where n + 1 < starts.count {
            var partStart = s + delimiter.count
            if partStart + 1 < bytes.count, bytes[partStart] == 13, bytes[partStart + 1] == 10 { partStart += 2 }
            var partEnd = starts[n + 1]
            if partEnd >= 2, bytes[partEnd - 2] == 13, bytes[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart < partEnd, let headerEnd = MultipartBody.find([13, 10, 13, 10], in: bytes, from: partStart), headerEnd < partEnd else { continue }
            let headers = String(decoding: bytes[partStart..<headerEnd], as: UTF8.self)
            let body = Data(bytes[(headerEnd + 4)..<partEnd])
            guard let name = MultipartBody.attribute("name", in: headers) else { continue }
            if let file = MultipartBody.attribute("filename", in: headers) {
                fileName = file
                self.file = body
            } else {
                fields[name] = String(decoding: body, as: UTF8.self)
            }
        }
    }

    static func attribute(_ name: String, in headers: String) -> String? {
        guard let r = headers.range(of: " \(name)=\"") ?? headers.range(of: ";\(name)=\"") else { return nil }
        let rest = headers[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
