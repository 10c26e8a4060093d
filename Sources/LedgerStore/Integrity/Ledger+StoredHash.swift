import LMDB

extension Ledger {
    /// The hash stored with event `seq`: where a second walk (verify's, replay's) starts checking
    /// the chain after it. Nil when the event is missing or holds no canonical bytes after a
    /// hash: damage that the walk below it meets first, so the walk after may start from any hash.
    func storedHash(ofEvent seq: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable) throws -> [UInt8]? {
        let hash = try txn.withValue(databases.events, key: ByteWriter.key(seq: seq)) { stored -> [UInt8]? in
            stored.count > StoredEvent.hashLength ? Array(stored[..<StoredEvent.hashLength]) : nil
        }
        return hash ?? nil  // no event, or one too short
    }
}
