import Foundation

/// The workbook part of an xlsx file: its worksheets in tab order, where each one is, the date system,
/// and where the shared strings and styles are (found through the relationships, as Excel does, not by
/// assuming `xl/workbook.xml`).
struct Workbook {
    struct Sheet: Equatable {
        let name: String
        let part: String
        let visible: Bool
    }

    let sheets: [Sheet]
    let dateSystem: ExcelDateSystem
    let sharedStringsPart: String?
    let stylesPart: String?

    static func read(_ package: XLSXPackage) throws -> Workbook {
        var workbookPart = "xl/workbook.xml"
        if package.contains("_rels/.rels") {
            let root = try relationships(package, "_rels/.rels", source: "")
            if let office = root.values.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPart = office.target }
        }
        guard package.contains(workbookPart) else {
            throw SpreadsheetError.invalid(file: package.fileName, part: workbookPart,
                                           problem: "no workbook in the archive (it is a ZIP file but not an Excel workbook)")
        }
        let links = try relationships(package, XLSXPackage.relationshipsPart(of: workbookPart), source: workbookPart)
        let events = WorkbookEvents(maxSheets: package.limits.maxSheets)
        try package.parse(workbookPart, with: events, maxBytes: package.limits.maxSmallPartBytes)
        var sheets: [Sheet] = []
        for entry in events.sheets {
            guard let link = links[entry.relationship], link.type.hasSuffix("/worksheet") else { continue }
            sheets.append(Sheet(name: entry.name, part: link.target, visible: entry.visible))
        }
        guard !sheets.isEmpty else {
            throw SpreadsheetError.invalid(file: package.fileName, part: workbookPart, problem: "the workbook has no worksheet")
        }
        let shared = links.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
        let styles = links.values.first { $0.type.hasSuffix("/styles") }?.target
        return Workbook(sheets: sheets, dateSystem: events.date1904 ? .excel1904 : .excel1900,
                        sharedStringsPart: shared.flatMap { package.contains($0) ? $0 : nil },
                        stylesPart: styles.flatMap { package.contains($0) ? $0 : nil })
    }

    /// The sheet to read: by name (exact, then ignoring case and surrounding spaces), else the first
    /// visible sheet in tab order, the one Excel shows first when nothing else is chosen.
    func sheet(named name: String?, file: String) throws -> Sheet {
        guard let name else { return sheets.first(where: \.visible) ?? sheets[0] }
        if let exact = sheets.first(where: { $0.name == name }) { return exact }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let loose = sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) { return loose }
        throw SpreadsheetError.sheetNotFound(file: file, name: name, available: sheets.map(\.name))
    }

    struct Link {
        let type: String
        let target: String
    }

    /// A part's relationships by id, targets resolved to part names; external links are left out.
    static func relationships(_ package: XLSXPackage, _ part: String, source: String) throws -> [String: Link] {
        guard package.contains(part) else { return [:] }
        let events = RelationshipEvents(maxCount: package.limits.maxEntries)
        try package.parse(part, with: events, maxBytes: package.limits.maxSmallPartBytes)
        var links: [String: Link] = [:]
        for r in events.found where links[r.id] == nil {
            links[r.id] = Link(type: r.type, target: XLSXPackage.resolve(r.target, from: source))
        }
        return links
    }
}

private final class RelationshipEvents: XMLEvents {
    var found: [(id: String, type: String, target: String)] = []
    let maxCount: Int

    init(maxCount: Int) { self.maxCount = maxCount }

    func start(_ name: XMLBytes, _ attributes: XMLAttributes) throws {
        guard name == "Relationship" else { return }
        guard found.count < maxCount else { throw CellProblem(kind: .tooLarge("more than \(maxCount) relationships"), row: nil, column: nil) }
        if let mode = attributes["TargetMode"], mode == "External" { return }
        guard let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"] else { return }
        found.append((id.string, type.string, target.string))
    }

    func end(_ name: XMLBytes) throws {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

private final class WorkbookEvents: XMLEvents {
    var sheets: [(name: String, relationship: String, visible: Bool)] = []
    var date1904 = false
    let maxSheets: Int

    init(maxSheets: Int) { self.maxSheets = maxSheets }

    func start(_ name: XMLBytes, _ attributes: XMLAttributes) throws {
        if name == "workbookPr", let flag = attributes["date1904"] {
            date1904 = flag == "1" || flag == "true"
        } else if name == "sheet" {
            guard sheets.count < maxSheets else { throw CellProblem(kind: .tooLarge("more than \(maxSheets) sheets"), row: nil, column: nil) }
            guard let sheetName = attributes["name"], let id = attributes["id"] else {
                throw CellProblem(kind: .invalid("a sheet without a name or relationship id"), row: nil, column: nil)
            }
            let state = attributes["state"]
            let hidden = state.map { $0 == "hidden" || $0 == "veryHidden" } ?? false
            sheets.append((sheetName.string, id.string, !hidden))
        }
    }

    func end(_ name: XMLBytes) throws {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}
