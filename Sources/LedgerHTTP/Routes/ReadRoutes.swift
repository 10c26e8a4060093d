import Hummingbird
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// The reading routes of SPEC 8.2. Each answer is computed from one state of the ledger.
struct ReadRoutes {
    let service: LedgerService

    func add(to router: Router<LedgerRequestContext>) {
        router.get("/v1/health") { _, _ in
            let seq = try await service.blocking { [service] in try service.ledger.eventCount() }
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("status", "ok")
            writer.field("seq", seq)
            writer.endObject()
            return Answer.json(writer.bytes + [0x0A], seq: seq)
        }
        router.get("/v1/budgets") { request, context in
            let user = try context.requireUser()
            let query = Query(request: request)
            let view = try query.view()
            let weeks = try query.surplusWeeks()
            let (bytes, seq) = try await service.snapshot { ledger in
                BalanceOutput.jsonLines(try ledger.balanceSheet(view: view, surplusWeeks: weeks).filter { user.maySee(budget: $0.budget) })
            }
            return Answer.lines(bytes, seq: seq)
        }
        router.get("/v1/budgets/{budget}") { request, context in
            let user = try context.requireUser()
            let budget = try context.requireBudget(visibleTo: user)
            let view = try Query(request: request).view()
            let (state, seq) = try await service.snapshot { ledger in try ledger.budgetState(budget, view: view) }
            guard let state else { throw APIError.unknownBudget(budget) }
            return Answer.json(BalanceOutput.json(state), seq: seq)
        }
        router.get("/v1/budgets/{budget}/audit") { request, context in
            let user = try context.requireUser()
            let budget = try context.requireBudget(visibleTo: user)
            let view = try Query(request: request).view()
            let accept = request.headers[.accept] ?? ""
            let form: AuditForm = accept.contains("text/html") ? .html : accept.contains("text/csv") ? .csv : .json
            let description = Query(request: request).viewDescription
            let (bytes, seq) = try await service.snapshot { ledger -> [UInt8]? in
                guard try ledger.budgetState(budget) != nil else { return nil }
                return try form.render(budget, view: view, viewDescription: description, from: ledger)
            }
            guard let bytes else { throw APIError.unknownBudget(budget) }
            return Answer.ok(bytes, seq: seq, contentType: form.contentType)
        }
        router.get("/v1/digest") { request, context in
            _ = try context.require([.finance, .auditor])
            let asOfSeq = try Query(request: request).unsigned("as_of_seq")
            let (digest, seq) = try await service.snapshot { ledger -> BalancesDigest? in
                if let asOfSeq, asOfSeq > (try ledger.eventCount()) { return nil }
                return try ledger.digest(asOfSeq: asOfSeq)
            }
            guard let digest else { throw APIError.badRequest("as_of_seq is beyond the last event (seq \(seq))") }
            return Answer.json(IntegrityOutput.json(digest), seq: seq)
        }
        router.post("/v1/verify") { _, context in
            _ = try context.require([.finance, .auditor])
            let (report, seq) = try await service.snapshot { ledger in try ledger.verify() }
            return Answer.json(IntegrityOutput.json(report), seq: seq)
        }
        router.get("/v1/events") { request, context in
            _ = try context.require([.finance, .auditor])
            let query = Query(request: request)
            let since = try query.unsigned("since_seq") ?? 0
            let limit = try query.unsigned("limit") ?? UInt64(ServerConfiguration.exportLimitMax)
            guard (1...UInt64(ServerConfiguration.exportLimitMax)).contains(limit) else {
                throw APIError.badRequest("limit must be from 1 to \(ServerConfiguration.exportLimitMax)")
            }
            // The export-page use case reads the events and the last seq from one snapshot.
            let ledger = service.ledger
            let page = try await service.blocking { try ledger.exportPage(sinceSeq: since, limit: Int(limit)) }
            return Answer.lines(page.events.reduce(into: [UInt8]()) { $0 += ExportOutput.line($1) }, seq: page.lastSeq)
        }
    }
}
