import GRDB
import ScreenVaxCore
import Store

/// Finds the subject of a lab row from what the lab holds: the registry's own id, else the
/// specimen number (标本编号), else the newborn's own resident ID, else the mother's resident ID
/// (with a name check) and, for a newborn service, the birth order. A subject outside the
/// importer's area is treated as no subject at all, so no message tells it exists.
struct LabMatch {
    let programme: ScreeningProgramme
    /// nil: every area (the county's own database, the command line).
    let inArea: (@Sendable (_ county: String, _ city: String) -> Bool)?
    private var last: (key: Int64, ref: SubjectRef)?
    /// The last mother looked up, with her pregnancies and babies in the area: labs list a
    /// mother's (and her babies') results together, and an import changes none of them.
    private var lastMother: (id: String, person: PersonRecord, pregnancies: [PregnancyRecord], babies: [SubjectRef])?

    init(programme: ScreeningProgramme, inArea: (@Sendable (String, String) -> Bool)?) {
        self.programme = programme
        self.inArea = inArea
    }

    /// The row's subject, or a located error that says which key found nothing or too much.
    mutating func subject(_ db: Database, row: LabRow, service: Service, time: ClinicalTime, columns: LabColumns) throws -> SubjectRef {
        func at(_ e: ScreeningError, _ role: ResultColumn) -> ScreeningError { e.at(InputLocation(column: columns.name(role))) }
        if let role = row.lostDigits {
            throw at(.badValue(columns.name(role), "(a number)", expected: "the ID as text: Excel kept only 15 digits of it; format the column as text and type the IDs again"), role)
        }
        if row[.pregnancy] != nil || row[.newborn] != nil {
            let newborn = row[.newborn], pregnancy = newborn == nil ? row[.pregnancy] : nil
            let ref = try ResultRecording.subject(db, pregnancyUUID: pregnancy.map(PregnancyID.init), newbornUUID: newborn.map(NewbornID.init))
            guard visible(ref) else {
                throw newborn != nil ? at(.newbornNotFound(newborn ?? ""), .newborn) : at(.pregnancyNotFound(pregnancy ?? ""), .pregnancy)
            }
            return ref
        }
        if let raw = row[.specimen] {
            let no = try SpecimenTracking.number(raw, field: columns.name(.specimen))
            let found = try SpecimenRecords.find(db, number: no, service: service.code)
            if let s = found.first, let ref = try subject(db, key: s.subjectKey), visible(ref) { return ref }
            // A card the registry has not seen: the mother's ID may still find the subject.
            guard row[.motherID] != nil || row[.newbornID] != nil else {
                throw at(.noMatch("\(columns.name(.specimen)) \(no.prefix(40)) (\(service.code))"), .specimen)
            }
        }
        if let raw = row[.newbornID], service.subject == .newborn {
            let id = raw.uppercased().filter { !$0.isWhitespace }
            if let person = try Persons.find(db, residentID: id),
               let nid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM screening_newborns WHERE person_id = ?"), arguments: [person.id]),
               let ref = try subject(db, key: -nid), visible(ref) {
                return ref
            }
            guard row[.motherID] != nil else { throw at(.noMatch("\(columns.name(.newbornID)) \(Masking.residentID(id))"), .newbornID) }
        }
        guard let raw = row[.motherID] else {
            throw at(.missingValue(field: columns.name(.motherID), what: "标本编号, 母亲身份证号 or the registry's id"), .motherID)
        }
        return try byMother(db, id: raw.uppercased().filter { !$0.isWhitespace }, row: row, service: service, time: time, columns: columns)
    }

    private mutating func byMother(_ db: Database, id: String, row: LabRow, service: Service, time: ClinicalTime,
                                   columns: LabColumns) throws -> SubjectRef {
        func at(_ e: ScreeningError, _ role: ResultColumn) -> ScreeningError { e.at(InputLocation(column: columns.name(role))) }
        let keys = "\(columns.name(.motherID)) \(Masking.residentID(id))"
        if lastMother?.id != id {
            guard let person = try Persons.find(db, residentID: id) else { throw at(.noMatch(keys), .motherID) }
            let pregnancies = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM screening_pregnancies WHERE person_id = ? ORDER BY lmp_day"),
                                                 arguments: [person.id]).compactMap { try PregnancyRecords.find(db, id: $0) }
                .filter { visible(SubjectRef(pregnancy: $0, newborn: nil)) }
            var babies: [SubjectRef] = []
            for p in pregnancies {
                for nid in try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM screening_newborns WHERE pregnancy_id = ? ORDER BY birth_order"),
                                              arguments: [p.id]) {
                    if let n = try NewbornRecords.find(db, id: nid) { babies.append(SubjectRef(pregnancy: p, newborn: n)) }
                }
            }
            lastMother = (id, person, pregnancies, babies)
        }
        guard let cached = lastMother else { throw at(.noMatch(keys), .motherID) }
        let mother = cached.person
        var order: Int?
        if let raw = row[.birthOrder] {
            guard let n = Int(raw), (1...9).contains(n) else {
                throw at(.badValue(columns.name(.birthOrder), String(raw.prefix(10)), expected: "the baby's birth order, 1 to 9 (twins: 1 and 2)"), .birthOrder)
            }
            order = n
        }
        var candidates: [SubjectRef] = []
        if service.subject == .pregnancy {
            // The pregnancy the result's date falls in.
            candidates = cached.pregnancies.filter { p in time.date >= p.lmp && (p.closedOn.map { time.date <= $0 } ?? true) }
                .map { SubjectRef(pregnancy: $0, newborn: nil) }
        } else {
            // The babies of her latest delivery before the result.
            let babies = cached.babies.filter { ($0.newborn?.born.earliestMinute ?? Int.max) <= time.latestMinute }
            let latest = babies.max { ($0.newborn?.born.earliestMinute ?? 0) < ($1.newborn?.born.earliestMinute ?? 0) }?.pregnancy.id
            candidates = babies.filter { $0.pregnancy.id == latest && (order == nil || $0.newborn?.birthOrder == order) }
        }
        guard !candidates.isEmpty else { throw at(.noMatch(keys + (order.map { " 出生顺序 \($0)" } ?? "")), .motherID) }
        // The name is checked only once she is known to be inside the area.
        if let name = row[.motherName], name.filter({ !$0.isWhitespace }) != mother.name.filter({ !$0.isWhitespace }) {
            throw at(.nameMismatch, .motherName)
        }
        guard candidates.count == 1, let only = candidates.first else {
            throw at(.twoMatches(keys), service.subject == .newborn ? .birthOrder : .motherID)
        }
        return only
    }

    /// A subject by its key (pregnancy id, or minus the newborn id); the last one is kept, since
    /// labs list a subject's results together.
    private mutating func subject(_ db: Database, key: Int64) throws -> SubjectRef? {
        if let last, last.key == key { return last.ref }
        let ref: SubjectRef?
        if key < 0 {
            guard let n = try NewbornRecords.find(db, id: -key), let p = try PregnancyRecords.find(db, id: n.pregnancyID) else { return nil }
            ref = SubjectRef(pregnancy: p, newborn: n)
        } else {
            ref = try PregnancyRecords.find(db, id: key).map { SubjectRef(pregnancy: $0, newborn: nil) }
        }
        if let ref { last = (key, ref) }
        return ref
    }

    private func visible(_ ref: SubjectRef) -> Bool {
        inArea?(ref.countyCode, ref.cityCode) ?? true
    }
}
