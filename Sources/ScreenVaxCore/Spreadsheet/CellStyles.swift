/// The number format of each cell format (styles.xml `cellXfs`), which is all a reader needs of the
/// styles: it tells a date (a number shown as a date) from a plain number, and how the number reads.
struct CellStyles {
    private var formats: [NumberFormat] = []

    /// The number format of a cell's `s` attribute; General when the cell has none or it is out of range.
    func format(_ index: Int) -> NumberFormat {
        index >= 0 && index < formats.count ? formats[index] : .general
    }

    static func read(_ package: XLSXPackage, part: String?) throws -> CellStyles {
        guard let part else { return CellStyles() }
        let events = StyleEvents(maxStyles: package.limits.maxStyles)
        try package.parse(part, with: events, maxBytes: package.limits.maxSmallPartBytes)
        var styles = CellStyles()
        // The same format id usually serves many cell formats: classify each once.
        var byID: [Int: NumberFormat] = [:]
        for id in events.cellFormatIDs {
            if let known = byID[id] {
                styles.formats.append(known)
            } else {
                let format = events.customFormats[id].map(NumberFormat.init(code:)) ?? NumberFormat.builtIn(id)
                byID[id] = format
                styles.formats.append(format)
            }
        }
        return styles
    }
}

private final class StyleEvents: XMLEvents {
    var customFormats: [Int: String] = [:]
    var cellFormatIDs: [Int] = []
    private var inCellFormats = false
    private let maxStyles: Int

    init(maxStyles: Int) { self.maxStyles = maxStyles }

    func start(_ name: XMLBytes, _ attributes: XMLAttributes) throws {
        if name == "numFmt" {
            guard customFormats.count < maxStyles else { throw tooMany() }
            if let id = attributes["numFmtId"]?.integer(upTo: 1 << 20), let code = attributes["formatCode"] {
                customFormats[id] = code.string
            }
        } else if name == "cellXfs" {
            inCellFormats = true
        } else if name == "xf", inCellFormats {
            // cellStyleXfs holds xf elements too; only cellXfs' are what a cell's s attribute indexes.
            guard cellFormatIDs.count < maxStyles else { throw tooMany() }
            cellFormatIDs.append(attributes["numFmtId"]?.integer(upTo: 1 << 20) ?? 0)
        }
    }

    func end(_ name: XMLBytes) throws {
        if name == "cellXfs" { inCellFormats = false }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}

    private func tooMany() -> CellProblem {
        CellProblem(kind: .tooLarge("more than \(maxStyles) number or cell formats"), row: nil, column: nil)
    }
}
