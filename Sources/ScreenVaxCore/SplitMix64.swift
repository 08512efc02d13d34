/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator whose whole state is one
/// word, so that a seed gives the same sequence on every machine (synthetic rosters, demo data,
/// benchmarks). Not for secrets: record ids use it seeded from the system, tokens never do.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range` (modulo the range's size: the demo's sequences depend on exactly this).
    public mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A number in 0..<n; 0 without drawing when n is 0 or 1.
    public mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// True with probability `p`, to a millionth.
    public mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// A double in [0, 1) from the top 53 bits.
    public mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
