/// An optional property whose key is always written, `null` when there is no value: the output
/// contract gives strings-or-null, where Swift's synthesized encoding would leave the key out.
/// Decoding reads a missing key as nil too (with the `KeyedDecodingContainer` overload below).
@propertyWrapper
public struct NullWhenAbsent<Wrapped> {
    public var wrappedValue: Wrapped?

    public init(wrappedValue: Wrapped?) {
        self.wrappedValue = wrappedValue
    }
}

extension NullWhenAbsent: Encodable where Wrapped: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}

extension NullWhenAbsent: Decodable where Wrapped: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(Wrapped.self)
    }
}

extension NullWhenAbsent: Sendable where Wrapped: Sendable {}
extension NullWhenAbsent: Equatable where Wrapped: Equatable {}
extension NullWhenAbsent: Hashable where Wrapped: Hashable {}

extension KeyedDecodingContainer {
    /// A synthesized decoder asks for the wrapper with `decode`, which would fail on a missing key;
    /// an absent key is the same nil as an explicit `null`.
    public func decode<Wrapped: Decodable>(_ type: NullWhenAbsent<Wrapped>.Type, forKey key: Key) throws -> NullWhenAbsent<Wrapped> {
        try decodeIfPresent(type, forKey: key) ?? NullWhenAbsent(wrappedValue: nil)
    }
}
