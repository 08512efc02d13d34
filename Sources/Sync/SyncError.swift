import Curl
import ScreenVaxCore

/// Why a push stopped, in words the county engineer can act on. Never carries a token or a record.
public enum SyncError: UserError {
    case configuration(String)
    case tokenUnreadable(source: String)
    case authentication(status: Int, platformMessage: String)
    case tls(CurlError)
    case gaveUp(tries: Int, lastError: String)
    case unexpectedStatus(Int, platformMessage: String)
    case alreadyRunning(lockFile: String)
    case conflictsUnavailable(String)

    public var code: String {
        switch self {
        case .configuration: "sync_config"
        case .tokenUnreadable: "sync_token"
        case .authentication: "sync_auth"
        case .tls: "sync_tls"
        case .gaveUp: "sync_unreachable"
        case .unexpectedStatus: "sync_unexpected_status"
        case .alreadyRunning: "sync_running"
        case .conflictsUnavailable: "sync_conflicts"
        }
    }

    public var message: String {
        switch self {
        case .configuration(let what):
            what
        case .tokenUnreadable(let source):
            "cannot read the platform token from \(source); give --token-file F, SCREENVAX_SYNC_TOKEN_FILE or SCREENVAX_SYNC_TOKEN"
        case .authentication(let status, let text):
            "the platform refused our credentials (HTTP \(status)\(text.isEmpty ? "" : ": \(text)")); records stay pending. Check the token file and that this clinic is registered with the platform, then run sync again"
        case .tls(let error):
            error.description
        case .gaveUp(let tries, let last):
            "the platform did not take the batch after \(tries) tries (last: \(last)); records stay pending and go out on the next run"
        case .unexpectedStatus(let status, let text):
            "the platform answered HTTP \(status)\(text.isEmpty ? "" : ": \(text)"); check --endpoint (the full batch URL, e.g. https://platform.example/api/v1/batches)"
        case .alreadyRunning(let file):
            "another sync is already running on this database (lock \(file)); stop it first or wait for it to finish"
        case .conflictsUnavailable(let why):
            "the conflicts could not be brought back from the hub (\(why)); the ones already here are kept; the next pull tries again"
        }
    }
}
