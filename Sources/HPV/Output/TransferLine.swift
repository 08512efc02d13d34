import ScreenVaxCore
import Store

/// A transfer as `hpv transfer … --format json` and `/api/v1/hpv/transfers` print it (ID and phone masked).
public struct TransferLine: Encodable, Sendable {
    public let transferID: String
    public let state: String
    public let personID: PersonUUID
    public let name: String
    public let idMasked: String
    public let fromCountyCode: String
    public let fromCounty: String
    public let toCountyCode: String
    public let toCounty: String
    // Null, not absent, where the request did not say or nobody has decided yet.
    @NullWhenAbsent public private(set) var school: String?
    @NullWhenAbsent public private(set) var className: String?
    @NullWhenAbsent public private(set) var guardian: String?
    @NullWhenAbsent public private(set) var guardianPhone: String?
    public let requestedBy: String
    public let requestedAt: String
    @NullWhenAbsent public private(set) var decidedBy: String?
    @NullWhenAbsent public private(set) var decidedAt: String?
    public let reason: String

    init(_ t: TransferRecord, person: PersonRecord, divisions: Divisions) {
        func place(_ code: String) -> String { divisions.county(code: code).map { $0.cityName + $0.name } ?? code }
        transferID = t.uuid
        state = t.state.rawValue
        personID = person.uuid
        name = person.name
        idMasked = person.maskedID
        fromCountyCode = t.fromCounty
        fromCounty = place(t.fromCounty)
        toCountyCode = t.toCounty
        toCounty = place(t.toCounty)
        school = t.school
        className = t.className
        guardian = t.guardianName
        guardianPhone = t.guardianPhone.map(Masking.phone)
        requestedBy = t.requestedBy
        requestedAt = t.requestedAt
        decidedBy = t.decidedBy
        decidedAt = t.decidedAt
        reason = t.reason
    }

    // `class` is a keyword; the other keys are the properties' names.
    enum CodingKeys: String, CodingKey {
        case transferID, state, personID, name, idMasked, fromCountyCode, fromCounty, toCountyCode, toCounty, school, guardian
        case guardianPhone, requestedBy, requestedAt, decidedBy, decidedAt, reason
        case className = "class"
    }
}

/// The open transfers of an area: requests about girls it holds (to decide) and requests it made.
public struct TransferList: Encodable, Sendable {
    /// Girls enrolled in the area whom another county asks to take over: the area confirms or declines.
    public let incoming: [TransferLine]
    /// Requests the area made, waiting for the county that holds the girl.
    public let outgoing: [TransferLine]
}
