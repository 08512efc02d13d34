import Foundation
import Logging
import Sync
import Testing

/// A log sink for the test: records what reached it.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    struct Line { let message: String; let metadata: Logger.Metadata }
    private let lock = NSLock()
    private var recorded: [Line] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        all.merge(event.metadata ?? [:]) { _, new in new }
        lock.withLock { recorded.append(Line(message: event.message.description, metadata: all)) }
    }

    var lines: [Line] { lock.withLock { recorded } }
}

@Suite struct EscapingLogTests {
    @Test func aNewlineInAUsernameCannotForgeASecondLine() {
        let sink = RecordingLogHandler()
        var logger = Logger(label: "test") { _ in EscapingLogHandler(sink) }
        logger[metadataKey: "user"] = "eve\nINFO admin logged in"
        logger.info("login failed for eve\r\nINFO login ok", metadata: [
            "attempt": "1\u{2028}2", "list": .array(["a\nb"]), "nested": .dictionary(["k\n": "v\u{1B}"]),
        ])
        let line = sink.lines.first
        #expect(sink.lines.count == 1)
        #expect(line?.message == "login failed for eve\\r\\nINFO login ok")
        #expect(line?.metadata["user"] == .string("eve\\nINFO admin logged in"))
        #expect(line?.metadata["attempt"] == .string("1\\u{2028}2"))
        #expect(line?.metadata["list"] == .array([.string("a\\nb")]))
        #expect(line?.metadata["nested"] == .dictionary(["k\\n": .string("v\\u{1B}")]))
    }

    @Test func ordinaryLinesPassUnchangedAndTheLevelIsTheWrappedHandlers() {
        let sink = RecordingLogHandler()
        var logger = Logger(label: "test") { _ in EscapingLogHandler(sink) }
        logger.logLevel = .warning
        logger.info("dropped")
        logger.warning("outbox drained", metadata: ["delivered": "1050"])
        #expect(sink.lines.map(\.message) == ["outbox drained"])
        #expect(sink.lines.first?.metadata == ["delivered": .string("1050")])
        #expect(sink.logLevel == .warning)
    }
}
