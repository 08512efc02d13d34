import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text encodings a CSV file (roster, lab file) arrives in.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case gb18030 = "GB18030"
}

/// Converts a stream of GB18030 (GBK is a subset) bytes to UTF-8, chunk by chunk, with glibc's iconv.
/// Bytes of a character split across chunks are kept for the next call.
final class GB18030Converter {
    private let handle: iconv_t
    private var pending: [UInt8] = []

    init() {
        handle = iconv_open("UTF-8", "GB18030")
    }

    deinit { iconv_close(handle) }

    /// Returns the UTF-8 for `bytes`, or nil when the input is not GB18030.
    func convert(_ bytes: ArraySlice<UInt8>, final: Bool) -> [UInt8]? {
        var input = pending + bytes
        pending = []
        if input.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        var failed = false
        let inputCount = input.count
        let outputCount = output.count
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                while inLeft > 0 {
                    let r = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                    if r == -1 {
                        if errno == EINVAL && !final { break }   // incomplete character at the end
                        failed = true
                        break
                    }
                }
            }
        }
        let consumed = inputCount - inLeft
        let produced = outputCount - outLeft
        if failed { return nil }
        if consumed < input.count { pending = Array(input[consumed...]) }
        return Array(output[0..<produced])
    }
}
