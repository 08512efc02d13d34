/// The workbook's shared strings (sharedStrings.xml), where Excel keeps every text cell's text once.
///
/// Cells refer to them by index in any order, so the table is held while the sheet is read: as one byte
/// buffer and an offset per string (a roster's IDs, names and phones are mostly distinct, and a `String`
/// each would cost several times their bytes), within `maxSharedStrings` and `maxSharedStringBytes`.
struct SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    subscript(index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return bytes[start..<Int(ends[index])].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    static func read(_ package: XLSXPackage, part: String?) throws -> SharedStrings {
        guard let part else { return SharedStrings() }
        let events = SharedStringEvents(limits: package.limits)
        try package.parse(part, with: events)
        return events.table
    }

    fileprivate mutating func append(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
        ends.append(UInt32(bytes.count))
    }
}

/// Collects each `<si>`'s text: plain (`<si><t>`) or rich text (the runs' `<t>`s concatenated), without
/// phonetic guides (`<rPh>`), with `_xHHHH_` escapes decoded.
private final class SharedStringEvents: XMLEvents {
    var table = SharedStrings()
    private let limits: SpreadsheetLimits
    private var text: [UInt8] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var totalBytes = 0

    init(limits: SpreadsheetLimits) { self.limits = limits }

    func start(_ name: XMLBytes, _ attributes: XMLAttributes) throws {
        if name == "si" {
            guard table.count < limits.maxSharedStrings else {
                throw CellProblem(kind: .tooLarge("more than \(limits.maxSharedStrings) shared strings"), row: nil, column: nil)
            }
            inItem = true
            text.removeAll(keepingCapacity: true)
        } else if name == "rPh" {
            phoneticDepth += 1
        } else if name == "t", inItem, phoneticDepth == 0 {
            inText = true
        }
    }

    func end(_ name: XMLBytes) throws {
        if name == "si" {
            let utf8 = text.contains(0x5F) ? Array(OOXMLText.unescape(text).utf8) : text
            guard OOXMLText.fits(utf8, characters: limits.maxCellCharacters) else {
                throw CellProblem(kind: .tooLong(limit: limits.maxCellCharacters), row: nil, column: nil)
            }
            totalBytes += utf8.count
            guard totalBytes <= limits.maxSharedStringBytes else {
                throw CellProblem(kind: .tooLarge("shared strings hold more than \(limits.maxSharedStringBytes) bytes"), row: nil, column: nil)
            }
            table.append(utf8)
            inItem = false
        } else if name == "rPh" {
            phoneticDepth = max(0, phoneticDepth - 1)
        } else if name == "t" {
            inText = false
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard inText else { return }
        // Four UTF-8 bytes per character at most: beyond that the string is too long whatever it holds.
        guard text.count + bytes.count <= limits.maxCellCharacters * 4 + 64 else {
            throw CellProblem(kind: .tooLong(limit: limits.maxCellCharacters), row: nil, column: nil)
        }
        text.append(contentsOf: bytes)
    }
}
