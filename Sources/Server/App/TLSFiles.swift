import Foundation
import HummingbirdTLS

/// The certificate chain and private key `serve --tls-cert --tls-key` answers HTTPS with, read
/// and checked before the server starts (TLS 1.2 at least).
public struct TLSFiles: Sendable {
    public let configuration: TLSConfiguration

    public init(certificate: String, key: String) throws(ServeSetupError) {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificate) } catch {
            throw .tlsFile(path: certificate, reason: TLSFiles.reason(error, reading: certificate))
        }
        guard !chain.isEmpty else { throw .tlsFile(path: certificate, reason: "it holds no PEM certificate") }
        let privateKey: NIOSSLPrivateKey
        do { privateKey = try NIOSSLPrivateKey(file: key, format: .pem) } catch {
            throw .tlsFile(path: key, reason: TLSFiles.reason(error, reading: key))
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        self.configuration = configuration
    }

    static func reason(_ error: any Error, reading path: String) -> String {
        FileManager.default.isReadableFile(atPath: path) ? "not a PEM file of the expected kind" : "the file cannot be read"
    }
}
