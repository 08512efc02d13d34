import Compression
import Curl
import Foundation
import Sync

/// Requests written by hand (replays, bad bodies, another county's token), sent with our libcurl
/// client on a thread of its own so the in-process hub keeps the cooperative pool.
enum RawHTTP {
    static func post(port: Int, path: String = "/api/v1/batches", token: String?, key: String?, body: [UInt8],
                     gzip: Bool = false) async throws -> HTTPResponse {
        var headers = ["Content-Type: application/json"]
        if let token { headers.append("Authorization: Bearer \(token)") }
        if let key { headers.append("Idempotency-Key: \"\(key)\"") }
        var payload = body
        if gzip {
            payload = try Gzip.compress(body)
            headers.append("Content-Encoding: gzip")
        }
        let sent = payload
        let all = headers
        return try await PushThread.run {
            try EasyHandle(options: TransferOptions(connectTimeout: 2, totalTimeout: 30)).post(
                url: "http://127.0.0.1:\(port)\(path)", headers: all, body: sent)
        }
    }

    static func get(port: Int, path: String, token: String?) async throws -> HTTPResponse {
        let headers = token.map { ["Authorization: Bearer \($0)"] } ?? []
        return try await PushThread.run {
            try EasyHandle(options: TransferOptions(connectTimeout: 2, totalTimeout: 30)).get(
                url: "http://127.0.0.1:\(port)\(path)", headers: headers)
        }
    }

    /// A batch envelope around records, as the sync client writes it.
    static func batch(_ records: [WireRecord], id: String = UUID().uuidString.lowercased(), clinic: String = "360102001") -> [UInt8] {
        let items = records.map { "{\"type\":\"\($0.type)\",\"uuid\":\"\($0.uuid)\",\"version\":\($0.version),\"data\":\($0.payload)}" }
        let text = "{\"source_clinic\":\"\(clinic)\",\"batch_id\":\"\(id)\",\"sent_at\":\"2024-05-06T09:00:00+08:00\",\"records\":["
            + items.joined(separator: ",") + "]}"
        return Array(text.utf8)
    }

    static func json(_ response: HTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }
}
