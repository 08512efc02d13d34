import Foundation
import ScreenVaxCore
import ScreenVaxMacros

/// The follow-up call policy (`Schemas/programs/followup-2023.json`): call windows, caps, retry
/// spacing per outcome, escalation. Mechanisms live in the rule files; every number lives here.
public struct CallPolicy: Sendable, Decodable {
    @PublicInit
    public struct Window: Sendable, Hashable, Decodable {
        /// Minutes after midnight, China Standard Time; `from` is inside the window, `to` is not.
        public let from: Int
        public let to: Int

        enum CodingKeys: String, CodingKey { case from, to }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            from = try Window.minutes(c, .from)
            to = try Window.minutes(c, .to)
            guard from < to else {
                throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "a window ends after it starts (windows across midnight are two windows)")
            }
        }

        static func minutes(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int {
            let text = try c.decode(String.self, forKey: key)
            guard let m = LocalTime.minutes(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\"\(text)\" is not a 24-hour time HH:MM")
            }
            return m
        }
    }

    public enum Action: String, Sendable, Decodable { case close, retry, stop }
    public enum Escalation: String, Sendable, Decodable { case always, recall, never }

    /// What one outcome does to a call and its reasons.
    @PublicInit
    public struct OutcomeRule: Sendable, Decodable {
        public let action: Action
        public let afterMinutes: Int?
        public var nextDay: Bool = false
        public var otherWindow: Bool = false
        public var recordsRefusal: Bool = false
        public var flagPhone: Bool = false
        public var doNotCall: Bool = false
        public var escalate: Escalation = .never
        enum CodingKeys: String, CodingKey {
            case action
            case afterMinutes = "after_minutes", nextDay = "next_day", otherWindow = "other_window"
            case recordsRefusal = "records_refusal", flagPhone = "flag_phone", doNotCall = "do_not_call", escalate
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            action = try c.decode(Action.self, forKey: .action)
            afterMinutes = try c.decodeIfPresent(Int.self, forKey: .afterMinutes)
            nextDay = try c.decodeIfPresent(Bool.self, forKey: .nextDay) ?? false
            otherWindow = try c.decodeIfPresent(Bool.self, forKey: .otherWindow) ?? false
            recordsRefusal = try c.decodeIfPresent(Bool.self, forKey: .recordsRefusal) ?? false
            flagPhone = try c.decodeIfPresent(Bool.self, forKey: .flagPhone) ?? false
            doNotCall = try c.decodeIfPresent(Bool.self, forKey: .doNotCall) ?? false
            escalate = try c.decodeIfPresent(Escalation.self, forKey: .escalate) ?? .never
            if action == .retry, afterMinutes == nil, !nextDay {
                throw DecodingError.dataCorruptedError(forKey: .action, in: c, debugDescription: "a retry needs after_minutes or next_day")
            }
        }
    }

    public let id: String
    public let windows: [Window]
    public let lastDialMinutesBeforeClose: Int
    public let noCallDays: Set<CalendarDate>
    public let maxDialsPerNumberPerDay: Int
    public let routineAttempts: Int
    public let recallAttempts: Int
    public let dispatchTimeoutMinutes: Int
    public let recallStaffTaskSLAHours: Int
    public let homeVisitDueDays: Int
    public let priorities: [Priority]
    public let outcomes: [CallOutcome: OutcomeRule]
    public let callbackPhone: String
    public let clinicName: String
    public let scripts: [ScriptTopic: String]

    public init(id: String = "test", windows: [Window], lastDialMinutesBeforeClose: Int = 0, noCallDays: Set<CalendarDate> = [],
                maxDialsPerNumberPerDay: Int = 2, routineAttempts: Int = 3, recallAttempts: Int = 5,
                dispatchTimeoutMinutes: Int = 60, recallStaffTaskSLAHours: Int = 48, homeVisitDueDays: Int = 7,
                priorities: [Priority] = [.recall, .windowClosing, .overdue, .due],
                outcomes: [CallOutcome: OutcomeRule], callbackPhone: String = "12320", clinicName: String = "clinic",
                scripts: [ScriptTopic: String] = [:]) {
        self.id = id
        self.windows = windows.sorted { $0.from < $1.from }
        self.lastDialMinutesBeforeClose = lastDialMinutesBeforeClose
        self.noCallDays = noCallDays
        self.maxDialsPerNumberPerDay = maxDialsPerNumberPerDay
        self.routineAttempts = routineAttempts
        self.recallAttempts = recallAttempts
        self.dispatchTimeoutMinutes = dispatchTimeoutMinutes
        self.recallStaffTaskSLAHours = recallStaffTaskSLAHours
        self.homeVisitDueDays = homeVisitDueDays
        self.priorities = priorities
        self.outcomes = outcomes
        self.callbackPhone = callbackPhone
        self.clinicName = clinicName
        self.scripts = scripts
    }

    /// Attempts a reason gets before it goes to manual follow-up.
    public func attemptCap(_ category: ReasonCategory) -> Int {
        category == .recall ? recallAttempts : routineAttempts
    }

    public func rule(_ outcome: CallOutcome) -> OutcomeRule { outcomes[outcome]! }

    /// Rank of a priority (0 is called first).
    public func rank(_ p: Priority) -> Int { priorities.firstIndex(of: p) ?? priorities.count }

    enum CodingKeys: String, CodingKey {
        case id
        case windows = "call_windows", lastDial = "last_dial_minutes_before_close", noCallDays = "no_call_days"
        case maxDials = "max_dials_per_number_per_day", attempts = "attempts_per_reason"
        case dispatchTimeout = "dispatch_timeout_minutes", sla = "recall_staff_task_sla_hours", homeVisit = "home_visit_due_days"
        case priorities, outcomes, callbackPhone = "callback_phone", clinicName = "clinic_name", scripts
    }

    struct Attempts: Decodable { let routine: Int; let recall: Int }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        windows = try c.decode([Window].self, forKey: .windows).sorted { $0.from < $1.from }
        for (a, b) in zip(windows, windows.dropFirst()) where b.from < a.to {
            throw DecodingError.dataCorruptedError(forKey: .windows, in: c, debugDescription: "call windows overlap")
        }
        lastDialMinutesBeforeClose = try c.decode(Int.self, forKey: .lastDial)
        var days = Set<CalendarDate>()
        for text in try c.decode([String].self, forKey: .noCallDays) {
            guard let d = CalendarDate(iso: text) else {
                throw DecodingError.dataCorruptedError(forKey: .noCallDays, in: c, debugDescription: "\"\(text)\" is not a date YYYY-MM-DD")
            }
            days.insert(d)
        }
        noCallDays = days
        maxDialsPerNumberPerDay = try c.decode(Int.self, forKey: .maxDials)
        let attempts = try c.decode(Attempts.self, forKey: .attempts)
        routineAttempts = attempts.routine
        recallAttempts = attempts.recall
        dispatchTimeoutMinutes = try c.decode(Int.self, forKey: .dispatchTimeout)
        recallStaffTaskSLAHours = try c.decode(Int.self, forKey: .sla)
        homeVisitDueDays = try c.decode(Int.self, forKey: .homeVisit)
        priorities = try c.decode([Priority].self, forKey: .priorities)
        guard Set(priorities) == Set(Priority.allCases) else {
            throw DecodingError.dataCorruptedError(forKey: .priorities, in: c, debugDescription: "list each of recall, window_closing, overdue, due once")
        }
        outcomes = try CallPolicy.keyed(try c.decode([String: OutcomeRule].self, forKey: .outcomes), at: c.codingPath + [CodingKeys.outcomes])
        callbackPhone = try c.decode(String.self, forKey: .callbackPhone)
        clinicName = try c.decode(String.self, forKey: .clinicName)
        scripts = try CallPolicy.keyed(try c.decode([String: String].self, forKey: .scripts), at: c.codingPath + [CodingKeys.scripts])
    }

    /// A JSON object with one entry per case of `K` (every outcome, every script topic).
    static func keyed<K: CaseIterable & RawRepresentable & Hashable, V>(_ raw: [String: V], at path: [any CodingKey]) throws -> [K: V]
    where K.RawValue == String {
        var map: [K: V] = [:]
        for key in K.allCases {
            guard let value = raw[key.rawValue] else {
                throw DecodingError.keyNotFound(AnyKey(key.rawValue), .init(codingPath: path, debugDescription: "every case needs an entry"))
            }
            map[key] = value
        }
        return map
    }

    /// Reads `programs/<id>.json` from the Schemas folder.
    public static func load(schemas: URL, id: String = "followup-2023") throws -> CallPolicy {
        try ProgrammeFile.load(CallPolicy.self, schemas: schemas, file: "programs/\(id).json")
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
