import Curl
import Foundation
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// Brings this county's conflicts back from the provincial hub (`GET /api/v1/conflicts`, page
/// by page) and stores them in one transaction (`ConflictRecords.replace`).
///
/// Blocking, like `Pusher`: run it on a thread of its own (`PushThread`).
@PublicInit
public struct ConflictPull {
    let database: RegistryDatabase
    let settings: SyncSettings
    var clock: Clock = .system
    /// Pages of 500; a pull stops after this many (a county with 100,000 open conflicts has a
    /// problem no pull will show).
    static let maxPages = 200

    /// The conflicts URL beside the batches URL: `…/api/v1/batches` → `…/api/v1/conflicts`.
    public static func url(batches endpoint: String) throws -> String {
        let base = endpoint.split(separator: "?", maxSplits: 1).first.map(String.init) ?? endpoint
        guard base.hasSuffix("/batches") else {
            throw SyncError.configuration("the endpoint \(base) does not end in /batches, so the conflicts URL beside it is unknown; give the full batch URL, e.g. https://platform.example/api/v1/batches")
        }
        return String(base.dropLast("batches".count)) + "conflicts"
    }

    @discardableResult
    public func run() throws -> ConflictRecords.Change {
        let url = try ConflictPull.url(batches: settings.endpoint)
        let handle: EasyHandle
        do { handle = try EasyHandle(options: settings.transfer) } catch { throw SyncError.configuration(error.description) }
        var all: [CountyConflict] = []
        var after = 0
        for _ in 0..<ConflictPull.maxPages {
            let page = try fetch(handle, url: "\(url)?after=\(after)&limit=500")
            all += page.conflicts.map(\.county)
            guard let next = page.nextAfter, next > after else { break }
            after = next
        }
        let now = clock.timestamp()
        let pulled = all
        return try database.write { db in try ConflictRecords.replace(db, with: pulled, at: now) }
    }

    private struct Page: Decodable {
        struct Item: Decodable {
            struct Record: Decodable {
                let countyCode: String
                let type: String
                let uuid: String

                enum CodingKeys: String, CodingKey {
                    case type, uuid
                    case countyCode = "county_code"
                }
            }
            let id: Int
            let kind: String
            let residentIDMasked: String
            let counties: [String]
            let records: [Record]
            let detectedAt: String

            enum CodingKeys: String, CodingKey {
                case id, kind, counties, records
                case residentIDMasked = "resident_id_masked"
                case detectedAt = "detected_at"
            }

            var county: CountyConflict {
                CountyConflict(hubID: id, kind: kind, residentIDMasked: residentIDMasked, counties: counties,
                               records: records.map { .init(type: $0.type, uuid: $0.uuid) }, detectedAt: detectedAt, resolvedAt: nil)
            }
        }
        let conflicts: [Item]
        let nextAfter: Int?

        enum CodingKeys: String, CodingKey {
            case conflicts
            case nextAfter = "next_after"
        }
    }

    private func fetch(_ handle: EasyHandle, url: String) throws -> Page {
        let response: HTTPResponse
        do {
            response = try handle.get(url: url, headers: ["Accept: application/json", "Authorization: Bearer \(settings.token)"])
        } catch {
            throw error.kind == .tls ? SyncError.tls(error) : SyncError.conflictsUnavailable(error.description)
        }
        switch response.status {
        case 200:
            guard let page = try? JSONDecoder().decode(Page.self, from: Data(response.body)) else {
                throw SyncError.conflictsUnavailable("the hub's answer is not a list of conflicts")
            }
            return page
        case 401, 403:
            throw SyncError.authentication(status: response.status, platformMessage: Pusher.platformMessage(response))
        default:
            throw SyncError.unexpectedStatus(response.status, platformMessage: Pusher.platformMessage(response))
        }
    }
}
