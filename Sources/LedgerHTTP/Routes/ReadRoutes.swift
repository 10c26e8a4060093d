import Hummingbird
import LedgerDomain
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
            return Answer.json(writer.bytes, seq: seq)
        }
        router.get("/v1/budgets") { request, context in
            let user = try context.requireUser()
            let query = Query(request: request)
            let view = try query.view()
            let weeks = try query.surplusWeeks()
            let (bytes, seq) = try await service.snapshot { ledger in
                let states = try ledger.budgetStates(view: view).filter { user.maySee(budget: $0.budget) }
                return BalanceReport.canonicalLines(states, surplus: weeks.map { weeks in
                    { state, pot in Surplus.amount(of: pot, opening: state.opening, weeks: weeks) }
                })
            }
            return Answer.lines(bytes, seq: seq)
        }
        router.get("/v1/budgets/{budget}") { request, context in
            let user = try context.requireUser()
            let budget = try context.requireBudget(visibleTo: user)
            let view = try Query(request: request).view()
            let (state, seq) = try await service.snapshot { ledger in try ledger.budgetState(budget, view: view) }
            guard let state else { throw APIError.unknownBudget(budget) }
            return Answer.json(BalanceReport.json(state), seq: seq)
        }
        router.get("/v1/budgets/{budget}/audit") { request, context in
            let user = try context.requireUser()
            let budget = try context.requireBudget(visibleTo: user)
            let view = try Query(request: request).view()
            let accept = request.headers[.accept] ?? ""
            if accept.contains("text/csv") || accept.contains("text/html") {
                throw APIError(status: .notAcceptable, code: "bad_request", message: "this server answers the audit as JSON Lines only")
            }
            let (lines, seq) = try await service.snapshot { ledger -> [UInt8]? in
                guard try ledger.budgetState(budget) != nil else { return nil }
                var lines: [UInt8] = []
                try ledger.audit(budget, view: view) { entry in
                    lines += entry.json
                    lines.append(0x0A)
                }
                return lines
            }
            guard let lines else { throw APIError.unknownBudget(budget) }
            return Answer.lines(lines, seq: seq)
        }
        router.get("/v1/digest") { request, context in
            _ = try context.require([.finance, .auditor])
            let asOfSeq = try Query(request: request).unsigned("as_of_seq")
            let (digest, seq) = try await service.snapshot { ledger -> BalancesDigest? in
                if let asOfSeq, asOfSeq > (try ledger.eventCount()) { return nil }
                return try ledger.digest(asOfSeq: asOfSeq)
            }
            guard let digest else { throw APIError.badRequest("as_of_seq is beyond the last event (seq \(seq))") }
            return Answer.json(digest.json, seq: seq)
        }
        router.post("/v1/verify") { _, context in
            _ = try context.require([.finance, .auditor])
            let (report, seq) = try await service.snapshot { ledger in try ledger.verify() }
            return Answer.json(report.json, seq: seq)
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
                try ledger.exportPage(sinceSeq: since, limit: Int(limit)).reduce(into: [UInt8]()) { lines, event in
                    lines += event.line
                    lines.append(0x0A)
                }
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
                page.append((stored.envelope.seq, stored.exportLine))
            }
        } catch is PageFull {}
        return page
    }
}
