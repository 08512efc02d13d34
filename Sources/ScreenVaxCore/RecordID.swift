import Foundation
import Synchronization

/// Stable record identifiers, given once when a record is first written.
///
/// Time-ordered (UUID version 7: 48 bits of Unix milliseconds, then random bits), so that the
/// indexes on them grow at their end: a province-sized import then inserts into a few hot pages
/// instead of thrashing the page cache with random ones.
public enum RecordID {
    /// SplitMix64 seeded once from the system: a syscall per id would dominate a large import.
    struct SplitMix: Sendable {
        var seed: UInt64
        mutating func next() -> UInt64 {
            seed &+= 0x9E3779B97F4A7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    static let state = Mutex(SplitMix(seed: UInt64.random(in: .min ... .max)))

    public static func make(now: Date = Date()) -> String {
        let ms = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (40 - 8 * UInt64(i))) }
        let (r1, r2) = state.withLock { s in (s.next(), s.next()) }
        for i in 6..<8 { bytes[i] = UInt8(truncatingIfNeeded: r1 >> (8 * UInt64(i))) }
        for i in 8..<16 { bytes[i] = UInt8(truncatingIfNeeded: r2 >> (8 * UInt64(i - 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)   // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)   // RFC 4122 variant
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
