import ScreenVaxMacros

/// Where in the user's input a problem was found.
@PublicInit
public struct InputLocation: Hashable, Sendable, Codable {
    public var file: String?
    /// The row as a spreadsheet shows it: the header is row 1.
    public var row: Int?
    public var column: String?
    public var field: String?

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let row { parts.append("row \(row)") }
        if let column { parts.append("column \(column)") }
        if let field { parts.append("field \(field)") }
        return parts.joined(separator: ", ")
    }
}

/// What sort of problem a `UserError` is; it decides the HTTP status (422, 404, 409, 403, 503).
public enum UserErrorKind: String, Sendable, Codable, CaseIterable {
    /// The input is wrong: fix it and send it again.
    case invalid
    /// The record asked for does not exist (or is outside the caller's area).
    case notFound = "not_found"
    /// The input is well formed but clashes with what is stored (a duplicate, an illegal step).
    case conflict
    /// The caller may not do this.
    case forbidden
    /// The registry cannot take it now (the database is locked): try again shortly.
    case busy
}

/// An error a person can act on: a stable code, a kind, a message that says what is wrong and
/// what to do, and where it was found. Every room's error enum conforms; the CLI and the server
/// print it as is.
///
/// Messages never carry a full resident ID or phone number.
public protocol UserError: Error, CustomStringConvertible, Sendable {
    var code: String { get }
    var kind: UserErrorKind { get }
    var message: String { get }
    var location: InputLocation? { get }
}

extension UserError {
    public var location: InputLocation? { nil }
    /// Most errors are about the input; an enum names its other kinds case by case.
    public var kind: UserErrorKind { .invalid }

    public var description: String {
        if let location, !location.description.isEmpty {
            return "\(code): \(location.description): \(message)"
        }
        return "\(code): \(message)"
    }
}

/// Errors of the shared vocabulary: identity numbers, dates, programme files.
public enum CoreError: UserError, Equatable {
    case idLength(found: Int)
    case idFormat
    case idChecksum(expected: Character)
    case idBirthDate(String)
    case badDate(String, field: String)
    case badPhone
    case programme(file: String, field: String, problem: String)
    case schemasNotFound(searched: [String])
    case cannotWrite(String)

    public var code: String {
        switch self {
        case .idLength: "id_length"
        case .idFormat: "id_format"
        case .idChecksum: "id_checksum"
        case .idBirthDate: "id_birth_date"
        case .badDate: "bad_date"
        case .badPhone: "bad_phone"
        case .programme: "programme_invalid"
        case .schemasNotFound: "schemas_not_found"
        case .cannotWrite: "file_unwritable"
        }
    }

    /// Every core error is about what was given (an ID, a date, a file, a path).
    public var kind: UserErrorKind { .invalid }

    public var message: String {
        switch self {
        case .idLength(let n):
            "a resident ID has 18 characters, this one has \(n); copy it again from the ID card or household register"
        case .idFormat:
            "a resident ID is 17 digits followed by a digit or X; check for letters or punctuation"
        case .idChecksum(let expected):
            "the check character does not match (the first 17 digits give \(expected)); a digit was probably mistyped"
        case .idBirthDate(let text):
            "the birth date inside the ID (\(text)) does not exist or lies in the future; check digits 7 to 14"
        case .badDate(let text, let field):
            "\(field) \"\(text)\" is not a date; write it as 2009-05-01, 2009/5/1, 20090501 or 2009年5月1日"
        case .badPhone:
            "a phone number has 7 to 12 digits (mobile: 11 digits starting with 1); check the number"
        case .programme(let file, let field, let problem):
            "programme file \(file): field \(field): \(problem)"
        case .schemasNotFound(let searched):
            "cannot find the Schemas folder (looked in \(searched.joined(separator: ", "))); set SCREENVAX_SCHEMAS to its path"
        case .cannotWrite(let path):
            "cannot write \(path); check that the folder exists and is writable"
        }
    }
}
