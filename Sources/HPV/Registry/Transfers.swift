import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// A transfer as the receiving county asks for it: the girl's resident ID and name (both must be
/// hers), the county that takes her, and what it knows of her new place.
@PublicInit
public struct TransferInput: Sendable {
    public var residentID: String
    public var name: String
    /// A county code or name; empty for a county user means her own county.
    public var toCounty: String = ""
    public var school: String?
    public var className: String?
    public var guardianName: String?
    public var guardianPhone: String?
}

/// Moving a girl's enrolment between counties: the receiving county requests it, the county that
/// holds her (or a city or province user whose area covers both) confirms or declines, and on
/// confirmation her enrolment moves. Each step is audited with both counties.
public enum Transfers {
    public static func request(_ database: RegistryDatabase, context: HPVContext, input: TransferInput) throws -> TransferLine {
        let id = try FieldInput.residentID(input.residentID, field: "resident_id", today: context.today)
        let name = try FieldInput.text(input.name, field: "name").removingWhitespace()
        guard !name.isEmpty else { throw HPVError.field(code: "missing_value", message: "name is empty; give her name as on her ID card", field: "name") }
        let to = try targetCounty(input.toCounty, context: context)
        func optional(_ raw: String?, _ field: String) throws -> String? {
            try raw.flatMap { try FieldInput.text($0, field: field) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let school = try optional(input.school, "school"), className = try optional(input.className, "class")
        let guardianName = try optional(input.guardianName, "guardian_name")
        let guardianPhone = try input.guardianPhone.map { try FieldInput.phone($0, field: "guardian_phone") }.flatMap { $0.isEmpty ? nil : $0 }
        try context.checkBudget(database)
        let programme = context.programme.id
        do {
            return try database.write { db in
                guard let person = try Persons.find(db, residentID: id.value), person.name.removingWhitespace() == name,
                      let enrolment = try EnrollmentRecords.find(db, programme: programme, personID: person.id) else {
                    throw HPVError.transferNoMatch(masked: id.masked)
                }
                guard enrolment.countyCode != to.code else { throw HPVError.alreadyInArea(masked: id.masked) }
                if try TransferRecords.pending(db, programme: programme, personID: person.id) != nil {
                    throw HPVError.transferPending(masked: id.masked)
                }
                let record = try TransferRecords.insert(db, programme: programme, .init(
                    person: person, from: (enrolment.countyCode, enrolment.cityCode), to: to, school: school, className: className,
                    guardianName: guardianName, guardianPhone: guardianPhone), audit: context.audit)
                try context.audit.record(db, action: "transfer_request", entity: "hpv_transfer", uuid: record.uuid,
                                         detail: counties(record, context))
                return TransferLine(record, person: person, divisions: context.divisions)
            }
        } catch let e as HPVError where e.code == "transfer_no_match" && context.area != nil {
            try Refusals.record(database, context: context, [.init(entity: "hpv_transfer", code: e.code, maskedID: id.masked, counted: true)])
            throw e
        }
    }

    public static func confirm(_ database: RegistryDatabase, context: HPVContext, transferID: String) throws -> TransferLine {
        try decide(database, context: context, transferID: transferID) { db, t, person in
            guard var enrolment = try EnrollmentRecords.find(db, programme: t.programme, personID: t.personID),
                  enrolment.countyCode == t.fromCounty else { throw HPVError.transferStale(masked: person.maskedID) }
            let before = enrolment
            enrolment.countyCode = t.toCounty
            enrolment.cityCode = t.toCity
            enrolment.areaText = context.divisions.county(code: t.toCounty)?.name ?? t.toCounty
            if let s = t.school { enrolment.school = s }
            if let c = t.className { enrolment.className = c }
            if let g = t.guardianName { enrolment.guardianName = g }
            if let p = t.guardianPhone { enrolment.guardianPhone = p }
            try EnrollmentRecords.save(db, enrolment, version: before.version + 1, person: person, at: context.audit.timestamp)
            try context.audit.record(db, action: "transfer", entity: "hpv_enrollment", uuid: enrolment.uuid, detail: counties(t, context))
            return try TransferRecords.decide(db, t, state: .confirmed, reason: "", audit: context.audit)
        }
    }

    public static func decline(_ database: RegistryDatabase, context: HPVContext, transferID: String, reason: String) throws -> TransferLine {
        let reason = try FieldInput.text(reason, field: "reason")
        return try decide(database, context: context, transferID: transferID) { db, t, _ in
            try TransferRecords.decide(db, t, state: .declined, reason: reason, audit: context.audit)
        }
    }

    /// The open transfers of the caller's area (the command line: all of them, as incoming).
    public static func list(_ database: RegistryDatabase, context: HPVContext) throws -> TransferList {
        let programme = context.programme.id
        return try database.read { db in
            func lines(_ side: String) throws -> [TransferLine] {
                try TransferRecords.pending(db, programme: programme, side: side, area: context.area).compactMap { t in
                    try Persons.find(db, id: t.personID).map { TransferLine(t, person: $0, divisions: context.divisions) }
                }
            }
            return TransferList(incoming: try lines("from"), outgoing: context.area == nil ? [] : try lines("to"))
        }
    }

    /// Confirms or declines in one transaction: the transfer must be open and the caller the county
    /// that holds the girl or an area over both counties. A transfer of neither county does not exist for her.
    static func decide(_ database: RegistryDatabase, context: HPVContext, transferID: String,
                       _ body: (Database, TransferRecord, PersonRecord) throws -> TransferRecord) throws -> TransferLine {
        let action = context.audit
        return try database.write { db in
            guard let t = try TransferRecords.find(db, uuid: transferID.trimmingSpaces()), t.programme == context.programme.id,
                  context.covers(countyCode: t.fromCounty, cityCode: t.fromCity) || context.covers(countyCode: t.toCounty, cityCode: t.toCity),
                  let person = try Persons.find(db, id: t.personID) else { throw HPVError.transferNotFound(transferID) }
            if let area = context.area {
                let holds = area.contains(countyCode: t.fromCounty, cityCode: t.fromCity)
                guard holds && (area.countyCode == t.fromCounty || area.contains(countyCode: t.toCounty, cityCode: t.toCity)) else {
                    throw HPVError.transferNotYours("\(context.countyName(t.fromCounty)), which holds her, confirms or declines this transfer "
                                                    + "(or a city or province user over both counties)")
                }
            }
            guard t.state == .pending else { throw HPVError.transferDecided(state: t.state.rawValue) }
            let decided = try body(db, t, person)
            try action.record(db, action: "transfer_\(decided.state == .confirmed ? "confirm" : "decline")", entity: "hpv_transfer",
                              uuid: t.uuid, detail: counties(t, context))
            return TransferLine(decided, person: person, divisions: context.divisions)
        }
    }

    /// `from 360102 南昌市东湖区 to 360103 南昌市西湖区`: both counties, for the audit log.
    static func counties(_ t: TransferRecord, _ context: HPVContext) -> String {
        "from \(t.fromCounty) \(context.countyName(t.fromCounty)) to \(t.toCounty) \(context.countyName(t.toCounty))"
    }

    /// The receiving county: named by the caller, or a county user's own; inside the caller's area.
    static func targetCounty(_ raw: String, context: HPVContext) throws -> County {
        let text = raw.trimmingSpaces()
        let county: County?
        if text.isEmpty {
            county = context.area?.countyCode.flatMap { context.divisions.county(code: $0) }
            guard county != nil else {
                throw HPVError.field(code: "missing_value", message: "to_county is empty; give the county that takes her (code or name)", field: "to_county")
            }
        } else {
            county = context.divisions.resolve(text)
        }
        guard let county else {
            throw HPVError.field(code: "unknown_area", message: "\"\(HPVError.clip(text))\" is not a county of Jiangxi; give its code (360102) or name (东湖区)",
                                 field: "to_county")
        }
        guard context.covers(countyCode: county.code, cityCode: county.cityCode) else {
            throw HPVError.outsideArea(county: county.cityName + county.name, area: context.area?.name(context.divisions) ?? "")
        }
        return county
    }
}
