/// The body of `POST /cds-services/{id}`. Prefetch and FHIR authorization are accepted and
/// ignored: the registry answers from its own database.
public struct HookRequest: Decodable, Sendable {
    public struct Context: Decodable, Sendable {
        public var patientId: String?
        public var userId: String?
        public var encounterId: String?
    }

    public var hook: String
    public var hookInstance: String
    public var fhirServer: String?
    public var context: Context

    public init(hook: String, hookInstance: String, patientId: String?) {
        self.hook = hook
        self.hookInstance = hookInstance
        self.fhirServer = nil
        self.context = Context(patientId: patientId, userId: nil, encounterId: nil)
    }
}

/// The body of `POST /cds-services/{id}/feedback`.
public struct FeedbackRequest: Decodable, Sendable {
    public struct Entry: Decodable, Sendable {
        public struct Accepted: Decodable, Sendable { public var id: String }
        public struct Override: Decodable, Sendable {
            public var reason: Coding?
            public var userComment: String?
        }
        public var card: String
        public var outcome: String
        public var acceptedSuggestions: [Accepted]?
        public var overrideReason: Override?
        public var outcomeTimestamp: String
    }

    public var feedback: [Entry]
}
