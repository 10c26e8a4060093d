/// How `budget-ledger serve` runs (SPEC 8, 8.3).
public struct ServerConfiguration: Sendable {
    public var ledgerDirectory: String
    public var host = "127.0.0.1"
    /// 0 picks a free port; the bound one is printed on the first line of standard output.
    public var port = 8080
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// `--max-body`: the largest request body taken, in bytes.
    public var maximumBodyBytes = 64 << 20
    /// `--max-connections`: requests in flight at once; beyond it, 503 with `Retry-After`.
    public var maximumConnections = 256
    /// `--request-timeout`, seconds.
    public var requestTimeoutSeconds = 60
    /// `--max-map-size`-like cap passed to the ledger (nil: the default).
    public var maximumMapSize: Int?
    /// The time to record on events: `$BUDGET_LEDGER_NOW` in tests and demos.
    public var fixedNow: String?
    /// The test build's hold on whole-ledger work (`$BUDGET_LEDGER_HOLD_WHOLE_LEDGER_WORK`, see
    /// `WholeLedgerHold`): nil in real use.
    public var wholeLedgerWorkHold: String?

    /// The longest line of a JSON Lines body (and element of a JSON array): SPEC 6 and 8.3.
    public static let lineBytesMax = 64 << 10
    /// `GET /v1/events` answers at most this many events (SPEC 8.3).
    public static let exportLimitMax = 10_000

    public init(ledgerDirectory: String) { self.ledgerDirectory = ledgerDirectory }
}
