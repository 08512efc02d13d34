import Foundation
import ScreenVaxCore

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
        switch OutboundURL.problem(text) {
        case .notAURL: throw .badAIURL(text, problem: "it is not a URL; give the full URL, e.g. https://ai.example/v1/advice")
        case .insecure: throw .badAIURL(text, problem: "use https (plain http only to 127.0.0.1)")
        case nil: break
        }
        return text
    }
}
