import CScreenVaxZlib
import Foundation
import ZIPFoundation

/// Inflates one deflated entry of the archive within its own compressed bytes.
///
/// ZIPFoundation 0.9.20's `Archive.extract` inflates on Linux by reading the archive file onwards until
/// zlib reports the end of the stream, and it offers zlib a full buffer however short the chunk read:
/// a deflate stream that does not end inside its entry (a few hundred crafted bytes) makes it read past
/// the chunk, and at the end of the file it loops for ever. So the entry's bytes are fed here instead,
/// to ZIPFoundation's own `Data.decompress` (zlib), by a provider that stops at the entry's compressed
/// size and pads a short chunk with bytes that are no valid deflate block: a stream that has not ended
/// by then is an error. ZIPFoundation still reads the archive's directory; the one thing taken from the
/// file here is where the entry's data starts (after its local header).
struct DeflatedEntry {
    let entry: Entry
    let file: FileHandle
    let chunkSize: Int

    /// Inflates the entry, handing each chunk to `consumer`; returns the CRC-32 of what came out.
    func inflate(_ consumer: (Data) throws -> Void) throws -> UInt32 {
        let start = try dataOffset()
        let total = entry.compressedSize
        var position: UInt64 = 0
        var crc = crc32(0, nil, 0)
        _ = try Data.decompress(size: Int64(clamping: total), bufferSize: chunkSize, skipCRC32: true, provider: { _, size in
            guard position < total else { throw DeflateProblem.streamDoesNotEnd }
            let count = Int(min(UInt64(size), total - position))
            try file.seek(toOffset: start + position)
            var data = try file.read(upToCount: count) ?? Data()
            guard data.count == count else { throw DeflateProblem.fileCutShort }
            position += UInt64(count)
            // 0xFF is a final block of the reserved type 3, which zlib refuses.
            if data.count < size { data.append(Data(repeating: 0xFF, count: size - data.count)) }
            return data
        }, consumer: { data in
            guard !data.isEmpty else { return }
            crc = data.withUnsafeBytes { crc32(crc, $0.bindMemory(to: UInt8.self).baseAddress, uInt(data.count)) }
            try consumer(data)
        })
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Where the entry's compressed bytes begin: its local header's offset (from the directory
    /// ZIPFoundation read) plus the header's fixed 30 bytes, file name and extra field.
    private func dataOffset() throws -> UInt64 {
        guard let offset = Mirror(reflecting: entry).descendant("centralDirectoryStructure", "relativeOffsetOfLocalHeader") as? UInt32,
              offset != .max else { throw DeflateProblem.noLocalHeader }
        try file.seek(toOffset: UInt64(offset))
        let header = [UInt8](try file.read(upToCount: 30) ?? Data())
        guard header.count == 30, header[0] == 0x50, header[1] == 0x4B, header[2] == 0x03, header[3] == 0x04 else {
            throw DeflateProblem.noLocalHeader
        }
        let nameLength = UInt64(header[26]) | UInt64(header[27]) << 8
        let extraLength = UInt64(header[28]) | UInt64(header[29]) << 8
        return UInt64(offset) + 30 + nameLength + extraLength
    }
}

enum DeflateProblem: Error {
    case streamDoesNotEnd, fileCutShort, noLocalHeader

    var description: String {
        switch self {
        case .streamDoesNotEnd: "the compressed data does not end where the archive says the part ends"
        case .fileCutShort: "the file is cut short"
        case .noLocalHeader: "the part's header is missing or damaged"
        }
    }
}
