import Compression
import Curl
import Foundation
import Logging
import ScreenVaxCore

/// Drains the outbox to the platform, batch by batch, over one kept-alive libcurl handle.
///
/// Blocking by design: it runs on its own thread (see `PushThread`), never on the Swift
/// concurrency pool, so a slow network cannot starve anything else in the process.
public final class Pusher {
    public struct Report: Sendable, Equatable {
        public var batches = 0
        public var delivered = 0
        public var rejected = 0
        public var failedTries = 0
    }

    let queue: SyncQueue
    let settings: SyncSettings
    let handle: EasyHandle
    let stop: StopSignal
    let clock: Clock
    let logger: Logger
    /// Shrinks when the platform refuses a whole batch (to isolate the bad record), grows back
    /// after each success.
    private var limit: Int

    public init(queue: SyncQueue, settings: SyncSettings, stop: StopSignal = StopSignal(), clock: Clock = .system,
                logger: Logger = Logger(label: "screenvax.sync")) throws {
        self.queue = queue
        self.settings = settings
        self.stop = stop
        self.clock = clock
        self.logger = logger
        do { handle = try EasyHandle(options: settings.transfer) } catch {
            throw SyncError.configuration(error.description)
        }
        limit = max(1, settings.batchSize)
    }

    /// Sends until the outbox has nothing sendable left or a stop is requested (the batch in
    /// flight is finished and recorded first).
    ///
    /// - Throws: `SyncError` for what retrying cannot fix (credentials, TLS, configuration), or
    ///   when `maxTries` consecutive tries failed. Records stay pending in every case.
    @discardableResult
    public func drain(maxBatches: Int = .max) throws -> Report {
        var report = Report()
        var failures = 0
        while !stop.isRequested && report.batches < maxBatches {
            guard let batch = try queue.nextBatch(limit: limit, now: clock.timestamp()) else { break }
            let started = Date()
            let response: HTTPResponse
            do {
                response = try send(batch)
            } catch {
                guard var error = error as? CurlError else { throw error }
                if error.kind == .network, settings.endpoint.lowercased().hasPrefix("https:"),
                   let tls = handle.tlsFailure(url: settings.endpoint) {
                    error = tls  // a TLS alert hidden behind a broken pipe: see EasyHandle.tlsFailure
                }
                if error.kind == .tls || error.kind == .setup {
                    try queue.failed(batch, error: error.description, now: clock.timestamp(), nextAttempt: nil)
                    throw error.kind == .tls ? SyncError.tls(error) : SyncError.configuration(error.description)
                }
                failures += 1
                report.failedTries += 1
                try retryLater(batch, error: error.description, failures: failures, retryAfter: nil)
                continue
            }
            let status = response.status
            let message = Pusher.platformMessage(response)
            switch status {
            case 200..<300:
                guard let outcomes = Pusher.outcomes(response, batch: batch) else {
                    failures += 1
                    report.failedTries += 1
                    try retryLater(batch, error: "HTTP \(status) without per-record results", failures: failures, retryAfter: nil)
                    continue
                }
                try queue.settle(batch, outcomes: outcomes, status: status, now: clock.timestamp())
                failures = 0
                report.batches += 1
                let rejected = outcomes.values.filter { $0 != .delivered }.count
                report.rejected += rejected
                report.delivered += outcomes.count - rejected
                limit = min(settings.batchSize, limit * 2)
                logger.debug("batch delivered", metadata: [
                    "batch": "\(batch.id.prefix(8))", "records": "\(batch.entries.count)", "rejected": "\(rejected)",
                    "http": "\(response.httpVersion)", "ms": "\(Int(Date().timeIntervalSince(started) * 1000))",
                ])
                if rejected > 0 {
                    logger.warning("platform rejected records; they are dead letters (see sync status)", metadata: ["count": "\(rejected)"])
                }
            case 401, 403:
                try queue.failed(batch, error: "HTTP \(status): authentication refused", now: clock.timestamp(), nextAttempt: nil)
                throw SyncError.authentication(status: status, platformMessage: message)
            case 408, 409, 425, 429, 500..<600:
                failures += 1
                report.failedTries += 1
                try retryLater(batch, error: "HTTP \(status): \(message)", failures: failures, retryAfter: response.retryAfter)
            case 400..<500:
                // The whole batch was refused: resend in halves until the bad record stands
                // alone; a batch of one is a dead letter and the rest keeps flowing.
                try queue.refuse(batch, status: status, message: "HTTP \(status): \(message)", now: clock.timestamp())
                if batch.entries.count == 1 { report.rejected += 1 }
                limit = max(1, batch.entries.count / 2)
                logger.warning("platform refused a batch; splitting it", metadata: ["http_status": "\(status)", "records": "\(batch.entries.count)"])
            default:
                try queue.failed(batch, error: "HTTP \(status): \(message)", now: clock.timestamp(), nextAttempt: nil)
                throw SyncError.unexpectedStatus(status, platformMessage: message)
            }
        }
        return report
    }

    // Plain `throws`: typed throws through this do/catch crashed the 6.3 compiler (SIL ownership).
    private func send(_ batch: OutboxBatch) throws -> HTTPResponse {
        var body = batch.body(sourceClinic: settings.sourceClinic)
        var headers = [
            "Content-Type: application/json",
            "Accept: application/json",
            "Authorization: Bearer \(settings.token)",
            // An RFC 8941 sf-string; the same key on every resend of this batch.
            "Idempotency-Key: \"\(batch.id)\"",
        ]
        if settings.gzip, let compressed = try? Gzip.compress(body) {
            body = compressed
            headers.append("Content-Encoding: gzip")
        }
        return try handle.post(url: settings.endpoint, headers: headers, body: body)
    }

    private func retryLater(_ batch: OutboxBatch, error: String, failures: Int, retryAfter: Int?) throws {
        if let maxTries = settings.maxTries, failures >= maxTries {
            try queue.failed(batch, error: error, now: clock.timestamp(), nextAttempt: nil)
            throw SyncError.gaveUp(tries: failures, lastError: error)
        }
        let wait = settings.backoff.delay(failures: failures, retryAfter: retryAfter)
        try queue.failed(batch, error: error, now: clock.timestamp(),
                         nextAttempt: Clock.timestamp(clock.now().addingTimeInterval(wait)))
        logger.warning("batch not delivered; retrying", metadata: [
            "error": "\(error)", "try": "\(failures)", "wait_s": "\(String(format: "%.2f", wait))",
        ])
        stop.wait(seconds: wait)
    }

    /// The platform's `{"error": "..."}`, else the start of its body; for messages, never logged whole.
    static func platformMessage(_ response: HTTPResponse) -> String {
        struct ErrorBody: Decodable { let error: String }
        if let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body)) { return decoded.error }
        return String(response.bodyText.prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Per-record results keyed by outbox seq; nil when the answer has none to read.
    static func outcomes(_ response: HTTPResponse, batch: OutboxBatch) -> [Int64: SyncQueue.Outcome]? {
        struct Answer: Decodable {
            struct Item: Decodable {
                let uuid: String
                let version: Int
                let status: String
                let message: String?
            }
            let results: [Item]
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body)) else { return nil }
        var seqs: [String: Int64] = [:]
        for e in batch.entries { seqs["\(e.uuid)#\(e.version)"] = e.seq }
        var out: [Int64: SyncQueue.Outcome] = [:]
        for item in answer.results {
            guard let seq = seqs["\(item.uuid)#\(item.version)"] else { continue }
            switch item.status {
            case "stored", "duplicate", "accepted": out[seq] = .delivered
            case "rejected": out[seq] = .rejected(message: item.message ?? "rejected by the platform")
            default: continue
            }
        }
        return out
    }
}
