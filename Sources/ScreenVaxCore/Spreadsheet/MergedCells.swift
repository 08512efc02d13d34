import Foundation

/// A merged range (`<mergeCell ref="A3:A40"/>`), 0-based columns and 1-based rows.
struct MergedRange: Equatable {
    let firstRow: Int
    let lastRow: Int
    let firstColumn: Int
    let lastColumn: Int

    init?(ref: String, limits: SpreadsheetLimits) {
        let ends = ref.split(separator: ":")
        guard ends.count == 2, let a = SheetColumn.reference(ends[0]), let b = SheetColumn.reference(ends[1]),
              let r1 = a.row, let r2 = b.row, r1 >= 1, r2 <= limits.maxRows, r1 <= r2, a.column <= b.column,
              b.column < limits.maxColumns else { return nil }
        firstRow = r1
        lastRow = r2
        firstColumn = a.column
        lastColumn = b.column
    }

    /// The sheet's merged ranges that span rows (the only ones that change what a row reads), in row order.
    ///
    /// `mergeCells` comes after all the rows in the sheet XML, so it is found before the rows are read:
    /// a pass over the inflated bytes looks for the element's name, and only a sheet that has it is parsed
    /// a first time for the ranges (most sheets a program writes have none).
    static func read(_ package: XLSXPackage, part: String) throws -> [MergedRange] {
        var seen = false
        var carry: [UInt8] = []
        let needle = Array("mergeCell".utf8)
        try package.inflate(part) { chunk in
            guard !seen else { return }
            let head = carry + UnsafeRawBufferPointer(rebasing: chunk.prefix(needle.count))
            seen = head.withUnsafeBytes { contains($0, needle) } || contains(chunk, needle)
            carry = Array(chunk.suffix(needle.count - 1))
        }
        guard seen else { return [] }
        let events = MergeEvents(limits: package.limits)
        try package.parse(part, with: events)
        return events.ranges.filter { $0.lastRow > $0.firstRow }.sorted { $0.firstRow < $1.firstRow }
    }

    /// Whether `needle` occurs in `haystack` (memchr for its first byte, then a compare).
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, let first = needle.first, haystack.count >= needle.count else { return false }
        var offset = 0
        let lastStart = haystack.count - needle.count
        while offset <= lastStart {
            guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return false }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, needle, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }
}

private final class MergeEvents: XMLEvents {
    var ranges: [MergedRange] = []
    private let limits: SpreadsheetLimits

    init(limits: SpreadsheetLimits) { self.limits = limits }

    func start(_ name: XMLBytes, _ attributes: XMLAttributes) throws {
        guard name == "mergeCell", let ref = attributes["ref"] else { return }
        guard ranges.count < limits.maxMergedRanges else {
            throw CellProblem(kind: .tooLarge("more than \(limits.maxMergedRanges) merged ranges"), row: nil, column: nil)
        }
        guard let range = MergedRange(ref: ref.string, limits: limits) else {
            throw CellProblem(kind: .invalid("a merged range that is not a range of cells"), row: nil, column: nil)
        }
        ranges.append(range)
    }

    func end(_ name: XMLBytes) throws {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

/// Gives each row of a range merged down rows the value of the range's top-left cell, in the range's
/// first column, as an importer needs it: a 地区 merged over forty girls is every girl's 地区. The other
/// columns of a merge read as the file stores them, which is empty.
struct MergeFill {
    private let ranges: [MergedRange]
    private var next = 0
    private var active: [(range: MergedRange, value: Cell)] = []
    private var fills = 0
    private let maxFills: Int

    init(ranges: [MergedRange], maxFills: Int) {
        self.ranges = ranges
        self.maxFills = maxFills
    }

    /// Applies the ranges to row `row`, whose own cells are `cells` (rows come in ascending order).
    mutating func apply(row: Int, to cells: inout [Cell]) throws {
        guard next < ranges.count || !active.isEmpty else { return }
        while next < ranges.count, ranges[next].firstRow <= row {
            let range = ranges[next]
            next += 1
            // A top-left cell in a row the file does not have is empty: nothing to repeat.
            guard range.firstRow == row, range.firstColumn < cells.count, !cells[range.firstColumn].isEmpty else { continue }
            var copy = cells[range.firstColumn]
            copy.isMergedCopy = true
            active.append((range, copy))
        }
        active.removeAll { $0.range.lastRow < row }
        for (range, value) in active where range.firstRow < row {
            fills += 1
            guard fills <= maxFills else {
                throw CellProblem(kind: .tooLarge("merged cells fill more than \(maxFills) cells"), row: row, column: range.firstColumn)
            }
            if range.firstColumn >= cells.count {
                cells.append(contentsOf: repeatElement(Cell.empty, count: range.firstColumn - cells.count + 1))
            }
            cells[range.firstColumn] = value
        }
    }
}
