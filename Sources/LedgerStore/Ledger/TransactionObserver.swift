/// Told as each transaction of one `Ledger` begins, from inside it: what the transaction sees
/// is then fixed, so anything the observer posts from elsewhere is not in it. The tests use it
/// to show that an answer is computed from one snapshot: they post from another process at
/// the first transaction, and a use case that opened a second one would see that post.
/// Not for production use: it runs on the transaction's thread, while the transaction is open.
@_spi(Testing) public struct TransactionObserver: Sendable {
    @_spi(Testing) public enum Kind: Sendable, Equatable {
        case read, write
    }

    let began: @Sendable (Kind) -> Void

    @_spi(Testing) public init(began: @escaping @Sendable (Kind) -> Void) { self.began = began }
}
