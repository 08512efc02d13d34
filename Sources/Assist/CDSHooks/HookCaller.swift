import ScreenVaxCore
import ScreenVaxMacros

/// Who asks for a hook: the client's name for the audit, and the part of the province whose
/// patients it may see. A patient registered only outside it is answered exactly like an unknown
/// one; `screenvax assist` (the county office's own tool) sees the whole registry.
@PublicInit
public struct HookCaller: Sendable, Equatable {
    public let client: String?
    /// The caller's part of the province, as the rooms that own the records filter by it.
    public let area: AreaScope

    public static let commandLine = HookCaller(client: nil, area: .province)
}
