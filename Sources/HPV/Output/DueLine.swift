import ScreenVaxCore
import Store

/// One line of the work list as `hpv due --format json` and `GET /api/v1/hpv/due` print it.
public struct DueLine: Encodable {
    public let personID: PersonUUID
    public let idMasked: String
    public let name: String
    public let status: String
    public let nextDose: Int
    public let due: String
    public let overdue: String
    public let latest: String
    public let daysLeft: Int
    public let windowClosing: Bool
    public let countyCode: String
    public let school: String
    public let className: String
    public let guardian: String
    public let guardianPhone: String

    public init(item: WorkItem, asOf: CalendarDate, showPII: Bool) {
        let g = item.girl
        personID = g.personUUID
        idMasked = showPII ? g.residentID : Masking.residentID(g.residentID)
        name = g.name
        status = item.forecast.status.rawValue
        nextDose = item.next.dose
        due = item.next.due.iso
        overdue = item.next.overdue.iso
        latest = item.next.latest.iso
        daysLeft = asOf.days(to: item.next.latest)
        windowClosing = item.forecast.windowClosing
        countyCode = g.countyCode
        school = g.school
        className = g.className
        guardian = g.guardianName
        guardianPhone = showPII ? g.guardianPhone : Masking.phone(g.guardianPhone)
    }

    // `class` is a keyword; the other keys are the properties' names.
    enum CodingKeys: String, CodingKey {
        case personID, idMasked, name, status, nextDose, due, overdue, latest, daysLeft, windowClosing, countyCode, school, guardian
        case guardianPhone
        case className = "class"
    }
}
