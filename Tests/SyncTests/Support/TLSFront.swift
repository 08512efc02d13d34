import Foundation
import ScreenVaxTestSupport

/// Throwaway PKI made with the `openssl` command: a CA, a server certificate for 127.0.0.1, a
/// client certificate, and a second, unrelated CA.
struct TestPKI {
    let folder: TempFolder
    var ca: String { folder.path("ca.pem") }
    var otherCA: String { folder.path("other-ca.pem") }
    var serverCert: String { folder.path("server.pem") }
    var serverKey: String { folder.path("server.key") }
    var clientCert: String { folder.path("client.pem") }
    var clientKey: String { folder.path("client.key") }

    init(folder: TempFolder) throws {
        self.folder = folder
        let d = folder.url.path
        try TestPKI.shell("""
            set -e; cd '\(d)'
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=Test Platform CA' 2>/dev/null
            openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 2 -subj '/CN=Other CA' 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nextendedKeyUsage=serverAuth\\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile server.ext 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj '/CN=clinic-360102001' 2>/dev/null
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 -extfile client.ext 2>/dev/null
            """)
    }

    static func shell(_ script: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "openssl setup failed (exit \(p.terminationStatus))"])
        }
    }
}

/// A TLS front for the receiver: `socat` terminates TLS (requiring a client certificate signed
/// by the test CA) and forwards plain HTTP to the receiver on loopback.
final class TLSFront {
    let process = Process()
    let port: Int

    /// - Parameter maxVersion: the highest TLS version offered (`TLS1.2`), nil for socat's default.
    init(pki: TestPKI, port: Int, backendPort: Int, maxVersion: String? = nil) throws {
        self.port = port
        guard let socat = ["/usr/bin/socat", "/bin/socat"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "socat is required for the TLS tests (Scripts/setup.sh installs it)"])
        }
        // No inherited stdout: a socat left behind by a test that ends early must not hold
        // swift-test's output pipe open, which hangs the whole run.
        process.executableURL = URL(fileURLWithPath: socat)
        process.arguments = [
            "OPENSSL-LISTEN:\(port),bind=127.0.0.1,reuseaddr,fork,cert=\(pki.serverCert),key=\(pki.serverKey),cafile=\(pki.ca),verify=1"
                + (maxVersion.map { ",max-version=\($0)" } ?? ""),
            "TCP:127.0.0.1:\(backendPort)",
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // socat binds after it starts: the first connect waits for that, not for a fixed time.
        guard Poll.listening(port: port, seconds: 20) else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "socat did not listen on port \(port)"])
        }
    }

    deinit {
        // SIGKILL: the test process may have SIGTERM ignored, and ignored signals are inherited.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
