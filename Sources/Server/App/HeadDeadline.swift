import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// HTTP/1 with a deadline on each request head: once the first byte of a request has arrived, its
/// request line and headers must be complete within `headerTimeout`, however slowly a client
/// trickles them (Hummingbird's idle timeout counts only whole HTTP parts, so a connection that
/// has sent half a request line is closed by it too, but only after the longer idle time).
struct HeadDeadlineChannel: ServerChildChannel {
    let base: HTTP1Channel
    let headerTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        channel.eventLoop.makeCompletedFuture {
            // Ahead of the HTTP decoder (after TLS, when there is TLS): it sees the bytes as they come.
            try channel.pipeline.syncOperations.addHandler(HeadDeadlineHandler(timeout: headerTimeout))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

enum RequestHeadEvent: Sendable {
    case received
    case responded
}

/// Closes the connection when a request head is still incomplete `timeout` after its first byte.
final class HeadDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    /// Requests whose head has arrived and whose response is not yet written: while there are any,
    /// the bytes that come are bodies (or pipelined requests), which the idle timeout watches.
    private var inFlight = 0
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if inFlight == 0, deadline == nil {
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                context.close(promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let event = event as? RequestHeadEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch event {
        case .received:
            inFlight += 1
            cancel()
        case .responded:
            inFlight = max(0, inFlight - 1)
        }
        promise?.succeed(())
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    private func cancel() {
        deadline?.cancel()
        deadline = nil
    }
}

/// Sits after Hummingbird's HTTP codec and reports heads and finished responses to
/// `HeadDeadlineHandler`, down the pipeline as user events.
final class HeadWatcher: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            context.triggerUserOutboundEvent(RequestHeadEvent.received, promise: nil)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd: Bool = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        if isEnd { context.triggerUserOutboundEvent(RequestHeadEvent.responded, promise: nil) }
    }
}
