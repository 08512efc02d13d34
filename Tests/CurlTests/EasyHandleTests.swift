import Curl
import Foundation
import Testing

@Suite struct EasyHandleTests {
    @Test func nothingListeningIsAConnectErrorWorthRetrying() throws {
        // Port 9 (discard) on loopback: nothing listens there in the test sandbox.
        let handle = try EasyHandle(options: TransferOptions(connectTimeout: 2, totalTimeout: 5))
        do {
            _ = try handle.post(url: "http://127.0.0.1:9/api/v1/batches", headers: [], body: Array("{}".utf8))
            Issue.record("a POST to a closed port cannot succeed")
        } catch {
            #expect(error.kind == .connect)
            #expect(error.isRetryable)
        }
    }

    @Test func unsupportedSchemeIsASetupError() throws {
        let handle = try EasyHandle(options: TransferOptions())
        do {
            _ = try handle.post(url: "ftp://127.0.0.1/x", headers: [], body: [])
            Issue.record("ftp is not among the allowed protocols")
        } catch {
            #expect(error.kind == .setup)
            #expect(!error.isRetryable)
        }
    }

    @Test("libcurl codes sort into what to do", arguments: [
        (60, "SSL certificate problem: unable to get local issuer certificate", CurlError.Kind.tls),
        (35, "OpenSSL SSL_connect: Connection reset by peer", .tls),
        (58, "could not load PEM client certificate", .tls),
        (56, "OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required", .tls),
        (56, "Recv failure: Connection reset by peer", .network),
        (52, "Empty reply from server", .network),
        (7, "Failed to connect to 127.0.0.1 port 9", .connect),
        (28, "Operation timed out after 5000 milliseconds", .timeout),
        (3, "URL using bad/illegal format", .setup),
    ])
    func classification(code: Int, detail: String, kind: CurlError.Kind) {
        #expect(CurlError.kind(code: code, detail: detail) == kind)
    }
}
