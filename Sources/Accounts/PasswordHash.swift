import HummingbirdBcrypt
import Synchronization

/// bcrypt hashes of passwords (`$2b$10$...`): the clinic's accounts and the hub's officers.
public enum PasswordHash {
    public static func make(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: min(max(cost, 4), 31))
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// The cost a hash was made with (`$2b$04$...` → 4), or nil when it is not a bcrypt hash.
    static func cost(of hash: String) -> UInt8? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty, parts[2].count == 2 else { return nil }
        return UInt8(parts[2])
    }

    /// Whether a stored hash should be made again at the configured cost (after a successful login).
    static func needsRenewal(_ hash: String, cost: UInt8) -> Bool {
        (self.cost(of: hash) ?? 0) < min(max(cost, 4), 31)
    }

    private static let decoys = Mutex<[UInt8: String]>([:])

    /// A hash no password matches, of the given cost: checking an unknown name against it takes as
    /// long as checking a real user's password.
    public static func decoy(cost: UInt8) -> String {
        if let known = decoys.withLock({ $0[cost] }) { return known }
        let made = make("decoy password that matches nothing", cost: cost)
        decoys.withLock { $0[cost] = made }
        return made
    }
}
