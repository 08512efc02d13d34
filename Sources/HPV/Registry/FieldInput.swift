import ScreenVaxCore

/// The values a clinic types (on the command line, a form or a JSON body), checked before any use
/// case reads the register: each refusal names its field and keeps its code.
public enum FieldInput {
    /// Years a clinical date of this programme can have; anything else is a typing error.
    public static let years = CalendarDate.supportedYears

    public static func residentID(_ raw: String, field: String, today: CalendarDate) throws -> ResidentID {
        do { return try ResidentID(raw, today: today) } catch {
            throw HPVError.field(code: error.code, message: error.message, field: field)
        }
    }

    /// A date as forms write it (`2023-10-10`, `2023/10/10`, `2023年10月10日`) in `years`.
    public static func date(_ raw: String, field: String) throws -> CalendarDate {
        guard let day = FormDate.parse(raw), years.contains(day.year) else {
            throw HPVError.field(code: "bad_date", message: dateProblem(raw, field: field), field: field)
        }
        return day
    }

    /// A lot's expiry: a date, or a month meaning its last day (`DoseEntry.expiry`), in `years`.
    public static func expiry(_ raw: String, field: String) throws -> CalendarDate {
        guard let day = DoseEntry.expiry(raw) else {
            throw HPVError.field(code: "bad_date", message: dateProblem(raw, field: field) + " (or a month, 2025-06)", field: field)
        }
        return day
    }

    static func dateProblem(_ raw: String, field: String) -> String {
        "\(field) \"\(HPVError.clip(raw))\" is not a date between \(years.lowerBound) and \(years.upperBound); write it as 2023-10-10"
    }

    /// Free text, trimmed, at most `FieldLength.maxCharacters` characters.
    public static func text(_ raw: String, field: String) throws -> String {
        let t = raw.trimmingSpaces()
        do { try FieldLength.check(t, field: field) } catch {
            throw HPVError.field(code: error.code, message: error.message, field: field)
        }
        return t
    }

    /// A phone number (digits, an optional +86); empty stays empty.
    public static func phone(_ raw: String, field: String) throws -> String {
        let t = raw.trimmingSpaces()
        guard !t.isEmpty else { return "" }
        do { return try PhoneNumber.normalise(t) } catch {
            throw HPVError.field(code: error.code, message: error.message, field: field)
        }
    }
}
