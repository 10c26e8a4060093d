/// SPEC 9 `funding` of a plan line: who pays for it. Absent means `nhs`.
public enum Funding: String, CaseIterable, Sendable {
    case nhs
    case localAuthority = "local_authority"
    case joint
}

/// SPEC 9 `outcome` of a review.
public enum ReviewOutcome: String, CaseIterable, Sendable {
    case `continue`
    case amend
    case suspend
    case stop

    /// Regulation 17: a suspension or a stop halts direct payments from the review's date.
    public var stopsPayments: Bool { self == .suspend || self == .stop }
}

/// SPEC 9 `grounds` of a repayment request (regulation 15).
public enum RepaymentGrounds: String, CaseIterable, Sendable {
    case surplus
    case outsidePlan = "outside_plan"
    case notNeeded = "not_needed"
    case fraud
    case other
}

/// SPEC 9 `kind` of a schedule: the transfer each instalment is.
public enum ScheduleKind: String, CaseIterable, Sendable {
    case directPaymentTransfer = "direct_payment_transfer"
    case thirdPartyTransfer = "third_party_transfer"

    /// The pot the instalments pay into.
    public var pot: Pot { self == .directPaymentTransfer ? .directPayment : .thirdParty }
}

/// SPEC 9's names of plan lines, schedules and repayment requests: 1–40 of `A-Z a-z 0-9 . _ -`.
public enum CarePlanName {
    public static let lengthMax = 40

    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...lengthMax).contains(bytes.count) && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
