import ScreenVaxTestSupport
import Testing
@testable import ScreenVaxCore

/// Builds a valid ID from region, birth date and sequence, computing the check character.
func makeID(region: String = "360102", birth: String, sequence: String = "002") -> String {
    TestIDs.residentID(born: birth, region: region, sequenceDigits: sequence)
}

@Suite("Resident ID numbers (GB 11643-1999)")
struct ResidentIDTests {
    @Test("A published example validates: 11010519491231002X")
    func knownExample() throws {
        let id = try ResidentID("11010519491231002X")
        #expect(id.birthDate == CalendarDate(iso: "1949-12-31"))
        #expect(id.sex == .female)
        #expect(id.regionCode == "110105")
    }

    @Test("Normalisation: lower-case x, spaces, full-width spaces")
    func normalised() throws {
        #expect(try ResidentID(" 11010519491231002x ").value == "11010519491231002X")
        #expect(try ResidentID("\u{3000}11010519491231002X\t").value == "11010519491231002X")
    }

    @Test("Sex from the 17th digit", arguments: [("001", ResidentID.Sex.male), ("002", .female), ("019", .male), ("990", .female)])
    func sex(sequence: String, expected: ResidentID.Sex) throws {
        #expect(try ResidentID(makeID(birth: "20110510", sequence: sequence)).sex == expected)
    }

    @Test("Refusals with their codes", arguments: [
        ("36010220110510002", "id_length"),
        ("3601022011051000211", "id_length"),
        ("36010220110510A02X", "id_format"),
        ("3601022011051000Y2", "id_format"),
    ])
    func refusals(raw: String, code: String) {

        do { _ = try ResidentID(raw) } catch { #expect(error.code == code) }
    }

    @Test("A wrong check character is refused, naming the right one")
    func checksum() {
        let good = makeID(birth: "20110510")
        let wrongLast: Character = good.last == "1" ? "2" : "1"
        let bad = String(good.dropLast()) + String(wrongLast)
        do {
            _ = try ResidentID(bad)
            Issue.record("accepted a wrong check character")
        } catch {
            #expect(error == .idChecksum(expected: good.last!))
            #expect(!error.message.contains(bad))
        }
    }

    @Test("Birth dates that do not exist", arguments: ["20110229", "20111301", "20110431", "18991231", "20110000"])
    func impossibleDates(birth: String) {
        do {
            _ = try ResidentID(makeID(birth: birth))
            Issue.record("accepted \(birth)")
        } catch {
            #expect(error.code == "id_birth_date")
        }
    }

    @Test("Leap-day birth dates exist in leap years")
    func leapDay() throws {
        #expect(try ResidentID(makeID(birth: "20120229")).birthDate == CalendarDate(iso: "2012-02-29"))
    }

    @Test("A birth date after today is refused when today is given")
    func future() {
        let id = makeID(birth: "20270101")
        #expect(throws: CoreError.self) { try ResidentID(id, today: CalendarDate(iso: "2026-11-29")!) }
        #expect((try? ResidentID(id)) != nil)
    }

    @Test("Masking keeps the region code and the last four")
    func masking() {
        #expect(Masking.residentID("360102201105101234") == "360102********1234")
        #expect(Masking.phone("13812345678") == "138****5678")
        #expect(Masking.name("王小红") == "王**")
    }

    @Test("Phone numbers normalised", arguments: [("138 1234 5678", "13812345678"), ("+86 13812345678", "13812345678"), ("0791-86281234", "079186281234")])
    func phones(raw: String, expected: String) throws {
        #expect(try PhoneNumber.normalise(raw) == expected)
    }

    @Test("Bad phone numbers", arguments: ["12345", "2381234567a8", "23812345678"])
    func badPhones(raw: String) {
        #expect(throws: CoreError.badPhone) { try PhoneNumber.normalise(raw) }
    }
}
