import ScreenVaxCore
import Store

/// A transfer as `hpv transfer … --format json` and `/api/v1/hpv/transfers` print it (ID and phone masked).
public struct TransferLine: Encodable, Sendable {
    public let transferID: String
    public let state: String
    public let personID: String
    public let name: String
    public let idMasked: String
    public let fromCountyCode: String
    public let fromCounty: String
    public let toCountyCode: String
    public let toCounty: String
    public let school: String?
    public let className: String?
    public let guardian: String?
    public let guardianPhone: String?
    public let requestedBy: String
    public let requestedAt: String
    public let decidedBy: String?
    public let decidedAt: String?
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

    enum CodingKeys: String, CodingKey {
        case state, name, school, guardian, reason
        case transferID = "transfer_id", personID = "person_id", idMasked = "id_masked"
        case fromCountyCode = "from_county_code", fromCounty = "from_county", toCountyCode = "to_county_code", toCounty = "to_county"
        case className = "class", guardianPhone = "guardian_phone", requestedBy = "requested_by", requestedAt = "requested_at"
        case decidedBy = "decided_by", decidedAt = "decided_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(transferID, forKey: .transferID)
        try c.encode(state, forKey: .state)
        try c.encode(personID, forKey: .personID)
        try c.encode(name, forKey: .name)
        try c.encode(idMasked, forKey: .idMasked)
        try c.encode(fromCountyCode, forKey: .fromCountyCode)
        try c.encode(fromCounty, forKey: .fromCounty)
        try c.encode(toCountyCode, forKey: .toCountyCode)
        try c.encode(toCounty, forKey: .toCounty)
        try c.encode(school, forKey: .school)
        try c.encode(className, forKey: .className)
        try c.encode(guardian, forKey: .guardian)
        try c.encode(guardianPhone, forKey: .guardianPhone)
        try c.encode(requestedBy, forKey: .requestedBy)
        try c.encode(requestedAt, forKey: .requestedAt)
        try c.encode(decidedBy, forKey: .decidedBy)
        try c.encode(decidedAt, forKey: .decidedAt)
        try c.encode(reason, forKey: .reason)
    }
}

/// The open transfers of an area: requests about girls it holds (to decide) and requests it made.
public struct TransferList: Encodable, Sendable {
    /// Girls enrolled in the area whom another county asks to take over: the area confirms or declines.
    public let incoming: [TransferLine]
    /// Requests the area made, waiting for the county that holds the girl.
    public let outgoing: [TransferLine]
}
