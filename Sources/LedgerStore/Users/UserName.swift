/// The rules for the names of users and the budgets a viewer may see (SPEC 8.1, SPEC 2).
public enum UserName {
    public static let lengthMax = 64

    /// SPEC 8.1: 1–64 of `A-Z a-z 0-9 . _ @ -`.
    public static func isValid(_ name: String) -> Bool {
        let utf8 = name.utf8
        return (1...lengthMax).contains(utf8.count) && utf8.allSatisfy { isNameByte($0) || $0 == UInt8(ascii: "@") }
    }

    /// SPEC 2 and 4.4: 1–64 of `A-Z a-z 0-9 . _ -`, never `.` or `..`.
    public static func isValidBudget(_ budget: String) -> Bool {
        let utf8 = budget.utf8
        return (1...lengthMax).contains(utf8.count) && utf8.allSatisfy(isNameByte) && budget != "." && budget != ".."
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
