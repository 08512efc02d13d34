import Testing
@testable import Accounts

struct SessionTokenTests {
    /// Stored token hashes are SHA-256 in hex: FIPS 180-4 example vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(input: String, hex: String) {
        #expect(SessionToken.hash(input) == hex)
    }

    @Test func tokensAreFreshAndLong() {
        let a = SessionToken.make(), b = SessionToken.make()
        #expect(a.count == 64 && b.count == 64 && a != b)
    }
}
