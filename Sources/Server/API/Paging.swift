import Hummingbird

/// Whole numbers a client sends in a query or a form, read without trapping: each has a range,
/// and anything else (not a number, out of range, past Int) is a 400 `bad_parameter` naming it.
public enum QueryValue {
    /// `within`: days of look-ahead on a work list (ten years at most).
    public static let within = 0...3_650

    /// `text` as a whole number in `range`; nil when absent or empty.
    public static func integer(_ text: String?, name: String, in range: ClosedRange<Int>) throws(HTTPFailure) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard text.utf8.count <= 20, let n = Int(text), range.contains(n) else { throw HTTPFailure.badParameter(name, range: range) }
        return n
    }

    /// The query parameter `name` as a whole number in `range`, or `fallback` when absent.
    public static func integer(_ request: Request, _ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(HTTPFailure) -> Int {
        try integer(request.uri.queryParameters.get(name), name: name, in: range) ?? fallback
    }
}

/// One page of a list: every list the server answers (API and pages) has one, 50 lines unless
/// the client asks for another size (at most 1,000).
public struct Paging: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let limits = 1...1_000
    /// 10,000 pages of the largest size: more than any area's list, and `offset + limit` stays far from overflow.
    public static let offsets = 0...10_000_000
    public static let pages = 1...10_000

    public let offset: Int
    public let limit: Int

    public init(offset: Int = 0, limit: Int = Paging.defaultLimit) {
        self.offset = offset
        self.limit = limit
    }

    /// `offset` and `limit` of an API list.
    public static func api(_ request: Request) throws(HTTPFailure) -> Paging {
        Paging(offset: try QueryValue.integer(request, "offset", in: offsets, default: 0),
               limit: try QueryValue.integer(request, "limit", in: limits, default: defaultLimit))
    }

    /// `page` (from 1) of a web list, 50 lines a page.
    public static func page(_ request: Request) throws(HTTPFailure) -> (number: Int, paging: Paging) {
        try page(request.uri.queryParameters.get("page"))
    }

    /// A page number from a query or a form field (absent: the first).
    public static func page(_ text: String?) throws(HTTPFailure) -> (number: Int, paging: Paging) {
        let number = try QueryValue.integer(text, name: "page", in: pages) ?? 1
        return (number, Paging(offset: (number - 1) * defaultLimit, limit: defaultLimit))
    }

    /// This page of `all`.
    public func slice<Element>(_ all: [Element]) -> [Element] {
        let start = min(offset, all.count)
        return Array(all[start..<min(all.count, start + limit)])
    }

    /// How many pages of this size `total` lines make (at least one, so an empty list has a page 1).
    public func pageCount(total: Int) -> Int {
        max(1, (total + limit - 1) / limit)
    }
}
