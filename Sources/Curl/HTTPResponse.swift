/// What the server answered: any status, 4xx and 5xx included (we never use CURLOPT_FAILONERROR,
/// which drops error bodies and closes the connection).
public struct HTTPResponse: Sendable {
    public let status: Int
    /// Header lines of the final response, names as sent.
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]
    /// Seconds from `Retry-After` (libcurl also turns an HTTP date into seconds); nil when absent.
    public let retryAfter: Int?
    /// "1.1" or "2".
    public let httpVersion: String
    /// Connections opened for this request: 0 when a kept-alive one was reused.
    public let newConnections: Int

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
