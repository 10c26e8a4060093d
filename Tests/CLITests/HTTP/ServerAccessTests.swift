import HTTPTypes
import Foundation
import HummingbirdTesting
import Testing

/// Every role (and no token) against every route (SPEC 8.1, 8.2): who may do what, with the
/// status and code of 8.3.
@Suite struct ServerAccessTests {
    struct Route: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        /// The expected status for finance, auditor, viewer, and no token.
        let finance: Int, auditor: Int, viewer: Int, anonymous: Int
        var body: String? = nil
        var description: String { "\(method) \(path)" }
    }

    static let routes: [Route] = [
        Route(method: .get, path: "/v1/health", finance: 200, auditor: 200, viewer: 200, anonymous: 200),
        Route(method: .get, path: "/openapi.yaml", finance: 200, auditor: 200, viewer: 200, anonymous: 200),
        Route(method: .post, path: "/v1/events", finance: 200, auditor: 403, viewer: 403, anonymous: 401, body: "ROLE_EVENT"),
        Route(method: .get, path: "/v1/budgets", finance: 200, auditor: 200, viewer: 200, anonymous: 401),
        Route(method: .get, path: "/v1/budgets/PHB-V", finance: 200, auditor: 200, viewer: 200, anonymous: 401),
        Route(method: .get, path: "/v1/budgets/PHB-W", finance: 200, auditor: 200, viewer: 404, anonymous: 401),
        Route(method: .get, path: "/v1/budgets/PHB-V/audit", finance: 200, auditor: 200, viewer: 200, anonymous: 401),
        Route(method: .get, path: "/v1/budgets/PHB-W/audit", finance: 200, auditor: 200, viewer: 404, anonymous: 401),
        Route(method: .get, path: "/v1/report?from=2025-04-01&to=2026-03-31", finance: 200, auditor: 200, viewer: 403, anonymous: 401),
        Route(method: .post, path: "/v1/budgets/PHB-V/reconciliations?pot=direct_payment&period_end=2025-04-30",
              finance: 400, auditor: 400, viewer: 403, anonymous: 401, body: "STATEMENT"),
        Route(method: .post, path: "/v1/budgets/PHB-D/reconciliations?pot=direct_payment&period_end=2025-04-30",
              finance: 200, auditor: 200, viewer: 403, anonymous: 401, body: "STATEMENT"),
        Route(method: .post, path: "/v1/budgets/PHB-D/reconciliations?pot=direct_payment&period_end=2025-04-30&post=true",
              finance: 200, auditor: 403, viewer: 403, anonymous: 401, body: "STATEMENT"),
        Route(method: .get, path: "/v1/digest", finance: 200, auditor: 200, viewer: 403, anonymous: 401),
        Route(method: .get, path: "/v1/events?since_seq=0&limit=10", finance: 200, auditor: 200, viewer: 403, anonymous: 401),
        Route(method: .get, path: "/v1/events/stream?since_seq=0", finance: 200, auditor: 200, viewer: 403, anonymous: 401),
        Route(method: .post, path: "/v1/verify", finance: 200, auditor: 200, viewer: 403, anonymous: 401),
        Route(method: .get, path: "/metrics", finance: 200, auditor: 200, viewer: 200, anonymous: 401),
    ]

    @Test func everyRoleAgainstEveryRoute() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        for route in ServerAccessTests.routes {
            for (role, expected) in [("finance", route.finance), ("auditor", route.auditor), ("viewer", route.viewer), ("none", route.anonymous)] {
                let token = fixture.tokens[role]
                let status: Int
                if route.path.hasPrefix("/v1/events/stream") {
                    status = try EventStreamReader(port: fixture.server.port, path: route.path, token: token ?? "").status
                } else {
                    let body = route.body.map { kind in
                        kind == "STATEMENT" ? "date,description,amount\n2025-04-03,transfer in,500.00\n"
                            : #"{"id":"role-\#(role)","type":"allocation","budget":"PHB-V","date":"2025-04-02","amount":"1"}"# + "\n"
                    }
                    let contentType = route.body == "STATEMENT" ? "text/csv" : "application/x-ndjson"
                    let answer = try await connection.send(route.method, route.path, token: token,
                                                           headers: body == nil ? [:] : [.contentType: contentType],
                                                           body: body.map { Array($0.utf8) })
                    status = answer.status
                    switch status {
                    case 401: #expect(answer.errorCode == "unauthenticated", "\(route) as \(role)")
                    case 403: #expect(answer.errorCode == "forbidden", "\(route) as \(role)")
                    case 404: #expect(answer.errorCode == "unknown_budget", "\(route) as \(role)")
                    default: break
                    }
                }
                #expect(status == expected, "\(route) as \(role)")
            }
        }
        // An unknown token is no token.
        #expect(try await connection.send(.get, "/v1/budgets", token: String(repeating: "0", count: 64)).status == 401)
        await connection.close()
    }

    @Test func aViewerSeesOnlyTheirBudgetsAndOthersDoNotExistForThem() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let viewer = fixture.tokens["viewer"]
        let list = try await connection.send(.get, "/v1/budgets", token: viewer)
        #expect(list.status == 200)
        #expect(list.text.split(separator: "\n").count == 1)
        #expect(list.text.contains("\"budget\":\"PHB-V\"") && !list.text.contains("PHB-W"))
        let hidden = try await connection.send(.get, "/v1/budgets/PHB-W", token: viewer)
        let missing = try await connection.send(.get, "/v1/budgets/PHB-NONE", token: viewer)
        // Not theirs and not there answer alike: nothing tells them the budget exists.
        #expect(hidden.status == 404 && missing.status == 404)
        #expect(hidden.errorCode == "unknown_budget" && missing.errorCode == "unknown_budget")
        #expect(try await connection.send(.get, "/v1/budgets", token: fixture.tokens["auditor"]).text.split(separator: "\n").count == 3)
        await connection.close()
    }

    @Test func aRevokedOrRotatedTokenIsRefusedAtOnce() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let auditor = fixture.tokens["auditor"]
        #expect(try await connection.send(.get, "/v1/digest", token: auditor).status == 200)
        let rotated = try fixture.server.cli.run(["users", "rotate", "aud"])
        let newToken = try #require(rotated.lines.last)
        #expect(try await connection.send(.get, "/v1/digest", token: auditor).status == 401)
        #expect(try await connection.send(.get, "/v1/digest", token: newToken).status == 200)
        #expect(try fixture.server.cli.run(["users", "revoke", "aud"]).status == 0)
        let refused = try await connection.send(.get, "/v1/digest", token: newToken)
        #expect(refused.status == 401 && refused.errorCode == "unauthenticated")
        await connection.close()
    }

    @Test func everyRequestIsLoggedAsOneJSONLineWithoutTheTokenOrTheBody() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let auditor = try #require(fixture.tokens["auditor"])
        #expect(try await connection.send(.get, "/v1/budgets/PHB-V?as_of_seq=2", token: auditor).status == 200)
        #expect(try await connection.send(.get, "/v1/digest", token: "not-a-token").status == 401)
        await connection.close()
        #expect(try fixture.server.stop().status == 0)
        let lines = fixture.server.child.standardError.split(separator: "\n").map(String.init)
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count, "every line is one JSON object")
        let read = objects.first { $0["path"] as? String == "/v1/budgets/PHB-V" }
        #expect(read?["user"] as? String == "aud" && read?["method"] as? String == "GET" && read?["status"] as? Int == 200)
        #expect(read?["seq"] as? Int == ServerFixture.seedEvents && read?["time"] is String && read?["duration_ms"] is Int)
        let refused = objects.first { $0["path"] as? String == "/v1/digest" }
        #expect(refused?["status"] as? Int == 401 && refused?["user"] is NSNull)
        // Never the token, nor the query string.
        for line in lines { #expect(!line.contains(auditor) && !line.contains("not-a-token") && !line.contains("as_of_seq")) }
    }
}
