/// One entry of `GET /cds-services`.
public struct ServiceDescriptor: Codable, Sendable, Equatable {
    public var hook: String
    public var title: String
    public var description: String
    public var id: String
    public var usageRequirements: String?
}

/// The discovery document: `{"services": [...]}`.
public struct DiscoveryResponse: Codable, Sendable, Equatable {
    public var services: [ServiceDescriptor]
    public init(services: [ServiceDescriptor]) { self.services = services }
}
