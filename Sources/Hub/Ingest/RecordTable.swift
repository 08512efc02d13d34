/// How the hub stores one record type: its table and the typed columns read off the wire JSON
/// (the whole JSON goes to `data`). A record whose typed value cannot be read is rejected on its
/// own, with the field named, so a statement never fails on a bad cast.
struct RecordTable: Sendable {
    enum Kind: Sendable {
        case text
        /// `YYYY-MM-DD`, or the date part of `YYYY-MM-DDTHH:MM…`.
        case date
        case bool
        case int
    }

    struct Column: Sendable {
        let name: String
        /// The field of the record's data it comes from.
        let field: String
        let kind: Kind
        let required: Bool

        var sqlType: String {
            switch kind {
            case .text: "text"
            case .date: "date"
            case .bool: "boolean"
            case .int: "integer"
            }
        }
    }

    let type: String
    let table: String
    let columns: [Column]

    /// Where a record's county is written, for the types that name one: it must be the pushing
    /// county's own.
    var countyField: String? {
        ["roster_entry", "pregnancy", "newborn", "screening_result", "screening_decline", "specimen", "county_dates"].contains(type) ? "county_code" : nil
    }

    /// The typed values of a record, in column order, as JSON values (null for absent), or the
    /// problem that makes it unusable.
    func values(of data: JSONValue) -> Result<[JSONValue], Problem> {
        var out: [JSONValue] = []
        out.reserveCapacity(columns.count)
        for c in columns {
            let raw = data[c.field] ?? .null
            let value: JSONValue
            switch (c.kind, raw) {
            case (_, .null):
                value = .null
            case (.text, .string):
                value = raw
            case (.date, .string(let s)):
                let day = String(s.prefix(10))
                guard RecordSchema.conforms(day, format: "date") else {
                    return .failure(Problem(field: c.field, text: "not a real date (YYYY-MM-DD)"))
                }
                value = .string(day)
            case (.bool, .bool):
                value = raw
            case (.int, .int(let n)):
                guard n >= Int(Int32.min), n <= Int(Int32.max) else {
                    return .failure(Problem(field: c.field, text: "outside the range of a 32-bit integer"))
                }
                value = raw
            default:
                return .failure(Problem(field: c.field, text: "expected \(c.sqlType), found \(raw.typeName)"))
            }
            if c.required, value == .null { return .failure(Problem(field: c.field, text: "is required by the hub")) }
            out.append(value)
        }
        return .success(out)
    }

    struct Problem: Error {
        let field: String
        let text: String
        var message: String { "field \(field): \(text)" }
    }
}

extension RecordTable {
    private static func text(_ name: String, _ field: String? = nil, required: Bool = true) -> Column {
        Column(name: name, field: field ?? name, kind: .text, required: required)
    }

    private static func date(_ name: String, _ field: String? = nil, required: Bool = true) -> Column {
        Column(name: name, field: field ?? name, kind: .date, required: required)
    }

    private static func bool(_ name: String, _ field: String? = nil, required: Bool = true) -> Column {
        Column(name: name, field: field ?? name, kind: .bool, required: required)
    }

    private static func int(_ name: String, _ field: String? = nil, required: Bool = true) -> Column {
        Column(name: name, field: field ?? name, kind: .int, required: required)
    }

    /// Every record type the hub stores (one per `Schemas/sync/<type>.schema.json`).
    static let all: [String: RecordTable] = {
        let tables = [
            RecordTable(type: "person", table: "hub_persons", columns: [
                text("resident_id", required: false), text("name"), date("birth_date"), text("sex"),
            ]),
            RecordTable(type: "roster_entry", table: "hub_roster_entries", columns: [
                text("person_uuid"), text("programme"), text("school", required: false), text("consent"),
                bool("prior_vaccination", required: false),
            ]),
            RecordTable(type: "consent", table: "hub_consents", columns: [
                text("person_uuid"), text("enrollment_uuid"), text("programme"), text("consent"), date("recorded_at"),
            ]),
            RecordTable(type: "dose", table: "hub_doses", columns: [
                text("person_uuid"), date("dose_date", "date"), text("product"), date("expiry", required: false),
                bool("historical", required: false),
            ]),
            RecordTable(type: "aefi", table: "hub_aefi", columns: [
                text("person_uuid"), text("dose_uuid"), date("onset_date", "onset"), bool("serious"),
            ]),
            RecordTable(type: "pregnancy", table: "hub_pregnancies", columns: [
                text("person_uuid"), text("programme"), date("lmp"), date("edd"), date("registered_on"),
                text("outcome", required: false), date("closed_on", required: false),
            ]),
            RecordTable(type: "newborn", table: "hub_newborns", columns: [
                text("pregnancy_uuid"), text("person_uuid"), int("birth_order"), date("born_on", "born_at"),
            ]),
            RecordTable(type: "screening_result", table: "hub_screening_results", columns: [
                text("service"), text("subject"), text("pregnancy_uuid"), text("newborn_uuid", required: false),
                date("performed_on", "performed_at"), text("outcome"), int("attempt"), bool("is_repeat", "repeat"),
                bool("subsidised"),
            ]),
            RecordTable(type: "screening_decline", table: "hub_screening_declines", columns: [
                text("subject"), text("subject_uuid"), text("service"), date("declined_on"), date("lifted_on", required: false),
            ]),
            RecordTable(type: "specimen", table: "hub_specimens", columns: [
                text("service"), text("subject"), text("subject_uuid"), date("collected_on", "collected_at"), text("stage"),
            ]),
            RecordTable(type: "county_dates", table: "hub_county_dates", columns: [
                text("programme"), date("campaign_start"), date("first_dose_deadline"),
            ]),
            RecordTable(type: "recall_step", table: "hub_recall_steps", columns: [
                text("case_uuid"), int("case_version"), text("result_uuid"), text("service"), text("step"),
                text("stage_after"), text("outcome", required: false), date("on_date"),
            ]),
            RecordTable(type: "call_outcome", table: "hub_call_outcomes", columns: [
                date("day"), text("outcome"), int("attempt"), text("source"), text("call_status"), int("escalated"),
            ]),
            RecordTable(type: "assist_usage", table: "hub_assist_usage", columns: [
                text("clinic"), date("day"), text("service"), int("hook_calls"), int("cards_shown"), int("ai_calls"),
                int("ai_failures"),
            ]),
        ]
        return Dictionary(uniqueKeysWithValues: tables.map { ($0.type, $0) })
    }()
}
