import Logging
import ScreenVaxCore

/// Wraps the process's log handler so that no control character of a message or a metadata value
/// reaches a log line as it is (`LogText.escaped`): a newline in a username cannot forge a second
/// line. The command line's logging bootstrap puts it around every handler (`sync`, `serve`).
public struct EscapingLogHandler: LogHandler {
    public var wrapped: any LogHandler
    /// Kept here, not in the wrapped handler, so that it is escaped like the rest.
    public var metadata: Logger.Metadata = [:]

    public init(_ wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        var escaped: Logger.Metadata = [:]
        for (key, value) in merged { escaped[LogText.escaped(key)] = EscapingLogHandler.escape(value) }
        var safe = event
        safe.message = "\(LogText.escaped(event.message.description))"
        safe.metadata = escaped.isEmpty ? nil : escaped
        safe.error = event.error.map { EscapedError(description: LogText.escaped(String(describing: $0))) }
        wrapped.log(event: safe)
    }

    /// An error's text, escaped, in place of the error a handler would print.
    struct EscapedError: Error, CustomStringConvertible {
        let description: String
    }

    static func escape(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let s): .string(LogText.escaped(s))
        case .stringConvertible(let c): .string(LogText.escaped(c.description))
        case .array(let items): .array(items.map(escape))
        case .dictionary(let d): .dictionary(Dictionary(uniqueKeysWithValues: d.map { (LogText.escaped($0.key), escape($0.value)) }))
        }
    }
}
