/// Event lines the reliability tests build their inputs from.
enum SampleEvents {
    static func opening(_ budget: String, id: String? = nil, model: String = "notional") -> String {
        #"{"id":"\#(id ?? budget)","type":"budget_opened","budget":"\#(budget)","date":"2025-04-01","person":"P-\#(budget)","holding_model":"\#(model)","period_start":"2025-04-01","period_end":"2026-03-31"}"#
    }
}
