import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// The next steps of an adverse event as an officer enters them; nil leaves a step out. One
/// command may take several steps, in their order: investigation, classification, appraisal
/// requested, appraisal result, closing.
@PublicInit
public struct AEFIUpdate: Sendable {
    public var event: String
    public var investigatedOn: String?
    public var investigator: String?
    public var findings: String?
    public var classification: String?
    public var classifiedOn: String?
    public var appraisalRequestedOn: String?
    public var appraisalResult: String?
    public var appraisalOn: String?
    public var closedOn: String?
    public var outcome: String?
}

/// The API's body of the same steps (snake_case, as the command's options); the event is named by
/// the route, not the body.
extension AEFIUpdate: Decodable {
    /// The keys of the course these steps write (`AEFICourse`), so that the body and the course
    /// it answers with name each step alike.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AEFICourse.CodingKeys.self)
        self.init(event: "", investigatedOn: try c.decodeIfPresent(String.self, forKey: .investigatedOn),
                  investigator: try c.decodeIfPresent(String.self, forKey: .investigator), findings: try c.decodeIfPresent(String.self, forKey: .findings),
                  classification: try c.decodeIfPresent(String.self, forKey: .classification),
                  classifiedOn: try c.decodeIfPresent(String.self, forKey: .classifiedOn),
                  appraisalRequestedOn: try c.decodeIfPresent(String.self, forKey: .appraisalRequestedOn),
                  appraisalResult: try c.decodeIfPresent(String.self, forKey: .appraisalResult),
                  appraisalOn: try c.decodeIfPresent(String.self, forKey: .appraisalOn), closedOn: try c.decodeIfPresent(String.self, forKey: .closedOn),
                  outcome: try c.decodeIfPresent(String.self, forKey: .outcome))
    }
}

/// `hpv aefi update` and its web form: an adverse event followed to its conclusion (监测、报告、调查
/// 诊断、鉴定). Each change is a new version of the event, audited and sent to the platform; a
/// serious event's versions go ahead of the regular batches.
public enum AEFIUpdating {
    public static func update(_ database: RegistryDatabase, context: HPVContext, _ u: AEFIUpdate) throws -> AEFICourse {
        func day(_ raw: String?, _ field: String) throws -> CalendarDate? {
            guard let raw else { return nil }
            let d = try FieldInput.date(raw, field: field)
            if d > context.today { throw HPVError.futureDate(field: field, date: d, today: context.today) }
            return d
        }
        func text(_ raw: String?, _ field: String) throws -> String? { try raw.map { try FieldInput.text($0, field: field) } }
        let investigatedOn = try day(u.investigatedOn, "investigated_on"), classifiedOn = try day(u.classifiedOn, "classified_on")
        let requestedOn = try day(u.appraisalRequestedOn, "appraisal_requested_on"), appraisalOn = try day(u.appraisalOn, "appraisal_on")
        let closedOn = try day(u.closedOn, "closed_on")
        let investigator = try text(u.investigator, "investigator"), findings = try text(u.findings, "findings")
        let result = try text(u.appraisalResult, "appraisal_result")
        let classification = try u.classification.map { raw in
            guard let c = AEFIClassification(rawValue: raw.trimmingSpaces()) else {
                throw HPVError.badValue(field: "classification", value: raw, expected: AEFIClassification.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return c
        }
        let outcome = try u.outcome.map { raw in
            guard let o = AEFIOutcome(rawValue: raw.trimmingSpaces()) else {
                throw HPVError.badValue(field: "outcome", value: raw, expected: AEFIOutcome.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return o
        }
        return try database.write { db in
            let before = try find(db, context: context, event: u.event).course
            var c = before
            var steps: [String] = []
            func refuse(_ code: String, _ message: String, _ field: String) -> HPVError { HPVError.field(code: code, message: message, field: field) }
            if c.state == .closed { throw refuse("aefi_closed", "the event was closed on \(c.closedOn?.iso ?? ""); nothing more can change", "event") }
            if let outcome { c.outcome = outcome.rawValue; steps.append("outcome \(outcome.rawValue)") }
            if investigatedOn != nil || investigator != nil || findings != nil {
                guard let on = investigatedOn ?? c.investigatedOn else {
                    throw refuse("missing_value", "an investigation needs its date (--investigated-on)", "investigated_on")
                }
                if on < c.onsetDate { throw refuse("before_onset", "investigated_on \(on.iso) is before the onset \(c.onsetDate.iso)", "investigated_on") }
                c.investigatedOn = on
                if let investigator { c.investigator = investigator }
                if let findings { c.findings = findings }
                if c.state == .reported { c.state = .investigated }
                steps.append("investigated \(on.iso)")
            }
            if let classification {
                guard let investigated = c.investigatedOn else {
                    throw refuse("not_investigated", "classify after the investigation: give --investigated-on (and the investigator) first or with it", "classification")
                }
                let on = classifiedOn ?? context.today
                if on < investigated { throw refuse("before_investigation", "classified_on \(on.iso) is before the investigation \(investigated.iso)", "classified_on") }
                c.classification = classification
                c.classifiedOn = on
                if c.state == .investigated || c.state == .reported { c.state = .classified }
                steps.append("classified \(classification.rawValue)")
            }
            if let requestedOn {
                guard c.classification != nil else { throw refuse("not_classified", "an appraisal (鉴定) is requested of a classified event; classify it first", "appraisal_requested_on") }
                guard c.appraisalRequestedOn == nil else { throw refuse("appraisal_requested", "an appraisal was already requested on \(c.appraisalRequestedOn?.iso ?? "")", "appraisal_requested_on") }
                if let on = c.classifiedOn, requestedOn < on { throw refuse("before_classification", "appraisal_requested_on is before the classification", "appraisal_requested_on") }
                c.appraisalRequestedOn = requestedOn
                c.state = .appraisal
                steps.append("appraisal requested \(requestedOn.iso)")
            }
            if result != nil || appraisalOn != nil {
                guard let requested = c.appraisalRequestedOn, c.state == .appraisal else {
                    throw refuse("no_appraisal", "no appraisal (鉴定) is waiting for a result; request one first (--appraisal-requested-on)", "appraisal_result")
                }
                guard let result, !result.isEmpty, let on = appraisalOn else {
                    throw refuse("missing_value", "an appraisal result needs its text and date (--appraisal-result, --appraisal-on)", "appraisal_result")
                }
                if on < requested { throw refuse("before_request", "appraisal_on \(on.iso) is before the request \(requested.iso)", "appraisal_on") }
                c.appraisalResult = result
                c.appraisalOn = on
                c.state = .classified
                steps.append("appraisal result \(on.iso)")
            }
            if let closedOn {
                if c.state == .appraisal { throw refuse("appraisal_pending", "the appraisal (鉴定) requested on \(c.appraisalRequestedOn?.iso ?? "") has no result yet; record it before closing", "closed_on") }
                guard let classification = c.classification, c.state == .classified else {
                    throw refuse("not_classified", "close an event after its classification (--classification)", "closed_on")
                }
                if classification == .undetermined { throw refuse("undetermined", "a 待定 (undetermined) event stays open until it is classified", "closed_on") }
                if let on = c.appraisalOn ?? c.classifiedOn, closedOn < on { throw refuse("before_classification", "closed_on \(closedOn.iso) is before \(on.iso)", "closed_on") }
                c.closedOn = closedOn
                c.state = .closed
                steps.append("closed \(closedOn.iso)")
            }
            guard c != before else { throw refuse("nothing_to_change", "give a step: --investigated-on, --classification, --appraisal-requested-on, --appraisal-result, --closed-on or --outcome", "event") }
            c.version = before.version + 1
            try AEFIProgress.save(db, c, change: steps.joined(separator: "; "), audit: context.audit)
            return c
        }
    }

    /// The event (its uuid, or the first 8 or more characters of it) and its course, for a caller
    /// of its girl's area: one outside the area is not found, as one that does not exist.
    public static func course(_ database: RegistryDatabase, context: HPVContext, event: String) throws -> AEFICourse {
        try database.read { db in try find(db, context: context, event: event).course }
    }

    static func find(_ db: Database, context: HPVContext, event raw: String) throws -> (course: AEFICourse, doseID: Int64) {
        guard let found = try AEFIProgress.find(db, id: try FieldInput.text(raw, field: "event")) else {
            throw HPVError.field(code: "aefi_not_found", message: "no adverse event \(HPVError.clip(raw)); give its id as hpv aefi list shows it",
                                 field: "event")
        }
        if let area = context.area {
            let county = try Row.fetchOne(db, sql: """
                SELECT e.county_code, e.city_code FROM hpv_doses d JOIN hpv_enrollments e ON e.person_id = d.person_id AND e.programme = ?
                WHERE d.id = ?
                """, arguments: [context.programme.id, found.doseID])
            guard let county, area.contains(countyCode: county["county_code"], cityCode: county["city_code"]) else {
                throw HPVError.field(code: "aefi_not_found", message: "no adverse event \(HPVError.clip(raw)) in your area", field: "event")
            }
        }
        return found
    }
}
