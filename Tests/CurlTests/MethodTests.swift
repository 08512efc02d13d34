import Curl
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One handle, several verbs in a row: a verb must never stick to the next request.
@Suite struct MethodTests {
    @Test func eachRequestSendsItsOwnVerbAndBody() throws {
        let server = try EchoServer()
        defer { server.stop() }
        let handle = try EasyHandle(options: TransferOptions(connectTimeout: 2, totalTimeout: 5))
        let url = "http://127.0.0.1:\(server.port)/x"
        let cases: [(method: String, body: String, expected: String)] = [
            ("PUT", "abc", "PUT 3"),
            ("GET", "", "GET 0"),
            ("POST", "hello", "POST 5"),
            ("DELETE", "", "DELETE 0"),
            ("GET", "", "GET 0"),
        ]
        for item in cases {
            let response = try handle.request(method: item.method, url: url, headers: [], body: Array(item.body.utf8))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == item.expected)
        }
        let viaGet = try handle.get(url: url, headers: ["Accept: text/plain"])
        #expect(String(decoding: viaGet.body, as: UTF8.self) == "GET 0")
    }
}

/// Answers every request with "<METHOD> <body length>", one connection at a time.
private final class EchoServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let thread: Thread

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                EchoServer.serve(client)
                close(client)
            }
        }
        thread.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Reads keep-alive requests on one connection until the client closes it.
    private static func serve(_ client: Int32) {
        var pending = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            guard let end = headerEnd(pending) else {
                let count = read(client, &chunk, chunk.count)
                guard count > 0 else { return }
                pending += chunk[0..<count]
                continue
            }
            let head = String(decoding: pending[0..<end], as: UTF8.self)
            let lines = head.components(separatedBy: "\r\n")
            let method = lines.first?.split(separator: " ").first.map(String.init) ?? "?"
            let length = lines.dropFirst()
                .first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            while pending.count < end + 4 + length {
                let count = read(client, &chunk, chunk.count)
                guard count > 0 else { return }
                pending += chunk[0..<count]
            }
            pending.removeFirst(end + 4 + length)
            let text = "\(method) \(length)"
            let reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(text.utf8.count)\r\n\r\n\(text)"
            let bytes = Array(reply.utf8)
            _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, bytes.count) }
        }
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}
