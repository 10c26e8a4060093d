/// The stable rejection codes of SPEC 4.1, declared in the order the checks run: when an event
/// breaks several rules, the earliest case here is the one reported. Raw values are the
/// contract with users' scripts and never change.
public enum RejectionCode: String, CaseIterable, Sendable {
    case malformedJSON = "malformed_json"
    case idConflict = "id_conflict"
    case missingField = "missing_field"
    case unknownType = "unknown_type"
    case invalidField = "invalid_field"
    case unknownBudget = "unknown_budget"
    case budgetExists = "budget_exists"
    /// SPEC 4.4 (added 2026-11-30): an event dated before its budget's `budget_opened` date.
    case dateBeforeOpening = "date_before_opening"
    case budgetClosed = "budget_closed"
    case potNotInBudget = "pot_not_in_budget"
    case excludedCategory = "excluded_category"
    case unknownCommitment = "unknown_commitment"
    case duplicateCommitment = "duplicate_commitment"
    /// SPEC 9: a payment or commitment naming no open plan line of its pot.
    case unknownLine = "unknown_line"
    /// SPEC 9: a `schedule_ended` of a schedule never set.
    case unknownSchedule = "unknown_schedule"
    /// SPEC 9: a waiver or recovery naming no repayment request (of the recovery's pot).
    case unknownRepayment = "unknown_repayment"
    case unknownEvent = "unknown_event"
    case notReversible = "not_reversible"
    case alreadyReversed = "already_reversed"
    /// SPEC 7.2: a reconciliation's `matched` names an event twice, or one an earlier
    /// reconciliation of the pot named.
    case alreadyReconciled = "already_reconciled"
    /// SPEC 9: a direct-payment transfer on a day a review has suspended or stopped payments.
    /// Checked after the references and section 9's rules on the ledger's state.
    case paymentsStopped = "payments_stopped"
    case insufficientFunds = "insufficient_funds"
    case openCommitments = "open_commitments"
}

/// A rejected event: the stable code and a sentence a finance officer can act on.
public struct Rejection: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: RejectionCode
    public let message: String

    public init(_ code: RejectionCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
