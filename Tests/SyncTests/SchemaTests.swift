import Foundation
import Hub
import Testing

/// The wire schemas of Schemas/sync/ as the receiver applies them.
@Suite struct SchemaTests {
    static let schemas = try! SyncSchemas(directory: schemasURL.appendingPathComponent("sync"))
    static let uuid = "0b0e6a4e-5a0f-4a55-9d52-6e0f3b1f0c01"

    static func person(_ changes: [String: JSONValue]) -> JSONValue {
        var o: [String: JSONValue] = [
            "uuid": .string(uuid), "version": .int(1), "resident_id": .string("36010220120501002X"),
            "name": .string("测试"), "birth_date": .string("2012-05-01"), "sex": .string("F"), "phone": .null,
        ]
        for (k, v) in changes { o[k] = v }
        return .object(o)
    }

    @Test("person records", arguments: [
        ([:], nil),
        (["birth_date": .string("2012-02-30")], "birth_date"),
        (["birth_date": .string("2012-5-1")], "birth_date"),
        (["sex": .string("X")], "sex"),
        (["version": .int(0)], "version"),
        (["version": .string("1")], "version"),
        (["resident_id": .string("36010220120501002")], "resident_id"),
        (["resident_id": .null], nil),
        (["nickname": .string("x")], "nickname"),
    ] as [([String: JSONValue], String?)])
    func person(changes: [String: JSONValue], problemField: String?) throws {
        let schema = try #require(SchemaTests.schemas.records["person"])
        let problem = schema.problem(with: SchemaTests.person(changes))
        if let problemField {
            #expect(problem?.contains(problemField) == true, "\(problem ?? "no problem found")")
        } else {
            #expect(problem == nil)
        }
    }

    static func record(_ base: [String: JSONValue], _ changes: [String: JSONValue?]) -> JSONValue {
        var o = base
        for (k, v) in changes { o[k] = v }
        return .object(o)
    }

    static let consent: [String: JSONValue] = [
        "uuid": .string(uuid), "version": .int(1), "enrollment_uuid": .string(uuid), "person_uuid": .string(uuid),
        "programme": .string("hpv-2023"), "consent": .string("declined"), "refusal_reason": .string("家长拒绝"),
        "recorded_at": .string("2026-11-30T02:32:04+08:00"),
    ]

    @Test("consent events", arguments: [
        ([:], nil),
        (["consent": .string("given"), "refusal_reason": .string("")], nil),
        (["consent": .string("given")], "refusal_reason"),
        (["consent": .string("maybe")], "consent"),
        (["enrollment_uuid": nil], "enrollment_uuid"),
        (["recorded_at": .string("2026-11-30")], "recorded_at"),
        (["programme": .string("")], "programme"),
    ] as [([String: JSONValue?], String?)])
    func consent(changes: [String: JSONValue?], problemField: String?) throws {
        let schema = try #require(SchemaTests.schemas.records["consent"])
        let problem = schema.problem(with: SchemaTests.record(SchemaTests.consent, changes))
        if let problemField {
            #expect(problem?.contains(problemField) == true, "\(problem ?? "no problem found")")
        } else {
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    static let aefi: [String: JSONValue] = [
        "uuid": .string(uuid), "version": .int(1), "dose_uuid": .string(uuid), "person_uuid": .string(uuid),
        "onset": .string("2023-10-12T14:30+08:00"), "symptoms": .array([.string("fever")]), "serious": .bool(false),
        "outcome": .string("recovered"), "reporter": .string("王医生"),
    ]

    @Test("AEFI reports", arguments: [
        ([:], nil),
        (["onset": .string("2023-10-12T06:30Z")], nil),
        (["onset": .string("2023-10-12T14:30")], "onset"),
        (["symptoms": .array([])], "symptoms"),
        (["serious": .string("no")], "serious"),
        (["outcome": .string("fine")], "outcome"),
        (["dose_uuid": nil], "dose_uuid"),
    ] as [([String: JSONValue?], String?)])
    func aefi(changes: [String: JSONValue?], problemField: String?) throws {
        let schema = try #require(SchemaTests.schemas.records["aefi"])
        let problem = schema.problem(with: SchemaTests.record(SchemaTests.aefi, changes))
        if let problemField {
            #expect(problem?.contains(problemField) == true, "\(problem ?? "no problem found")")
        } else {
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    @Test func everyRecordTypeTheRoomsWriteHasASchema() {
        let types = ["person", "roster_entry", "consent", "dose", "aefi",
                     "pregnancy", "newborn", "screening_result", "recall_step", "call_outcome", "specimen", "screening_decline"]
        for type in types { #expect(SchemaTests.schemas.records[type] != nil, "missing \(type).schema.json") }
    }

    @Test func aMissingRequiredFieldIsNamed() throws {
        let dose = try #require(SchemaTests.schemas.records["dose"])
        let value: JSONValue = .object(["uuid": .string(SchemaTests.uuid), "version": .int(1), "person_uuid": .string(SchemaTests.uuid),
                                        "date": .string("2026-03-01")])
        #expect(dose.problem(with: value) == "missing required field product")
    }
}
