import Foundation
import LedgerDomain
import LedgerStore
#if canImport(Glibc)
import Glibc
#endif

/// `bench`'s HTTP figures: a `budget-ledger serve` child process on a fresh ledger, and
/// `clients` keep-alive connections each posting one event per request (durable, group
/// committed by the server), one budget per client so every event is accepted.
public enum HTTPPostBench {
    public struct Result: Sendable {
        public let eventsPerSecond: Double
        public let p99Milliseconds: Double
        /// Events per durable commit of the server's group committer (from its `/metrics`).
        public let eventsPerCommit: Double
    }

    /// - Parameter executable: the `budget-ledger` binary to run `serve` from.
    public static func run(executable: String, directory: String, clients: Int, events: Int) throws -> Result {
        let token: String
        do {
            let ledger = try Ledger.create(at: directory)
            token = try UserDirectory(ledger: ledger).add(name: "bench", role: .finance, budgets: [], by: "bench").token
        }  // closed here: the server opens the ledger next
        let server = try ServerChild(executable: executable, ledger: directory)
        defer { server.stop() }
        let workload = Workload(events: max(events, 8 * clients), budgets: clients)
        let perClient = Dictionary(grouping: workload, by: \.budget).values.map { events in
            events.map { event -> [UInt8] in
                var event = event
                event.actor = nil
                return Workload.line(event)
            }
        }
        let latencies = Latencies()
        let failures = Latencies()
        let port = server.port
        let start = Measurement.now()
        // One OS thread per client: concurrentPerform would run only as many at once as there
        // are cores, and a client spends its time waiting for its answer.
        let finished = DispatchGroup()
        for events in perClient {
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                do {
                    let connection = try KeepAliveConnection(port: port)
                    for line in events {
                        let begin = Measurement.now()
                        let status = try connection.send("POST", "/v1/events", token: token, body: line).status
                        latencies.add(Measurement.now() - begin)
                        if status != 200 { failures.add(1) }
                    }
                } catch {
                    failures.add(1)
                }
            }
            thread.start()
        }
        finished.wait()
        let seconds = Measurement.now() - start
        guard failures.count == 0 else { throw BenchError("\(failures.count) HTTP posts failed") }
        let metrics = try KeepAliveConnection(port: port).send("GET", "/metrics", token: token, body: [])
        // `ledger_commits N`: the commits this server's group committer made.
        let commits = String(decoding: metrics.body, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("ledger_commits ") }
            .flatMap { Double($0.split(separator: " ")[1]) } ?? 0
        return Result(eventsPerSecond: Double(latencies.count) / seconds,
                      p99Milliseconds: Measurement.quantile(0.99, of: latencies.values) * 1000,
                      eventsPerCommit: commits > 0 ? Double(latencies.count) / commits : 0)
    }

    private final class Latencies: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [Double] = []
        var count: Int { lock.withLock { values.count } }
        func add(_ value: Double) { lock.withLock { values.append(value) } }
    }
}

/// `budget-ledger serve --port 0` as a child; its port read from its first line of output.
private final class ServerChild {
    let pid: pid_t
    let port: Int

    init(executable: String, ledger: String) throws {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw BenchError("cannot make a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let arguments = [executable, "serve", "--ledger", ledger, "--port", "0", "--max-connections", "1024"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        let rc = posix_spawn(&child, executable, &actions, nil, argv, environ)
        close(pipe[1])
        guard rc == 0 else { close(pipe[0]); throw BenchError("cannot start the server: \(String(cString: strerror(rc)))") }
        pid = child
        // Read up to the first newline: "listening on http://127.0.0.1:PORT".
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(pipe[0], &byte, 1) == 1, byte != 0x0A { line.append(byte) }
        close(pipe[0])
        guard let port = String(decoding: line, as: UTF8.self).split(separator: ":").last.flatMap({ Int($0) }) else {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
            throw BenchError("the server did not start")
        }
        self.port = port
    }

    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// One keep-alive HTTP/1.1 connection with blocking reads: the load generator's client.
private final class KeepAliveConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var noDelay: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard socket >= 0, connected == 0 else { throw BenchError("cannot connect to the server") }
    }

    deinit { close(socket) }

    /// Sends one request and reads its whole answer.
    func send(_ method: String, _ path: String, token: String, body: [UInt8]) throws -> (status: Int, body: [UInt8]) {
        let head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + (body.isEmpty ? "" : "Content-Type: application/x-ndjson\r\n") + "Content-Length: \(body.count)\r\n\r\n"
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw BenchError("the server closed the connection") }
            sent += count
        }
        while true {
            if let end = find([13, 10, 13, 10]) {
                let headers = String(decoding: buffer[..<end], as: UTF8.self)
                let status = Int(headers.split(separator: " ").dropFirst().first ?? "") ?? 0
                let length = headers.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                while buffer.count < end + 4 + length { try receive() }
                let answer = Array(buffer[(end + 4)..<(end + 4 + length)])
                buffer.removeFirst(end + 4 + length)
                return (status, answer)
            }
            try receive()
        }
    }

    private func receive() throws {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = recv(socket, &chunk, chunk.count, 0)
        guard count > 0 else { throw BenchError("the server closed the connection") }
        buffer += chunk[..<count]
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for start in 0...(buffer.count - needle.count) where buffer[start..<(start + needle.count)].elementsEqual(needle) { return start }
        return nil
    }
}
