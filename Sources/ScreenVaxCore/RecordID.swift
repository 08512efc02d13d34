import Foundation
import Synchronization

/// Stable record identifiers, given once when a record is first written.
///
/// Time-ordered (UUID version 7: 48 bits of Unix milliseconds, then random bits), so that the
/// indexes on them grow at their end: a province-sized import then inserts into a few hot pages
/// instead of thrashing the page cache with random ones.
public enum RecordID {
    /// SplitMix64 seeded once from the system: a syscall per id would dominate a large import.
    static let state = Mutex(SplitMix64(seed: UInt64.random(in: .min ... .max)))

    public static func make(now: Date = Date()) -> String {
        let ms = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        let (r1, r2) = state.withLock { s in (s.next(), s.next()) }
        // 48 bits of milliseconds, version 7, 12 random bits; the RFC 4122 variant, 62 random bits.
        let high = (ms & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | (r1 & 0x0FFF)
        let low = 0x8000_0000_0000_0000 | (r2 & 0x3FFF_FFFF_FFFF_FFFF)
        // Written straight into the string's storage: an id per record, hundreds of thousands per import.
        return String(unsafeUninitializedCapacity: 36) { out in
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            var at = 0
            for i in 0..<32 {
                if i == 8 || i == 12 || i == 16 || i == 20 { out[at] = UInt8(ascii: "-"); at += 1 }
                let word = i < 16 ? high : low
                let nibble = Int((word >> UInt64(60 - 4 * (i % 16))) & 0xF)
                out[at] = digits[nibble]
                at += 1
            }
            return at
        }
    }
}
