import Foundation
import Hummingbird

extension HubServer {
    /// `GET /api/v1/conflicts?after=ID&limit=N`: the open conflicts involving the calling county,
    /// each with the county's own records only (the others are named by county, never by record).
    /// `{"conflicts": [...], "next_after": ID or null}`; limit 1…1000, default 500.
    func conflicts(_ request: Request) async throws -> Response {
        let county: String?
        do { county = try await self.county(of: request) } catch { return HubServer.unavailable(logger, error) }
        guard let county else { return HubServer.unauthorized }
        let query = request.uri.queryParameters
        let after = query.get("after").map { Int($0) }
        let limit = query.get("limit").map { Int($0) }
        if case .some(nil) = after { return HubServer.answer(400, BatchAnswer.error("after must be a whole number (the last id read)")) }
        if case .some(nil) = limit { return HubServer.answer(400, BatchAnswer.error("limit must be a whole number from 1 to 1000")) }
        let from = max(0, (after ?? 0) ?? 0)
        let count = min(1000, max(1, (limit ?? 500) ?? 500))
        let list: [HubConflict]
        do {
            list = try await ConflictList.read(database, county: county, after: from, limit: count, ownRecordsOnly: true)
        } catch {
            return HubServer.unavailable(logger, error)
        }
        struct Page: Encodable {
            let conflicts: [HubConflict]
            let nextAfter: Int?
            enum CodingKeys: String, CodingKey {
                case conflicts
                case nextAfter = "next_after"
            }
        }
        let page = Page(conflicts: list, nextAfter: list.count == count ? list.last?.id : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(page)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"conflicts\":[]}"
        return HubServer.answer(200, body)
    }
}
