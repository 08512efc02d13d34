import Foundation

/// Turns a worksheet's XML events into rows: each `<row>` with something in it becomes a `SheetRow`
/// (numbered as the sheet numbers it), handed to `emit` as soon as its end tag is read.
final class SheetEvents: XMLEvents {
    private enum Stored { case number, shared, inline, formulaText, boolean, error, isoDate }

    private let shared: SharedStrings
    private let styles: CellStyles
    private let system: ExcelDateSystem
    private let limits: SpreadsheetLimits
    private var merges: MergeFill
    private let emit: (SheetRow) throws -> Void

    private var inSheetData = false
    private var rowNumber = 0
    private var lastRow = 0
    private var cells: [Cell] = []
    private var filled = 0
    private var cellCount = 0

    private var column = -1
    private var style = 0
    private var stored = Stored.number
    private var inCell = false
    private var inValue = false
    private var inInline = false
    private var inInlineText = false
    private var phoneticDepth = 0
    private var text: [UInt8] = []

    init(shared: SharedStrings, styles: CellStyles, system: ExcelDateSystem, merges: [MergedRange],
         limits: SpreadsheetLimits, emit: @escaping (SheetRow) throws -> Void) {
        self.shared = shared
        self.styles = styles
        self.system = system
        self.limits = limits
        self.merges = MergeFill(ranges: merges, maxFills: limits.maxMergedFills)
        self.emit = emit
    }

    func start(_ name: XMLBytes, _ attributes: XMLAttributes) throws {
        if name == "c", inSheetData {
            let ref = attributes["r"].flatMap { SheetColumn.reference($0.buffer) }
            column = ref?.column ?? column + 1
            guard column < limits.maxColumns else { throw problem(.invalid("a cell beyond column XFD")) }
            style = attributes["s"]?.integer(upTo: Int(Int32.max)) ?? 0
            stored = Self.stored(attributes["t"])
            text.removeAll(keepingCapacity: true)
            inCell = true
        } else if name == "v" {
            inValue = inCell
        } else if name == "is" {
            inInline = true
        } else if name == "rPh" {
            phoneticDepth += 1
        } else if name == "t", inInline, phoneticDepth == 0 {
            inInlineText = true
        } else if name == "row", inSheetData {
            let number = attributes["r"].map { $0.integer(upTo: limits.maxRows) ?? -1 } ?? lastRow + 1
            guard number >= 1, number <= limits.maxRows else { throw problem(.invalid("a row number beyond 1 to \(limits.maxRows)")) }
            guard number > lastRow else { throw problem(.invalid("row \(number) comes after row \(lastRow)")) }
            rowNumber = number
            column = -1
            cells.removeAll(keepingCapacity: true)
            filled = 0
        } else if name == "sheetData" {
            inSheetData = true
        }
    }

    func end(_ name: XMLBytes) throws {
        if name == "c", inCell {
            inCell = false
            let cell = try makeCell()
            if !cell.isEmpty {
                if column >= cells.count { cells.append(contentsOf: repeatElement(Cell.empty, count: column - cells.count + 1)) }
                cells[column] = cell
                filled += 1
            }
        } else if name == "v" {
            inValue = false
        } else if name == "t" {
            inInlineText = false
        } else if name == "rPh" {
            phoneticDepth = max(0, phoneticDepth - 1)
        } else if name == "is" {
            inInline = false
        } else if name == "row", inSheetData {
            try finishRow()
        } else if name == "sheetData" {
            inSheetData = false
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard inValue || inInlineText else { return }
        guard text.count + bytes.count <= limits.maxCellCharacters * 4 + 64 else { throw problem(.tooLong(limit: limits.maxCellCharacters)) }
        text.append(contentsOf: bytes)
    }

    private func finishRow() throws {
        lastRow = rowNumber
        // Blank rows (nothing, or only formatting) are skipped; the rows after keep their own numbers.
        guard filled > 0 else { return }
        try merges.apply(row: rowNumber, to: &cells)
        while let last = cells.last, last.isEmpty { cells.removeLast() }
        cellCount += cells.count
        guard cellCount <= limits.maxCells else {
            throw problem(.tooLarge("more than \(limits.maxCells) cells (counting the empty cells between filled ones)"))
        }
        try emit(SheetRow(number: rowNumber, cells: cells))
    }

    private static func stored(_ type: XMLBytes?) -> Stored {
        guard let type else { return .number }
        if type == "s" { return .shared }
        if type == "inlineStr" { return .inline }
        if type == "str" { return .formulaText }
        if type == "b" { return .boolean }
        if type == "e" { return .error }
        if type == "d" { return .isoDate }
        return .number
    }

    private func makeCell() throws -> Cell {
        guard !text.isEmpty else { return .empty }
        switch stored {
        case .shared:
            guard let index = text.withUnsafeBufferPointer({ XMLBytes(base: $0.baseAddress, count: $0.count).integer(upTo: Int(Int32.max)) }),
                  let value = shared[index] else {
                throw problem(.invalid("a shared string that the workbook does not have (\(shared.count) shared strings)"))
            }
            return .string(value)
        case .inline, .formulaText:
            let value = text.contains(0x5F) ? Array(OOXMLText.unescape(text).utf8) : text
            guard OOXMLText.fits(value, characters: limits.maxCellCharacters) else { throw problem(.tooLong(limit: limits.maxCellCharacters)) }
            return .string(String(decoding: value, as: UTF8.self))
        case .boolean:
            let on = text == [0x31] || text == Array("true".utf8)
            return Cell(kind: .boolean, text: on ? "TRUE" : "FALSE", raw: String(decoding: text, as: UTF8.self))
        case .error:
            let code = String(decoding: text, as: UTF8.self)
            return Cell(kind: .error, text: code, raw: code)
        case .isoDate:
            let raw = String(decoding: text, as: UTF8.self)
            guard let date = CalendarDate(iso: raw.prefix(10)) else { throw problem(.invalid("a date cell that is not an ISO 8601 date")) }
            return Cell(kind: .date, text: date.iso, raw: raw, numberFormat: styles.format(style).code, date: date)
        case .number:
            let raw = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard let value = Double(raw), value.isFinite else { throw problem(.invalid("a number cell that holds no number")) }
            return NumberText.cell(raw: raw, value: value, format: styles.format(style), system: system)
        }
    }

    private func problem(_ kind: CellProblem.Kind) -> CellProblem {
        CellProblem(kind: kind, row: rowNumber > 0 ? rowNumber : nil, column: column >= 0 ? column : nil)
    }
}
