import ScreenVaxCore

/// Valid resident IDs for tests: region, birth date and sequence, with the check character
/// computed (GB 11643). An even sequence is a girl, an odd one a boy.
public enum TestIDs {
    /// - Parameters:
    ///   - born: `YYYY-MM-DD` or `YYYYMMDD`.
    ///   - sequence: the 3-digit order code; shorter numbers are padded with zeros.
    public static func residentID(born: String, region: String = "360102", sequence: Int = 2) -> String {
        residentID(born: born, region: region, sequenceDigits: String(sequence))
    }

    /// The order code as written, padded on the left with zeros to 3 digits.
    public static func residentID(born: String, region: String = "360102", sequenceDigits: String) -> String {
        let padded = String(repeating: "0", count: max(0, 3 - sequenceDigits.count)) + sequenceDigits
        let first17 = region + born.filter { $0 != "-" } + padded
        return first17 + String(ResidentID.checkCharacter(for: first17))
    }
}
