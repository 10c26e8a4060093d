import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
import Testing
@testable import LedgerHTTP

/// The web pages' sign-in sessions (issue 12): a cookie that holds only the session id, a
/// session that ends when the token is revoked or rotated, after 8 hours idle, or at sign-out.
/// (The pages themselves are driven in a real browser by Tests/Browser.) These requests go
/// straight to the client, not through `HTTPConnection.send`: they are not SPEC 8 answers for
/// the OpenAPI check.
@Suite struct WebSessionTests {
    func send(_ client: TestClient, _ method: HTTPRequest.Method, _ path: String, cookie: String? = nil,
              form: String? = nil) async throws -> (status: Int, headers: HTTPFields, body: String) {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(TestClient.Request(path, method: method, authority: "127.0.0.1", headers: headers,
                                                                   body: form.map { ByteBuffer(string: $0) }))
        return (Int(response.status.code), response.headers, response.body.map { String(buffer: $0) } ?? "")
    }

    func signIn(_ client: TestClient, token: String) async throws -> String {
        let answer = try await send(client, .post, "/sign-in", form: "token=\(token)")
        #expect(answer.status == 303)
        #expect(answer.headers[.location] == "/budgets")
        let setCookie = try #require(answer.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
        #expect(!setCookie.contains(token) && !setCookie.contains("Secure"))
        return String(setCookie.split(separator: ";")[0])
    }

    @Test func revokingOrRotatingTheTokenEndsTheSessionAtOnce() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let client = TestClient(host: "127.0.0.1", port: fixture.server.port, configuration: .init(timeout: HTTPConnection.answerTimeout))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        let auditor = try await signIn(client, token: try #require(fixture.tokens["auditor"]))
        let viewer = try await signIn(client, token: try #require(fixture.tokens["viewer"]))
        #expect(try await send(client, .get, "/budgets", cookie: auditor).status == 200)
        #expect(try await send(client, .get, "/budgets", cookie: viewer).status == 200)
        try fixture.server.cli.run(["users", "revoke", "aud"])
        _ = try fixture.server.cli.run(["users", "rotate", "viv"])
        for cookie in [auditor, viewer] {
            let answer = try await send(client, .get, "/budgets", cookie: cookie)
            #expect(answer.status == 303 && answer.headers[.location] == "/sign-in")
        }
    }

    @Test func aBadTokenIsRefusedWithTheFormAgainAndNoCookie() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let client = TestClient(host: "127.0.0.1", port: fixture.server.port, configuration: .init(timeout: HTTPConnection.answerTimeout))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        let answer = try await send(client, .post, "/sign-in", form: "token=" + String(repeating: "0", count: 64))
        #expect(answer.status == 401)
        #expect(answer.headers[.setCookie] == nil)
        #expect(answer.body.contains("name=\"token\"") && answer.body.contains("There is a problem"))
        #expect(try await send(client, .get, "/budgets", cookie: "ledger_session=" + String(repeating: "0", count: 64)).status == 303)
    }

    @Test func aSessionEndsAfterEightHoursIdleAndNotBefore() {
        let now = NIOLockedValueBox(ContinuousClock.now)
        let sessions = WebSessions(now: { now.withLockedValue { $0 } })
        let session = sessions.start(userName: "ana", tokenHash: [1, 2, 3])
        #expect(session.id.count == 64 && session.csrfToken.count == 64 && session.id != session.csrfToken)
        now.withLockedValue { $0 += .seconds(8 * 3600 - 1) }
        #expect(sessions.use(session.id)?.userName == "ana")
        // Used just now: another 8 hours from here.
        now.withLockedValue { $0 += .seconds(8 * 3600 - 1) }
        #expect(sessions.use(session.id) != nil)
        now.withLockedValue { $0 += .seconds(8 * 3600) }
        #expect(sessions.use(session.id) == nil)
        #expect(sessions.use(session.id) == nil)
        let other = sessions.start(userName: "ana", tokenHash: [1, 2, 3])
        sessions.end(other.id)
        #expect(sessions.use(other.id) == nil)
    }
}
