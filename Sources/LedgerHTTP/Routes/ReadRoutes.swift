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
            // As of an earlier state, every budget's events are folded up to it.
            let (bytes, seq) = try await service.read(wholeLedger: !view.isEverything) { snapshot in
                BalanceOutput.jsonLines(try snapshot.balanceSheet(view: view, surplusWeeks: weeks).filter { user.maySee(budget: $0.budget) })
            }
            return Answer.lines(bytes, seq: seq)
        }
        router.get("/v1/budgets/{budget}") { request, context in
            let user = try context.requireUser()
            let budget = try context.requireBudget(visibleTo: user)
            let view = try Query(request: request).view()
            let (state, seq) = try await service.read { snapshot in try snapshot.balanceFigures(of: budget, view: view) }
            return Answer.json(BalanceOutput.json(state), seq: seq)
        }
        router.get("/v1/budgets/{budget}/audit") { request, context in
            let user = try context.requireUser()
            let budget = try context.requireBudget(visibleTo: user)
            let view = try Query(request: request).view()
            let accept = request.headers[.accept] ?? ""
            let form: AuditForm = accept.contains("text/html") ? .html : accept.contains("text/csv") ? .csv : .json
            let description = Query(request: request).viewDescription
            let (trail, seq) = try await service.read { snapshot in try snapshot.auditTrail(of: budget, view: view) }
            let bytes = form.render(trail, viewDescription: description)
            return Answer.ok(bytes, seq: seq, contentType: form.contentType)
        }
        router.get("/v1/digest") { request, context in
            _ = try context.require([.finance, .auditor])
            let asOfSeq = try Query(request: request).unsigned("as_of_seq")
            let (digest, seq) = try await service.read(wholeLedger: asOfSeq != nil) { snapshot in try snapshot.digest(asOfSeq: asOfSeq) }
            return Answer.json(IntegrityOutput.json(digest), seq: seq)
        }
        router.post("/v1/verify") { _, context in
            _ = try context.require([.finance, .auditor])
            // Verify reads the whole chain in one read transaction of its own, and says its last seq.
            let ledger = service.ledger
            let report = try await service.wholeLedger { try ledger.verify() }
            return Answer.json(IntegrityOutput.json(report), seq: report.lastSeq)
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
