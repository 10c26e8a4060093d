import HTTPTypes
import Foundation
import Hummingbird
import LedgerApplication
import LedgerRendering
import LedgerStore

/// `GET /v1/events/stream` (SPEC 8.2): Server-Sent Events, one per ledger event after
/// `since_seq` (or after `Last-Event-ID`, which wins), `id:` = its seq and `data:` its export
/// line; then each new event once it is committed, by this server or any other process (the
/// chain tip is polled). Events are read a page at a time and written only as fast as the
/// client takes them; a client that takes nothing for `writeTimeout` is disconnected, so a slow
/// reader costs one page of memory, not the whole log.
struct StreamRoute {
    let service: LedgerService

    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    static let pageEventsMax = 512
    static let pollInterval = Duration.milliseconds(50)
    static let writeTimeout = Duration.seconds(30)
    /// A comment line now and then keeps proxies from closing a quiet stream.
    static let heartbeatInterval = Duration.seconds(15)

    func add(to router: Router<LedgerRequestContext>) {
        router.get("/v1/events/stream") { request, context in
            _ = try context.require([.finance, .auditor])
            var since = try Query(request: request).unsigned("since_seq") ?? 0
            if let lastEventID = request.headers[StreamRoute.lastEventID] {
                guard let seq = UInt64(lastEventID.trimmingCharacters(in: .whitespaces)) else {
                    throw APIError.badRequest("Last-Event-ID must be the seq of an event")
                }
                since = seq
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            let seqNow = try await service.blocking { [service] in try service.ledger.eventCount() }
            headers[Answer.ledgerSeq] = "\(seqNow)"
            let from = since
            return Response(status: .ok, headers: headers, body: ResponseBody { [service] writer in
                try await StreamRoute.run(from: from, ledger: service.ledger, service: service, writer: &writer)
                try await writer.finish(nil)
            })
        }
    }

    private static func run(from since: UInt64, ledger: Ledger, service: LedgerService, writer: inout any ResponseBodyWriter) async throws {
        var next = since
        var quietSince = ContinuousClock.now
        while !Task.isCancelled && !service.stop.isRaised {
            let after = next
            let page = try await service.blocking { try ledger.exportPage(sinceSeq: after, limit: pageEventsMax).events }
            var buffer = ByteBuffer()
            if let last = page.last {
                for event in page {
                    buffer.writeString("id: \(event.envelope.seq)\ndata: ")
                    buffer.writeBytes(ExportOutput.line(event))  // the export line, with its line break
                    buffer.writeString("\n")
                }
                next = last.envelope.seq
            } else if ContinuousClock.now - quietSince >= heartbeatInterval {
                buffer.writeString(": still here\n\n")
            }
            if buffer.readableBytes > 0 {
                try await write(buffer, to: &writer)
                quietSince = ContinuousClock.now
            }
            if page.count < pageEventsMax { try await Task.sleep(for: pollInterval) }
        }
    }

    /// Writes, or gives up on a client that has not taken anything for `writeTimeout`: the
    /// writer suspends while the client's window is full, so a watchdog cancels this task
    /// (the pending write then throws and the connection is closed).
    private static func write(_ buffer: ByteBuffer, to writer: inout any ResponseBodyWriter) async throws {
        let current = CurrentTask(task: withUnsafeCurrentTask { $0 })
        let watchdog = Task { () -> Bool in
            do { try await Task.sleep(for: writeTimeout) } catch { return false }
            current.task?.cancel()
            return true
        }
        do {
            try await writer.write(buffer)
        } catch {
            watchdog.cancel()
            _ = await watchdog.value
            throw error
        }
        watchdog.cancel()
        if await watchdog.value { throw CancellationError() }
    }

    /// The streaming task, for its watchdog. It outlives the watchdog, which is always awaited.
    private struct CurrentTask: @unchecked Sendable {
        let task: UnsafeCurrentTask?
    }
}
