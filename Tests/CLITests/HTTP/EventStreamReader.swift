import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A client of `GET /v1/events/stream` over a plain socket: the test client collects whole
/// answers, and a stream never ends. Reads are bounded by a receive timeout, so a test that
/// waits for an event that never comes fails instead of hanging.
final class EventStreamReader {
    struct Event: Equatable {
        let id: UInt64
        let data: String
    }

    private(set) var status = 0
    private let socket: Int32
    private var raw: [UInt8] = []
    /// The decoded (de-chunked) body not yet parsed into events.
    private var body: [UInt8] = []
    private var headersDone = false

    init(port: Int, path: String, token: String, lastEventID: String? = nil, receiveTimeoutSeconds: Int = 20) throws {
        socket = try EventStreamReader.connected(port: port, receiveTimeoutSeconds: receiveTimeoutSeconds)
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nAccept: text/event-stream\r\n"
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        request += "\r\n"
        let socket = self.socket
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        // The status line and headers.
        var status = 0
        while true {
            if let end = EventStreamReader.find([13, 10, 13, 10], in: raw) {
                let head = String(decoding: raw[..<end], as: UTF8.self)
                raw.removeFirst(end + 4)
                status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
                break
            }
            guard try receive() else { break }
        }
        self.status = status
    }

    private static func connected(port: Int, receiveTimeoutSeconds: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw POSIXError(.ECONNREFUSED) }
        return socket
    }

    deinit { close(socket) }

    /// Drops the connection, as a client losing its network would.
    func disconnect() { shutdown(socket, Int32(SHUT_RDWR)) }

    /// The next `count` events, in order.
    func next(_ count: Int) throws -> [Event] {
        var events: [Event] = []
        while events.count < count {
            if let event = try parseEvent() { events.append(event); continue }
            guard try receive() else { throw POSIXError(.ETIMEDOUT) }
            dechunk()
        }
        return events
    }

    private func parseEvent() throws -> Event? {
        while let end = EventStreamReader.find([10, 10], in: body) {
            let block = String(decoding: body[..<end], as: UTF8.self)
            body.removeFirst(end + 2)
            var id: UInt64?
            var data = ""
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = UInt64(line.dropFirst(4)) }
                if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            if let id { return Event(id: id, data: data) }  // else a comment (heartbeat)
        }
        return nil
    }

    /// Moves whole chunks of the chunked transfer encoding from `raw` to `body`.
    private func dechunk() {
        while let lineEnd = EventStreamReader.find([13, 10], in: raw) {
            let sizeText = String(decoding: raw[..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText, radix: 16), raw.count >= lineEnd + 2 + size + 2 else { return }
            body += raw[(lineEnd + 2)..<(lineEnd + 2 + size)]
            raw.removeFirst(lineEnd + 2 + size + 2)
        }
    }

    private func receive() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        raw += buffer[..<count]
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
