import Hummingbird
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
                BalanceOutput.jsonLines(try ledger.budgetStates(view: view).filter { user.maySee(budget: $0.budget) }, surplusWeeks: weeks)
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
            let (lines, seq) = try await service.snapshot { ledger in
                try ledger.exportPage(sinceSeq: since, limit: Int(limit)).reduce(into: [UInt8]()) { $0 += $1.line }
            }
            return Answer.lines(lines, seq: seq)
        }
    }
}

extension Ledger {
    /// At most `limit` events after `sinceSeq`, each with its seq, as `export` prints them.
    func exportPage(sinceSeq: UInt64, limit: Int) throws -> [(seq: UInt64, line: [UInt8])] {
        struct PageFull: Error {}
        var page: [(seq: UInt64, line: [UInt8])] = []
        do {
            try export(sinceSeq: sinceSeq) { stored in
                guard page.count < limit else { throw PageFull() }
                page.append((stored.envelope.seq, ExportOutput.line(stored)))
            }
        } catch is PageFull {}
        return page
    }
}
