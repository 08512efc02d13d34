internal import CScreenVaxCurl
import Foundation

/// One libcurl easy handle, kept for many requests so the connection (and its TLS session)
/// stays alive between them.
///
/// Not Sendable: libcurl allows one thread per handle at a time. The sync engine owns one and
/// drives it from its own thread.
public final class EasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let sink = ResponseSink()
    public let options: TransferOptions

    /// libcurl's global setup must run once before any handle exists; a static let runs it once.
    private static let globalInit: Int32 = Int32(curl_global_init(cscreenvax_global_all()).rawValue)

    /// The libcurl version string, e.g. "7.88.1".
    public static var version: String { String(cString: cscreenvax_version()) }

    public init(options: TransferOptions) throws(CurlError) {
        guard EasyHandle.globalInit == 0, let h = curl_easy_init() else {
            throw CurlError(kind: .setup, code: Int(EasyHandle.globalInit), detail: "curl_easy_init failed")
        }
        handle = h
        self.options = options
        let size = Int(cscreenvax_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        do { try configure() } catch {
            curl_easy_cleanup(handle)
            errorBuffer.deallocate()
            throw error
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(cscreenvax_setopt_long(handle, option, value), what: option)
    }

    private func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        // libcurl copies string options (since 7.17), so a temporary C string is enough.
        try check(value.withCString { cscreenvax_setopt_string(handle, option, $0) }, what: option)
    }

    private func check(_ code: CURLcode, what: CURLoption) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError(kind: .setup, code: Int(code.rawValue),
                            detail: "option \(what.rawValue): " + String(cString: curl_easy_strerror(code)))
        }
    }

    private func configure() throws(CurlError) {
        try set(CURLOPT_NOSIGNAL, 1)  // threaded program: no SIGALRM for DNS timeouts
        try check(cscreenvax_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), what: CURLOPT_ERRORBUFFER)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        try set(CURLOPT_TIMEOUT_MS, Int(options.totalTimeout * 1000))
        try set(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytes)
        try set(CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let ca = options.caFile { try set(CURLOPT_CAINFO, ca) }
        if let cert = options.clientCertificate { try set(CURLOPT_SSLCERT, cert) }
        if let key = options.clientKey { try set(CURLOPT_SSLKEY, key) }
        try set(CURLOPT_HTTP_VERSION, cscreenvax_http_version_2tls())  // h2 over TLS when offered
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 0)  // never replay a POST somewhere else
        try set(CURLOPT_ACCEPT_ENCODING, "")  // any encoding libcurl can decode
        try set(CURLOPT_NOPROXY, "127.0.0.1,localhost,::1")  // loopback never goes through a proxy
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try check(cscreenvax_setopt_write_function(handle, ResponseSink.onBody), what: CURLOPT_WRITEFUNCTION)
        try check(cscreenvax_setopt_pointer(handle, CURLOPT_WRITEDATA, context), what: CURLOPT_WRITEDATA)
        try check(cscreenvax_setopt_header_function(handle, ResponseSink.onHeader), what: CURLOPT_HEADERFUNCTION)
        try check(cscreenvax_setopt_pointer(handle, CURLOPT_HEADERDATA, context), what: CURLOPT_HEADERDATA)
    }

    /// POSTs `body` to `url` and returns whatever status came back.
    ///
    /// - Parameter headers: full header lines ("Name: value"). An empty `Expect:` is always added
    ///   so large bodies do not wait for a `100 Continue` the server may never send.
    /// - Throws: `CurlError` when no HTTP answer arrived (connect, TLS, timeout, broken link).
    public func post(url: String, headers: [String], body: [UInt8]) throws(CurlError) -> HTTPResponse {
        try transfer(url: url, headers: headers + ["Expect:"]) { () throws(CurlError) -> CURLcode in
            try set(CURLOPT_POST, 1)
            try check(cscreenvax_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
                      what: CURLOPT_POSTFIELDSIZE_LARGE)
            // POSTFIELDS does not copy: the buffer stays pinned for the whole perform.
            return body.withUnsafeBytes { raw -> CURLcode in
                let base = UnsafeMutableRawPointer(mutating: raw.baseAddress) ?? UnsafeMutableRawPointer(errorBuffer)
                let setCode = cscreenvax_setopt_pointer(handle, CURLOPT_POSTFIELDS, base)
                guard setCode == CURLE_OK else { return setCode }
                let result = curl_easy_perform(handle)
                _ = cscreenvax_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil)
                return result
            }
        }
    }

    /// GETs `url` (tests and probes of our own endpoints use it; the sync engine only POSTs).
    public func get(url: String, headers: [String]) throws(CurlError) -> HTTPResponse {
        try transfer(url: url, headers: headers) { () throws(CurlError) -> CURLcode in
            try set(CURLOPT_HTTPGET, 1)
            return curl_easy_perform(handle)
        }
    }

    /// One request: resets the answer, sets the URL and header lines, lets `perform` set the
    /// method and run it, and reads the answer.
    private func transfer(url: String, headers: [String], perform: () throws(CurlError) -> CURLcode) throws(CurlError) -> HTTPResponse {
        sink.reset()
        errorBuffer[0] = 0
        var list: UnsafeMutablePointer<curl_slist>?
        for line in headers { list = curl_slist_append(list, line) }
        defer {
            // libcurl keeps the pointer, not a copy: unset it before freeing, or the next transfer
            // on this handle (the TLS probe) reads freed memory.
            _ = cscreenvax_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
            curl_slist_free_all(list)
        }
        try set(CURLOPT_URL, url)
        try check(cscreenvax_setopt_slist(handle, CURLOPT_HTTPHEADER, list), what: CURLOPT_HTTPHEADER)
        return try response(perform())
    }

    /// The answer of the transfer that just ended with `code`, or the error that stopped it.
    private func response(_ code: CURLcode) throws(CurlError) -> HTTPResponse {
        guard code == CURLE_OK else {
            var detail = String(cString: errorBuffer)
            if detail.isEmpty { detail = String(cString: curl_easy_strerror(code)) }
            let raw = Int(code.rawValue)
            throw CurlError(kind: CurlError.kind(code: raw, detail: detail), code: raw, detail: detail)
        }
        var status = 0, version = 0, connects = 0
        _ = cscreenvax_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        _ = cscreenvax_getinfo_long(handle, CURLINFO_HTTP_VERSION, &version)
        _ = cscreenvax_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        var retryAfter: curl_off_t = 0
        _ = cscreenvax_getinfo_off(handle, CURLINFO_RETRY_AFTER, &retryAfter)
        return HTTPResponse(
            status: status, headers: sink.headers, body: sink.body,
            retryAfter: sink.hasRetryAfter ? Int(retryAfter) : nil,
            httpVersion: version >= 3 ? "2" : "1.1", newConnections: connects)
    }
}

extension EasyHandle {
    /// Asks for `url` with a bodiless HEAD on a fresh connection and returns the TLS error, if
    /// that is what breaks it.
    ///
    /// Why: under TLS 1.3 a server that wants a client certificate says so in an alert *after*
    /// the handshake. A POST with a large body is usually still writing when the server hangs up,
    /// so libcurl reports a broken pipe (55/56), which looks like a flaky network and would be
    /// retried forever. A request without a body reads the alert and names the real cause.
    public func tlsFailure(url: String) -> CurlError? {
        do {
            try set(CURLOPT_URL, url)
            try check(cscreenvax_setopt_slist(handle, CURLOPT_HTTPHEADER, nil), what: CURLOPT_HTTPHEADER)
            try check(cscreenvax_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil), what: CURLOPT_POSTFIELDS)
            try set(CURLOPT_NOBODY, 1)
            try set(CURLOPT_FRESH_CONNECT, 1)
        } catch { return nil }
        defer {
            _ = try? set(CURLOPT_NOBODY, 0)
            _ = try? set(CURLOPT_FRESH_CONNECT, 0)
        }
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        guard code != CURLE_OK else { return nil }
        var detail = String(cString: errorBuffer)
        if detail.isEmpty { detail = String(cString: curl_easy_strerror(code)) }
        let raw = Int(code.rawValue)
        let kind = CurlError.kind(code: raw, detail: detail)
        return kind == .tls ? CurlError(kind: .tls, code: raw, detail: detail) : nil
    }
}

/// Collects one response's body and header lines; libcurl calls in with it as userdata.
private final class ResponseSink {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var hasRetryAfter = false

    func reset() {
        body.removeAll(keepingCapacity: true)
        headers.removeAll(keepingCapacity: true)
        hasRetryAfter = false
    }

    static let onBody: cscreenvax_data_callback = { data, size, count, context in
        let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
        let n = size * count
        if let data { data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) } }
        return n
    }

    static let onHeader: cscreenvax_data_callback = { data, size, count, context in
        let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
        let n = size * count
        guard let data else { return n }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: n) {
            String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
        }.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue, say): keep only the final response's headers.
            sink.headers.removeAll(keepingCapacity: true)
            sink.hasRetryAfter = false
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "retry-after" { sink.hasRetryAfter = true }
            sink.headers.append((name, value))
        }
        return n
    }
}
