/// Text as SpreadsheetML stores it: XML cannot hold most control characters, so Excel writes them as
/// `_xHHHH_` (a line break typed with Alt+Enter on Windows is `_x000D_` + LF), and a literal `_x` that
/// would look like one is written `_x005F_x`.
enum OOXMLText {
    /// Decodes `_xHHHH_` escapes in stored text.
    static func unescape(_ bytes: [UInt8]) -> String {
        guard bytes.contains(0x5F) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
               let code = hex(bytes[(i + 2)..<(i + 6)]), let scalar = Unicode.Scalar(code) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 7
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether UTF-8 text has at most `characters` characters, counted as Excel does (UTF-16 units).
    static func fits(_ utf8: [UInt8], characters: Int) -> Bool {
        if utf8.count <= characters { return true }
        return String(decoding: utf8, as: UTF8.self).utf16.count <= characters
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for b in bytes {
            let digit: UInt8
            switch b {
            case 48...57: digit = b - 48
            case 65...70: digit = b - 55
            case 97...102: digit = b - 87
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Text for an element's content: XML's five special characters escaped, control characters (and
    /// carriage returns, which XML parsers would turn into line feeds) as `_xHHHH_`, and `_x` escaped.
    static func escape(_ text: String, into out: inout [UInt8]) {
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case 0x26: out.append(contentsOf: Array("&amp;".utf8))
            case 0x3C: out.append(contentsOf: Array("&lt;".utf8))
            case 0x3E: out.append(contentsOf: Array("&gt;".utf8))
            case 0x22: out.append(contentsOf: Array("&quot;".utf8))
            case 0x09, 0x0A: out.append(b)
            case 0x00...0x1F:
                out.append(contentsOf: Array("_x00".utf8))
                out.append(contentsOf: hexByte(b))
                out.append(0x5F)
            case 0x5F where i + 1 < utf8.count && utf8[i + 1] == 0x78:
                out.append(contentsOf: Array("_x005F_".utf8))
            default:
                // U+FFFE and U+FFFF are not XML characters (EF BF BE / EF BF BF).
                if b == 0xEF, i + 2 < utf8.count, utf8[i + 1] == 0xBF, utf8[i + 2] >= 0xBE {
                    out.append(contentsOf: Array("_xFFF".utf8))
                    out.append(utf8[i + 2] == 0xBE ? 0x45 : 0x46)
                    out.append(0x5F)
                    i += 3
                    continue
                }
                out.append(b)
            }
            i += 1
        }
    }

    private static func hexByte(_ b: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(b >> 4)], digits[Int(b & 0x0F)]]
    }
}
