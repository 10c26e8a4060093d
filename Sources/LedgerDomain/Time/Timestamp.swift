/// A UTC instant with millisecond precision, written as RFC 3339 (`2026-03-31T09:15:02.481Z`).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    static let millisecondsPerDay: Int64 = 86_400_000

    /// The UTC calendar date and time of day, for formatting.
    public var parts: (date: CalendarDate, hours: Int, minutes: Int, seconds: Int, milliseconds: Int) {
        let days = millisecondsSinceEpoch >= 0
            ? millisecondsSinceEpoch / Timestamp.millisecondsPerDay
            : (millisecondsSinceEpoch - Timestamp.millisecondsPerDay + 1) / Timestamp.millisecondsPerDay
        let withinDay = millisecondsSinceEpoch - days * Timestamp.millisecondsPerDay
        return (CalendarDate(daysSinceEpoch: Int32(days)), Int(withinDay / 3_600_000), Int(withinDay / 60_000 % 60),
                Int(withinDay / 1000 % 60), Int(withinDay % 1000))
    }

    public var description: String {
        let (date, hours, minutes, seconds, milliseconds) = parts
        return "\(date)T\(CalendarDate.padded(hours, 2)):\(CalendarDate.padded(minutes, 2)):"
            + "\(CalendarDate.padded(seconds, 2)).\(CalendarDate.padded(milliseconds, 3))Z"
    }

    /// Parses RFC 3339 (`2026-03-31T09:15:02Z`, fractions and `±HH:MM` offsets allowed), or a bare
    /// date `YYYY-MM-DD`, read as the end of that day in UTC so that "known at 31 March" includes it.
    public init?(rfc3339 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Timestamp(rfc3339UTF8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = parsed
    }

    /// The same, from UTF-8 bytes in place: `verify` and every read of a stored event take the
    /// recorded time from the event's bytes, so no `String` is made for it.
    public init?(rfc3339UTF8 bytes: UnsafeRawBufferPointer) {
        if let date = CalendarDate(isoUTF8: bytes) {
            self.init(millisecondsSinceEpoch: (Int64(date.daysSinceEpoch) + 1) * Timestamp.millisecondsPerDay - 1)
            return
        }
        guard bytes.count >= 20, let date = CalendarDate(isoUTF8: UnsafeRawBufferPointer(rebasing: bytes[0..<10])),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hours = CalendarDate.number(bytes[11..<13]), hours < 24,
              let minutes = CalendarDate.number(bytes[14..<16]), minutes < 60,
              let seconds = CalendarDate.number(bytes[17..<19]), seconds < 61 else { return nil }
        var index = 19
        var milliseconds = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                milliseconds += Int(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = CalendarDate.number(bytes[(index + 1)..<(index + 3)]), offsetHours < 24,
                  let offsetMinutesPart = CalendarDate.number(bytes[(index + 4)..<(index + 6)]), offsetMinutesPart < 60 else { return nil }
            offsetMinutes = (offsetHours * 60 + offsetMinutesPart) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let secondsOfDay = Int64(hours * 3600 + minutes * 60 + min(seconds, 59) - offsetMinutes * 60)
        self.init(millisecondsSinceEpoch: Int64(date.daysSinceEpoch) * Timestamp.millisecondsPerDay
            + secondsOfDay * 1000 + Int64(milliseconds))
    }
}
