internal import CScreenVaxZlib
import Foundation

/// gzip (RFC 1952) through the system zlib.
///
/// libcurl decompresses responses but never compresses request bodies, so the sync client
/// compresses its batches here; the platform receiver uses `decompress` for
/// `Content-Encoding: gzip` bodies.
public enum Gzip {
    public enum Failure: Error, CustomStringConvertible {
        case zlib(String, Int32)
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .zlib(let step, let code): "gzip \(step) failed (zlib \(code))"
            case .tooLarge(let limit): "the decompressed body is larger than \(limit) bytes"
            }
        }
    }

    /// Level 1 is the default: JSON still shrinks about 5×, at a fraction of level 6's CPU.
    public static func compress(_ input: [UInt8], level: Int32 = 1) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        var status = cscreenvax_deflate_init_gzip(&stream, level)
        guard status == Z_OK else { throw .zlib("init", status) }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var produced = 0
        input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                status = deflate(&stream, Z_FINISH)
                produced = outBuf.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw .zlib("deflate", status) }
        output.removeSubrange(produced...)
        return output
    }

    /// Inflates a gzip (or zlib) body, refusing to grow past `limit` bytes (a zip bomb guard).
    public static func decompress(_ input: [UInt8], limit: Int = 256 << 20) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        var status = cscreenvax_inflate_init_auto(&stream)
        guard status == Z_OK else { throw .zlib("init", status) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(max(4096, input.count * 6))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var failure: Failure?
        input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: outBuf[0..<(outBuf.count - Int(stream.avail_out))])
                }
                if output.count > limit { failure = .tooLarge(limit: limit); return }
            } while status == Z_OK
        }
        if let failure { throw failure }
        guard status == Z_STREAM_END else { throw .zlib("inflate", status) }
        return output
    }
}
