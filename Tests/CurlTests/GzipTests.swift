import Compression
import Foundation
import ScreenVaxTestSupport
import Testing

@Suite struct GzipTests {
    @Test("compress then decompress gives the input back", arguments: [0, 1, 1000, 300_000])
    func roundTrip(size: Int) throws {
        let input = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 31 / 7) }
        let packed = try Gzip.compress(input)
        #expect(Array(packed.prefix(2)) == [0x1f, 0x8b])  // the gzip magic: a real gzip member
        #expect(try Gzip.decompress(packed) == input)
    }

    @Test func systemGzipReadsOurOutput() throws {
        let text = String(repeating: "{\"uuid\":\"abc\",\"name\":\"测试\"},", count: 2000)
        let folder = try TempFolder(prefix: "gz")
        let file = folder.url.appendingPathComponent("body.json.gz")
        try Data(try Gzip.compress(Array(text.utf8))).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: out, as: UTF8.self) == text)
    }

    @Test func truncatedInputIsAnError() throws {
        let packed = try Gzip.compress(Array(repeating: 65, count: 10_000))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array(packed.dropLast(8))) }
    }

    @Test func decompressionStopsAtTheLimit() throws {
        let packed = try Gzip.compress(Array(repeating: 0, count: 1 << 20))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(packed, limit: 1000) }
    }
}
