import LedgerStore

/// `export`: every event as JSON Lines, each its canonical bytes with `"hash"` added. The line
/// itself is the store's (it is what the hash chain is computed over); this is the one door to
/// it for front ends, with the line break.
///
/// ```swift
/// var bytes: [UInt8] = []
/// try ledger.export(sinceSeq: 0) { bytes += ExportOutput.line($0) }
/// ```
public enum ExportOutput {
    /// One event's `export` line and `\n`.
    public static func line(_ stored: StoredEvent) -> [UInt8] { stored.exportLine + [0x0A] }
}
