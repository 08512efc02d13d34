import GRDB
import ScreenVaxCore

/// The lines of the 附3 form around its table, as the school filled them in: the title above the
/// header, and below the rows 学校负责人, 联系人, 联系人电话 and 填表日期, kept with the import so that the
/// clinic knows whom to call about the file.
public struct RosterForm: Sendable, Equatable, Encodable {
    // Every key, null where the form left it out.
    @NullWhenAbsent public var title: String?
    @NullWhenAbsent public var schoolHead: String?
    @NullWhenAbsent public var contact: String?
    @NullWhenAbsent public var contactPhone: String?
    /// `YYYY-MM-DD` when the school wrote a date, else its text as written.
    @NullWhenAbsent public var filledOn: String?

    public init() {}

    public var isEmpty: Bool { self == RosterForm() }

    enum Line: CaseIterable {
        case schoolHead, contactPhone, contact, filledOn

        /// The labels a school writes, longest first where one begins another (联系人电话 before 联系人).
        var labels: [String] {
            switch self {
            case .schoolHead: ["学校负责人", "负责人"]
            case .contactPhone: ["联系人电话", "联系电话"]
            case .contact: ["联系人"]
            case .filledOn: ["填表日期", "填报日期", "填表时间"]
            }
        }
    }

    /// Reads a footer row: its first cell with text starts with a label (学校负责人：张建国), the value
    /// after the colon or in the next cell; a row may carry several labels. False when the row is
    /// not a footer line.
    mutating func read<Texts: Collection<String>>(footer texts: Texts) -> Bool {
        // Every data row is asked: its first filled cell decides before the others are trimmed.
        guard let first = texts.first(where: { !CellText.isBlank($0) }), Self.label(CellText.trimmed(first)) != nil else { return false }
        let cells = texts.map(CellText.trimmed).filter { !$0.isEmpty }
        var i = 0
        while i < cells.count {
            if let (line, rest) = Self.label(cells[i]) {
                var value = rest
                if value.isEmpty, i + 1 < cells.count, Self.label(cells[i + 1]) == nil {
                    value = cells[i + 1]
                    i += 1
                }
                set(line, FieldLength.fits(value) ? value : String(value.prefix(FieldLength.maxCharacters)))
            }
            i += 1
        }
        return true
    }

    private mutating func set(_ line: Line, _ value: String) {
        let v: String? = value.isEmpty ? nil : value
        switch line {
        case .schoolHead: schoolHead = v
        case .contact: contact = v
        case .contactPhone: contactPhone = v.map(CellText.cleaned)
        case .filledOn: filledOn = v.map { FormDate.parse(CellText.cleaned($0))?.iso ?? $0 }
        }
    }

    /// The first characters of every label: most rows are told apart by them without a prefix test.
    private static let initials = Set(Line.allCases.flatMap(\.labels).compactMap(\.unicodeScalars.first))

    private static func label(_ text: String) -> (Line, String)? {
        guard let initial = text.unicodeScalars.first, initials.contains(initial) else { return nil }
        for line in Line.allCases {
            for label in line.labels where text.hasPrefix(label) {
                let rest = text.dropFirst(label.count).trimmingCharacters(in: ":：")
                return (line, rest)
            }
        }
        return nil
    }

    /// Stores the form with its import batch (nothing when the file had none of its lines).
    func save(_ db: Database, batchID: Int64) throws {
        guard !isEmpty else { return }
        try db.execute(sql: """
            INSERT OR REPLACE INTO hpv_roster_forms (batch_id, title, school_head, contact, contact_phone, filled_on) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [batchID, title, schoolHead, contact, contactPhone, filledOn])
    }
}
