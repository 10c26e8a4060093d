import Foundation

/// A server over a small ledger, with one user of each role: the viewer may see `PHB-V` only.
struct ServerFixture {
    let server: ServerProcess
    let tokens: [String: String]

    static let viewerBudget = "PHB-V"
    static let otherBudget = "PHB-W"

    static func events(budget: String, prefix: String = "") -> String {
        """
        {"id":"\(prefix)\(budget)/open","type":"budget_opened","budget":"\(budget)","date":"2025-04-01","person":"P-1","holding_model":"notional","period_start":"2025-04-01","period_end":"2026-03-31"}
        {"id":"\(prefix)\(budget)/alloc","type":"allocation","budget":"\(budget)","date":"2025-04-01","amount":"1000"}

        """
    }

    /// Seven events: two notional budgets, and a direct-payment budget with one transfer in
    /// (for the reconciliation routes).
    static let seed = events(budget: viewerBudget) + events(budget: otherBudget) + """
        {"id":"PHB-D/open","type":"budget_opened","budget":"PHB-D","date":"2025-04-01","person":"P-2","holding_model":"direct_payment","period_start":"2025-04-01","period_end":"2026-03-31"}
        {"id":"PHB-D/alloc","type":"allocation","budget":"PHB-D","date":"2025-04-01","amount":"6000"}
        {"id":"PHB-D/dp-1","type":"direct_payment_transfer","budget":"PHB-D","date":"2025-04-02","amount":"500"}

        """
    static let seedEvents = 7

    init() throws {
        let cli = CLIRunner()
        try cli.run(["init"])
        try cli.run(["post"], input: ServerFixture.seed)
        server = try ServerProcess(cli)
        tokens = [
            "finance": try server.addUser("fin", role: "finance"),
            "auditor": try server.addUser("aud", role: "auditor"),
            "viewer": try server.addUser("viv", role: "viewer", budgets: [ServerFixture.viewerBudget]),
        ]
    }

    func finish() {
        _ = try? server.stop()
        server.cli.remove()
    }
}
