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
}
