import Foundation

/// Hands rows from a reading thread to `next()`, a few batches at a time.
///
/// ZIPFoundation inflates a part by calling back with each chunk, and libxml2 calls back with each
/// element, so an xlsx sheet is read by pushing; an importer pulls rows one by one. The sheet is read on
/// a thread of its own that waits whenever `capacity` batches are waiting, so memory stays bounded
/// whatever the file's length. Closing the reader (or dropping it) stops the thread at its next row.
final class RowPump: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[SheetRow]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var progressBytes = 0
    private let capacity: Int
    let batchSize: Int

    // The consumer's side, touched only by the thread calling `next()`.
    private var current: [SheetRow] = []
    private var index = 0

    init(capacity: Int = 4, batchSize: Int = 256) {
        self.capacity = capacity
        self.batchSize = batchSize
    }

    /// Starts `produce` on its own thread; it gets a function to hand over each batch of rows and one to
    /// report progress, and its error (if any) is thrown by `next()` after the rows before it.
    func start(_ produce: @escaping @Sendable (_ send: @escaping ([SheetRow]) throws -> Void, _ progress: @escaping (Int) -> Void) throws -> Void) {
        let thread = Thread { [self] in
            do {
                try produce({ try self.send($0) }, { self.report($0) })
                self.finish(nil)
            } catch is PumpCancelled {
                self.finish(nil)
            } catch {
                self.finish(error)
            }
        }
        thread.name = "ScreenVax sheet reader"
        thread.start()
    }

    private func send(_ batch: [SheetRow]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw PumpCancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    private func report(_ bytes: Int) {
        condition.lock()
        progressBytes = bytes
        condition.unlock()
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    var bytesRead: Int {
        condition.lock()
        defer { condition.unlock() }
        return progressBytes
    }

    func next() throws -> SheetRow? {
        if index < current.count {
            index += 1
            return current[index - 1]
        }
        condition.lock()
        while batches.isEmpty && !finished { condition.wait() }
        guard !batches.isEmpty else {
            let error = failure
            failure = nil
            condition.unlock()
            if let error { throw error }
            return nil
        }
        current = batches.removeFirst()
        condition.broadcast()
        condition.unlock()
        index = 1
        return current.first
    }

    /// Stops the reading thread (it ends at its next row) and wakes anyone waiting; `next()` then returns
    /// nil. Called from the consumer's side (`close()`, `deinit`), like `next()`.
    func cancel() {
        current = []
        index = 0
        condition.lock()
        cancelled = true
        finished = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
