import Foundation
import GRDB

/// Feedback on cards (`assist_feedback`), append-only; a resent entry is stored once.
public enum FeedbackRecords {
    public struct Entry: Sendable, Equatable {
        public var cardUUID: String
        public var outcome: String
        public var acceptedSuggestions: [String]
        public var overrideCode: String?
        public var overrideDisplay: String?
        public var userComment: String?
        public var outcomeTimestamp: String
    }

    /// Checks each entry of a feedback request; the first problem names its entry.
    public static func entries(_ request: FeedbackRequest) throws(AssistError) -> [Entry] {
        guard !request.feedback.isEmpty else { throw .badFeedback(entry: 0, problem: "the feedback list is empty") }
        var out: [Entry] = []
        for (i, f) in request.feedback.enumerated() {
            guard !f.card.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .badFeedback(entry: i, problem: "card is empty; send the uuid of the card the feedback is about")
            }
            guard f.outcome == "accepted" || f.outcome == "overridden" else {
                throw .badFeedback(entry: i, problem: "outcome \"\(f.outcome)\" is neither accepted nor overridden")
            }
            guard !f.outcomeTimestamp.isEmpty else {
                throw .badFeedback(entry: i, problem: "outcomeTimestamp is required (an ISO 8601 instant)")
            }
            out.append(Entry(cardUUID: f.card, outcome: f.outcome, acceptedSuggestions: f.acceptedSuggestions?.map(\.id) ?? [],
                             overrideCode: f.overrideReason?.reason?.code, overrideDisplay: f.overrideReason?.reason?.display,
                             userComment: f.overrideReason?.userComment, outcomeTimestamp: f.outcomeTimestamp))
        }
        return out
    }

    /// Stores the entries; returns how many were new.
    @discardableResult
    public static func record(_ db: Database, service: String, entries: [Entry], at: String) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO assist_feedback (at, service, card_uuid, outcome, accepted_suggestions, override_code,
                                                   override_display, user_comment, outcome_timestamp)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var added = 0
        for e in entries {
            let accepted = String(decoding: try JSONEncoder().encode(e.acceptedSuggestions), as: UTF8.self)
            try statement.execute(arguments: [at, service, e.cardUUID, e.outcome, accepted, e.overrideCode, e.overrideDisplay,
                                              e.userComment, e.outcomeTimestamp])
            added += db.changesCount
        }
        return added
    }

    public static func count(_ db: Database, cardUUID: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assist_feedback WHERE card_uuid = ?", arguments: [cardUUID]) ?? 0
    }
}
