/// The largest request bodies the server reads: a county's roster upload, and every other form or
/// JSON body. A body over its limit is answered 413 (when its Content-Length announces it, before
/// a byte of it is read).
public enum BodyLimit {
    public static let upload = 20 << 20
    public static let form = 1 << 20
}
