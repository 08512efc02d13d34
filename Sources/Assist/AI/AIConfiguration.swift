import Foundation

/// Where the external AI service is. The token is only put in the Authorization header: it is
/// never part of a description or a log line.
public struct AIConfiguration: Sendable {
    public var url: String
    public var token: String?
    public var timeoutMilliseconds: Int

    public init(url: String, token: String?, timeoutMilliseconds: Int = 2000) throws(AssistError) {
        self.url = try AIConfiguration.checkURL(url)
        self.token = token
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// https, or plain http to a loopback address (tests, a model on the same machine): what goes
    /// out is de-identified, but still health data.
    static func checkURL(_ text: String) throws(AssistError) -> String {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw .badAIURL(text, problem: "it is not a URL; give the full URL, e.g. https://ai.example/v1/advice")
        }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw .badAIURL(text, problem: "use https (plain http only to 127.0.0.1)")
        }
        return text
    }
}
