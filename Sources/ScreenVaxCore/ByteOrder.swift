import Foundation

extension String {
    /// Compares by UTF-8 bytes, which is Unicode code point order: -1, 0 or 1. Swift's `<` and `==`
    /// on non-ASCII text go through a normalising comparison, far slower; for NFC text the two
    /// orders agree.
    public func utf8Compare(_ other: String) -> Int {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                if n > 0, let xp = x.baseAddress, let yp = y.baseAddress {
                    let c = memcmp(xp, yp, n)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
    }
}
