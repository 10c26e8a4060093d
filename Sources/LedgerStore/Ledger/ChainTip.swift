import LedgerDomain

/// The last event of the chain: where the next append continues from.
struct ChainTip: Equatable {
    static let genesisHash = [UInt8](repeating: 0, count: StoredEvent.hashLength)
    static let empty = ChainTip(seq: 0, recordedAt: Timestamp(millisecondsSinceEpoch: 0), hash: genesisHash)

    var seq: UInt64
    var recordedAt: Timestamp
    var hash: [UInt8]

    var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 48)
        writer.uint64(seq)
        writer.int64(recordedAt.millisecondsSinceEpoch)
        writer.raw(hash)
        return writer.bytes
    }

    init(seq: UInt64, recordedAt: Timestamp, hash: [UInt8]) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.hash = hash
    }

    init(encoded: UnsafeRawBufferPointer) throws(StoreError) {
        var reader = ByteReader(encoded)
        seq = try reader.uint64()
        recordedAt = Timestamp(millisecondsSinceEpoch: try reader.int64())
        hash = Array(try reader.take(StoredEvent.hashLength))
    }
}
