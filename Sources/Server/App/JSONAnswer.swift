import HTTPTypes
import Hummingbird
import NIOCore
import ScreenVaxCore

/// JSON responses written from text the caller already encoded.
public enum JSONAnswer {
    public static func ok(_ json: String, status: Int = 200, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: .init(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    /// `{"error": {"code": ..., "message": ...}}`: a stable code a client can branch on.
    public static func error(_ status: Int, code: String, message: String, extra: HTTPFields = [:]) -> Response {
        var inner = JSONWriter()
        inner.string("code", code)
        inner.string("message", message)
        var outer = JSONWriter()
        outer.raw("error", inner.finished())
        return ok(outer.finished(), status: status, extra: extra)
    }
}
