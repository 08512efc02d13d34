import Foundation

/// Reads a secret token from a file: its first line, trimmed. The one rule for every token file
/// the registry reads (API clients, the AI service, the sync platform): the file must be readable
/// and writable by its owner only, and the token at least `minimumLength` characters. The path
/// may appear in errors, the token never.
public enum TokenFile {
    public static let minimumLength = 32
    /// Token files are small; a larger file is not a token file.
    static let maximumBytes = 64 << 10

    public static func read(path: String) throws(TokenFileError) -> String {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path) }
        let mode = Int(info.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw .openToOthers(path, mode: mode) }
        guard info.st_size <= maximumBytes, let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { throw .unreadable(path) }
        guard token.count >= minimumLength else { throw .tooShort(path, minimum: minimumLength) }
        return token
    }
}

public enum TokenFileError: UserError, Equatable {
    case unreadable(String)
    case openToOthers(String, mode: Int)
    case tooShort(String, minimum: Int)

    public var code: String {
        switch self {
        case .unreadable: "token_file_unreadable"
        case .openToOthers: "token_file_mode"
        case .tooShort: "token_too_short"
        }
    }

    public var message: String {
        switch self {
        case .unreadable:
            "cannot read a token from this file: it must be a regular file whose first line is the token"
        case .openToOthers(let path, let mode):
            "group or others may read or write this file (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
        case .tooShort(let path, let n):
            "the token is shorter than \(n) characters; generate one with: openssl rand -hex 32 > \(path) && chmod 600 \(path)"
        }
    }

    public var location: InputLocation? {
        switch self {
        case .unreadable(let p), .openToOthers(let p, _), .tooShort(let p, _): InputLocation(file: p)
        }
    }
}
