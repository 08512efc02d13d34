import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Encodes text as GB18030, as Excel on Chinese Windows saves CSV files (for test files and demos).
public enum GB18030Encoder {
    public static func encode(_ text: String) throws -> Data {
        let handle = iconv_open("GB18030", "UTF-8")
        defer { iconv_close(handle) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let outputCount = output.count
        var ok = true
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                if inLeft > 0 && iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { ok = false }
            }
        }
        guard ok else { throw CoreError.cannotWrite("(GB18030 text)") }
        return Data(output[0..<(outputCount - outLeft)])
    }
}
