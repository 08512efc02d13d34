import ScreenVaxCore

/// Errors of the call queue, with a stable code and what to do.
public enum FollowUpError: UserError, Equatable {
    case callNotFound(String)
    case badOutcome(String)
    case badTime(String, field: String)
    case futureAttempt(String)
    case callClosed(call: String, status: String)
    case unreadableFile(String)
    case missingColumns([String], file: String)
    case badLimit(Int)

    public var code: String {
        switch self {
        case .callNotFound: "call_not_found"
        case .badOutcome: "bad_outcome"
        case .badTime: "bad_time"
        case .futureAttempt: "future_attempt"
        case .callClosed: "call_closed"
        case .unreadableFile: "unreadable_file"
        case .missingColumns: "missing_columns"
        case .badLimit: "bad_limit"
        }
    }

    public var kind: UserErrorKind {
        switch self {
        case .callNotFound: .notFound
        case .callClosed: .conflict
        default: .invalid
        }
    }

    public var message: String {
        switch self {
        case .callNotFound(let id):
            "no call \(id); take the call id from `screenvax calls list` or the export"
        case .badOutcome(let given):
            "outcome \"\(given)\" is not one of \(CallOutcome.allCases.map(\.rawValue).joined(separator: ", "))"
        case .badTime(let given, let field):
            "\(field) \"\(given)\" is not a time; write it as 2024-04-15T09:30 or 2024-04-15T09:30:00+08:00 (China Standard Time)"
        case .futureAttempt(let at):
            "the attempt time \(at) lies in the future; check the clock of the system that reported it"
        case .callClosed(let call, let status):
            "call \(call) is \(status): it takes no more attempts; plan the day again for open reasons"
        case .unreadableFile(let path):
            "cannot read \(path); check the path and that the file is CSV (UTF-8) or JSON"
        case .missingColumns(let columns, let file):
            "\(file) lacks the column(s) \(columns.joined(separator: ", ")); the header must name call_id, outcome and at"
        case .badLimit(let n):
            "limit \(n) is out of range; ask for 1 to 1000 calls"
        }
    }
}
