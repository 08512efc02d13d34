import Foundation

/// One pusher per registry database: `sync run` and a manual `sync push` must not send the same
/// records side by side. An flock on `<db>.sync-lock`; the kernel drops it when the process
/// dies, even by kill -9, so a crash never leaves a stale lock.
public final class SyncLock {
    private let fd: Int32
    public let path: String

    public init(databasePath: String) throws {
        path = databasePath + ".sync-lock"
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SyncError.configuration("cannot create the lock file \(path); check that its folder is writable") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SyncError.alreadyRunning(lockFile: path)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
