import LedgerRendering

/// `bench` as text: one measurement per row, beside the JSON form in `BenchReport`.
extension BenchReport {
    /// The report for a terminal, each line ended by `\n`.
    public var text: [UInt8] {
        var output = TerminalLines()
        output.lines(BenchReport.lines(self))
        return output.bytes
    }

    static func lines(_ report: BenchReport) -> [String] {
        var table = TextTable(headers: ["measurement", "result"], rightAligned: [1])
        table.add(["bulk posting (API, batches of \(report.batch))", "\(rate(report.postEventsPerSecond)) events/s"])
        table.add(["post of a JSONL file (one transaction)", "\(rate(report.jsonlEventsPerSecond)) events/s"])
        table.add(["replay", "\(rate(report.replayEventsPerSecond)) events/s"])
        table.add(["\(report.posters) concurrent single posters (group commit)", "\(rate(report.concurrentEventsPerSecond)) events/s"])
        table.add(["one durable commit per event", "\(rate(report.singleCommitEventsPerSecond)) events/s"])
        table.add(["  group commit speed-up", "\(BenchReport.number(report.concurrentSpeedup, decimals: 1))×"])
        table.add(["  events per shared commit", BenchReport.number(report.eventsPerGroupCommit, decimals: 1)])
        table.add(["\(report.posters) HTTP clients, one event per request", "\(rate(report.httpEventsPerSecond)) events/s"])
        table.add(["  HTTP request p99", "\(BenchReport.number(report.httpP99Milliseconds, decimals: 2)) ms"])
        table.add(["  events per shared commit over HTTP", BenchReport.number(report.httpEventsPerGroupCommit, decimals: 1)])
        table.add(["balance read p50", "\(BenchReport.number(report.balanceReadP50Microseconds, decimals: 2)) µs"])
        table.add(["balance read p99", "\(BenchReport.number(report.balanceReadP99Microseconds, decimals: 2)) µs"])
        table.add(["bytes on disk per event", BenchReport.number(report.bytesPerEvent, decimals: 1)])
        table.add(["peak memory (RSS) while bulk posting", "\(report.postingPeakRSSBytes / (1 << 20)) MiB"])
        table.add(["peak memory (RSS), whole run", "\(report.peakRSSBytes / (1 << 20)) MiB"])
        return ["\(report.events) events over \(report.budgets) budgets; every commit durable (fsync)", ""] + table.render()
    }

    /// Thousands separated, no decimals.
    private static func rate(_ value: Double) -> String {
        let digits = BenchReport.number(value, decimals: 0)
        var grouped = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return String(grouped.reversed())
    }
}
