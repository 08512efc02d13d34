import Compression
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension HubServer {
    // A valid field name, so the initialiser cannot fail.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `POST /api/v1/batches`: 401 without a county's token, 400 for an unreadable envelope or a
    /// missing key, 403 when a record is another county's, 413 over the size caps, 422 for a key
    /// reused with another body, else 200 with one result per record.
    func receive(_ request: Request, context: HubRequestContext) async throws -> Response {
        let index = log.arrived()
        let faults = configuration.faults
        if faults.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(faults.delayMilliseconds)) }
        let county: String?
        do { county = try await self.county(of: request) } catch { return HubServer.unavailable(logger, error) }
        guard let county else { return HubServer.unauthorized }
        let fault = faults.fault(forRequest: index)
        switch fault {
        case .error500?: return HubServer.answer(500, BatchAnswer.error("injected fault: internal error"))
        case .unavailable503?:
            return HubServer.answer(503, BatchAnswer.error("injected fault: unavailable"), extra: [.retryAfter: String(faults.retryAfter)])
        case .tooMany429?:
            return HubServer.answer(429, BatchAnswer.error("injected fault: too many requests"), extra: [.retryAfter: String(faults.retryAfter)])
        case .drop?, nil: break
        }
        guard let rawKey = request.headers[HubServer.idempotencyKey] else {
            return HubServer.answer(400, BatchAnswer.error("the Idempotency-Key header is required"))
        }
        let key = rawKey.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard (8...80).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }) else {
            return HubServer.answer(400, BatchAnswer.error("the Idempotency-Key must be 8 to 80 printable characters (the batch_id)"))
        }
        var buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: configuration.maxBodyBytes) } catch {
            return HubServer.answer(413, BatchAnswer.error("the body is larger than \(configuration.maxBodyBytes) bytes; send smaller batches"))
        }
        var body = buffer.readBytes(length: buffer.readableBytes) ?? []
        if request.headers[.contentEncoding]?.lowercased() == "gzip" {
            do { body = try Gzip.decompress(body, limit: configuration.maxDecodedBytes) } catch {
                if case .tooLarge = error {
                    return HubServer.answer(413, BatchAnswer.error("the body inflates beyond \(configuration.maxDecodedBytes) bytes; send smaller batches"))
                }
                return HubServer.answer(400, BatchAnswer.error("the gzip body cannot be decoded"))
            }
        }
        let batch: IncomingBatch
        do { batch = try IncomingBatch(body: body, schemas: schemas) } catch {
            return HubServer.answer(400, BatchAnswer.error(error.message))
        }
        let answer: BatchStore.Answer
        do {
            answer = try await store.store(batch, county: county, key: key, fingerprint: IncomingBatch.fingerprint(body))
        } catch {
            return HubServer.unavailable(logger, error)
        }
        logger.debug("batch", metadata: ["county": "\(county)", "records": "\(batch.records.count)", "status": "\(answer.status)"])
        if fault == .drop {
            // Stored, but the county never hears so: it must resend, and the resend must be harmless.
            try? await context.channel.close()
            throw HTTPError(.internalServerError)
        }
        return HubServer.answer(answer.status, answer.body)
    }
}
