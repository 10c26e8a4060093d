import Foundation
import Testing

/// `GET /v1/events/stream` (SPEC 8.2): `id:` is the seq; a client that reconnects with
/// `Last-Event-ID` misses and repeats nothing; new events arrive once committed, from this
/// server or from the command line.
@Suite struct ServerStreamTests {
    @Test func theStreamResumesWithoutGapOrRepeatAfterADroppedConnection() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let auditor = try #require(fixture.tokens["auditor"])
        let port = fixture.server.port
        let first = try EventStreamReader(port: port, path: "/v1/events/stream?since_seq=0", token: auditor)
        #expect(first.status == 200)
        let early = try first.next(3)
        #expect(early.map(\.id) == [1, 2, 3])
        first.disconnect()
        // Meanwhile: one event over HTTP, one from the command line beside the server.
        let posted = try await fixture.server.client().postEvents(ServerFixture.events(budget: "PHB-S"), token: fixture.tokens["finance"])
        #expect(posted.status == 200)
        try fixture.server.cli.run(["post"], input: ServerFixture.events(budget: "PHB-T"))
        let resumed = try EventStreamReader(port: port, path: "/v1/events/stream?since_seq=0", token: auditor,
                                            lastEventID: "\(early.last!.id)")
        let rest = try resumed.next(8)
        #expect(rest.map(\.id) == Array(4...11))
        let exported = try fixture.server.cli.run(["export"]).lines
        #expect((early + rest).map(\.data) == exported)
        // A new event is pushed to the open stream once it is durable.
        try fixture.server.cli.run(["post"], input: #"{"id":"late","type":"allocation","budget":"PHB-T","date":"2025-04-03","amount":"2"}"#)
        #expect(try resumed.next(1).map(\.id) == [12])
    }
}
