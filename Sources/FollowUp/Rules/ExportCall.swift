import Foundation
import ScreenVaxCore
import ScreenVaxMacros

/// One call as handed to the voice platform (export file, `GET /api/v1/calls/next`): whom to
/// ask for, the number, the script template and its variables.
///
/// It names topic categories only (HPV vaccination, a screening appointment, "please contact the
/// clinic about your recent check"): never a service that came back positive, a result or a
/// diagnosis, and no resident ID.
@PublicInit
public struct ExportCall: Sendable, Hashable {
    public let callID: String
    public let name: String
    public let phone: String
    public let scriptTemplate: ScriptTopic
    /// Every topic of the call, most urgent first.
    public let topics: [ScriptTopic]
    public let variables: [String: String]
    public let priority: Priority

    public init(callID: String, phone: String, reasons: [CallReason], policy: CallPolicy) {
        self.callID = callID
        self.phone = phone
        name = reasons.addressees
        var topics: [ScriptTopic] = []
        for r in reasons where !topics.contains(r.topic) { topics.append(r.topic) }
        self.topics = topics
        scriptTemplate = topics.first ?? .screeningAppointment
        priority = reasons.first?.priority ?? .due
        var v = ["addressee": name, "clinic": policy.clinicName, "callback_phone": policy.callbackPhone,
                 "topics": topics.map(\.rawValue).joined(separator: ",")]
        // The one date a script may name: the last day an HPV dose can still be given.
        if let latest = reasons.filter({ $0.source == .hpv }).map(\.deadline).min() { v["latest"] = latest }
        variables = v
    }

    /// The template with its variables filled in, as the robot would say it.
    public func script(_ policy: CallPolicy) -> String {
        var text = policy.scripts[scriptTemplate] ?? ""
        for (k, v) in variables { text = text.replacingOccurrences(of: "{\(k)}", with: v) }
        return text
    }

    public func masked() -> ExportCall {
        ExportCall(callID: callID, name: name, phone: Masking.phone(phone), scriptTemplate: scriptTemplate, topics: topics,
                   variables: variables, priority: priority)
    }

    /// The wire JSON (export file, HTTP), keys sorted so the same batch is the same bytes.
    public func json(_ policy: CallPolicy) -> String {
        var vars = JSONWriter()
        for (k, v) in variables.sorted(by: { $0.key < $1.key }) { vars.string(k, v) }
        var w = JSONWriter()
        w.string("call_id", callID)
        w.string("name", name)
        w.string("phone", phone)
        w.string("priority", priority.rawValue)
        w.string("script", script(policy))
        w.string("script_template", scriptTemplate.rawValue)
        w.strings("topics", topics.map(\.rawValue))
        w.raw("variables", vars.finished())
        return w.finished()
    }
}
