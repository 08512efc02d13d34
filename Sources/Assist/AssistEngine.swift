import Foundation
import HPV
import Logging
import ScreenVaxCore
import Screening
import Store

/// Answers hook calls: reads the patient's facts, runs the rule services (and the AI for
/// `ai-assist`), gives each card a uuid, and appends the call to the audit.
public struct AssistEngine: Sendable {
    public enum Origin: String, Sendable { case http, cli }

    public struct Answer: Sendable {
        public let cards: [Card]
        public let audit: HookAuditEntry
    }

    public static let supportedHooks: Set<String> = ["patient-view", "encounter-start"]
    static let maxHookInstance = 100

    public let database: RegistryDatabase
    public let hpvProgramme: HPVProgramme
    public let screeningProgramme: ScreeningProgramme
    public let ai: AIClient?
    public let clock: Clock
    public let logger: Logger

    public init(database: RegistryDatabase, hpvProgramme: HPVProgramme, screeningProgramme: ScreeningProgramme,
                ai: AIConfiguration?, clock: Clock = .system, logger: Logger) {
        self.database = database
        self.hpvProgramme = hpvProgramme
        self.screeningProgramme = screeningProgramme
        self.ai = ai.map(AIClient.init(configuration:))
        self.clock = clock
        self.logger = logger
    }

    /// Loads the programmes from `schemas`.
    public init(database: RegistryDatabase, schemas: URL, ai: AIConfiguration?, clock: Clock = .system, logger: Logger) throws {
        self.init(database: database, hpvProgramme: try HPVProgramme.load(schemas: schemas),
                  screeningProgramme: try ScreeningProgramme.load(schemas: schemas), ai: ai, clock: clock, logger: logger)
    }

    /// - Parameter caller: the client and its area; a patient registered only outside the area is
    ///   answered exactly like an unknown one (no cards), and the audit says so.
    public func answer(service: AssistServiceID, request: HookRequest, language: CardLanguage, asOf: CalendarDate? = nil,
                       origin: Origin, caller: HookCaller = .commandLine) async throws -> Answer {
        let started = ContinuousClock.now
        guard AssistEngine.supportedHooks.contains(request.hook) else {
            throw AssistError.unsupportedHook(request.hook, service: service.rawValue)
        }
        guard let patientID = request.context.patientId?.trimmingCharacters(in: .whitespaces), !patientID.isEmpty else {
            throw AssistError.missingPatient
        }
        let day = asOf ?? clock.today()
        let programmeID = hpvProgramme.id
        let parts: PatientFactsQuery.Parts = switch service {
        case .hpvReminder: .hpv
        case .screeningReminder: .screening
        case .recallAlert: .recall
        case .aiAssist: .all
        }
        let lookup = try await database.pool.read { db in
            try PatientFactsQuery.lookup(db, patientID: patientID, hpvProgramme: programmeID, parts: parts, caller: caller)
        }
        var facts: PatientFacts?
        var outsideMasked: String?
        switch lookup {
        case .found(let f): facts = f
        case .outsideArea(let masked): outsideMasked = masked
        case .unknown: break
        }
        // A hookInstance is a uuid; whatever else a client sends is cut before the audit and the logs keep it.
        let instance = String(request.hookInstance.prefix(AssistEngine.maxHookInstance))
        var cards: [Card] = []
        var aiOutcome = ai == nil ? "not_configured" : "not_asked"
        if let facts {
            let services = service == .aiAssist ? AssistServiceID.rules : [service]
            cards = ruleCards(facts, services: services, asOf: day, language: language)
            if service == .aiAssist, let ai {
                let outcome = await ai.advise(AIRequest(facts: facts, hpvProgramme: hpvProgramme, screeningProgramme: screeningProgramme,
                                                        asOf: day, language: language, hook: request.hook))
                aiOutcome = outcome.code
                switch outcome {
                case .answered(let answer): cards += answer.cards(language: language)
                case .failed(let reason):
                    logger.warning("AI service failed; rule cards only", metadata: ["hook_instance": "\(instance)", "reason": "\(reason)"])
                case .timeout, .malformed:
                    logger.warning("AI service gave no usable answer; rule cards only",
                                   metadata: ["hook_instance": "\(instance)", "outcome": "\(outcome.code)"])
                }
            }
        }
        cards = cards.map { var c = $0; c.uuid = UUID().uuidString.lowercased(); return c }
        let latency = started.duration(to: .now)
        let entry = HookAuditEntry(
            at: clock.timestamp(), service: service.rawValue, hook: request.hook, hookInstance: instance,
            origin: origin.rawValue, patientMasked: facts?.maskedIdentity ?? outsideMasked ?? AssistEngine.maskedUnknown(patientID),
            patientFound: facts != nil, cardIDs: cards.compactMap(\.uuid), indicators: cards.map(\.indicator.rawValue),
            latencyMs: Double(latency.components.attoseconds) / 1e15 + Double(latency.components.seconds) * 1000,
            aiCalled: aiOutcome != "not_configured" && aiOutcome != "not_asked", aiOutcome: aiOutcome,
            client: caller.client, outsideArea: outsideMasked != nil)
        try await database.pool.write { db in try HookAudit.record(db, entry) }
        return Answer(cards: cards, audit: entry)
    }

    /// The rule services' cards for these facts, most urgent first (critical, warning, info), in
    /// the order of `services` within one indicator.
    public func ruleCards(_ facts: PatientFacts, services: [AssistServiceID], asOf: CalendarDate, language: CardLanguage) -> [Card] {
        var cards: [Card] = []
        for service in services {
            switch service {
            case .hpvReminder:
                if let girl = facts.girl {
                    cards += HPVReminderCards.cards(girl: girl, programme: hpvProgramme, asOf: asOf, language: language)
                }
            case .screeningReminder:
                cards += ScreeningReminderCards.cards(subjects: facts.screeningSubjects, programme: screeningProgramme,
                                                      asOf: asOf, language: language)
            case .recallAlert:
                cards += RecallAlertCards.cards(cases: facts.recallCases, programme: screeningProgramme, asOf: asOf, language: language)
            case .aiAssist:
                break
            }
        }
        return cards.enumerated().sorted { a, b in
            a.element.indicator != b.element.indicator ? a.element.indicator > b.element.indicator : a.offset < b.offset
        }.map(\.element)
    }

    public func feedback(service: AssistServiceID, request: FeedbackRequest) async throws -> Int {
        let entries = try FeedbackRecords.entries(request)
        let at = clock.timestamp()
        return try await database.pool.write { db in
            try FeedbackRecords.record(db, service: service.rawValue, entries: entries, at: at)
        }
    }

    /// A patient id that matched no one, as the audit keeps it: masked like a resident ID when it
    /// looks like one, else only its length.
    static func maskedUnknown(_ raw: String) -> String {
        raw.count == 18 ? Masking.residentID(raw.uppercased()) : "unknown(\(raw.count) chars)"
    }
}
