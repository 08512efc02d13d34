/// The services `GET /cds-services` lists. All answer the `patient-view` hook (a chart opens).
public enum AssistServiceID: String, Sendable, CaseIterable, Codable {
    case hpvReminder = "hpv-reminder"
    case screeningReminder = "screening-reminder"
    case recallAlert = "recall-alert"
    case aiAssist = "ai-assist"

    /// The services built from the registry's own rules.
    public static let rules: [AssistServiceID] = [.recallAlert, .hpvReminder, .screeningReminder]

    public static let hook = "patient-view"

    public var descriptor: ServiceDescriptor {
        switch self {
        case .hpvReminder:
            ServiceDescriptor(hook: Self.hook, title: "HPV vaccination reminder", description:
                "Reminds the clinician when a girl's next HPV dose under the county programme is due, overdue, or its window closes within the programme's closing days.",
                id: rawValue, usageRequirements: nil)
        case .screeningReminder:
            ServiceDescriptor(hook: Self.hook, title: "Prenatal and newborn screening reminder", description:
                "Lists the free prenatal or newborn screening services whose windows are open, closing or in catch-up for this patient.",
                id: rawValue, usageRequirements: nil)
        case .recallAlert:
            ServiceDescriptor(hook: Self.hook, title: "Screen-positive recall alert", description:
                "Alerts to an open recall case after a positive screen: the next step and its deadline; critical once the deadline has passed.",
                id: rawValue, usageRequirements: nil)
        case .aiAssist:
            ServiceDescriptor(hook: Self.hook, title: "AI-assisted advice", description:
                "The rule cards plus advice from a configured external AI service, labelled AI-generated; the AI receives only age, sex and coded programme status and findings.",
                id: rawValue, usageRequirements: "An external AI service configured with serve --ai-url; without it only the rule cards come back.")
        }
    }
}
