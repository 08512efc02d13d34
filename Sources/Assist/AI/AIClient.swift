import Curl
import Dispatch
import Foundation
import Logging

/// Asks the external AI service for advice. Never throws: a slow, failing or malformed answer is
/// an outcome the hook records, and the rule cards go back alone.
public struct AIClient: Sendable {
    public enum Outcome: Sendable, Equatable {
        case answered(AIAnswer)
        case timeout
        case failed(String)
        case malformed

        /// The audit's word for it.
        public var code: String {
            switch self {
            case .answered: "ok"
            case .timeout: "timeout"
            case .failed: "error"
            case .malformed: "malformed"
            }
        }
    }

    public let configuration: AIConfiguration

    public init(configuration: AIConfiguration) { self.configuration = configuration }

    public func advise(_ request: AIRequest) async -> Outcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(request) else { return .failed("request not encodable") }
        let configuration = self.configuration
        // libcurl blocks its thread for up to the timeout: on a Dispatch thread, not on one of the
        // few threads that run every request's async work.
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: AIClient.post(Array(body), configuration: configuration))
            }
        }
    }

    static func post(_ body: [UInt8], configuration: AIConfiguration) -> Outcome {
        let seconds = Double(configuration.timeoutMilliseconds) / 1000
        var headers = ["Content-Type: application/json", "Accept: application/json"]
        if let token = configuration.token { headers.append("Authorization: Bearer \(token)") }
        do {
            let handle = try EasyHandle(options: TransferOptions(connectTimeout: seconds, totalTimeout: seconds))
            let response = try handle.post(url: configuration.url, headers: headers, body: body)
            guard response.status == 200 else { return .failed("HTTP \(response.status)") }
            return AIAnswer.parse(response.body).map(Outcome.answered) ?? .malformed
        } catch {
            return error.kind == .timeout ? .timeout : .failed(error.kind.rawValue)
        }
    }
}
