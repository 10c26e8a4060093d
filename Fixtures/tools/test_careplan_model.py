#!/usr/bin/env python3
"""Hand-worked checks of the SPEC 9 model: python3 Fixtures/tools/test_careplan_model.py

Every expected figure below is worked out from SPEC 9 on paper, not read from a run.
"""

import datetime
import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import careplan_model as cm  # noqa: E402
import model  # noqa: E402


def event(event_id, event_type, date, budget="B-1", **fields):
    return {"id": event_id, "type": event_type, "budget": budget, "date": date, **fields}


def opened(budget="B-1", model_name="direct_payment", pots=None, date="2025-04-01",
           period_end="2026-03-31", **extra):
    fields = {"person": "P-1", "holding_model": model_name, "period_start": date,
              "period_end": period_end, **extra}
    if pots:
        fields["pots"] = pots
    return event(f"{budget}/open", "budget_opened", date, budget, **fields)


def dp_schedule(event_id, date, first, amount="100", every="month", schedule="S", **extra):
    return event(event_id, "schedule_set", date, schedule=schedule,
                 kind="direct_payment_transfer", amount=amount, every=every, first=first,
                 **extra)


class CarePlanModelTest(unittest.TestCase):
    def post(self, ledger, *events):
        return [self.code(ledger, e) for e in events]

    @staticmethod
    def code(ledger, e):
        try:
            return ledger.check(e)
        except model.Rejection as rejection:
            return rejection.code

    def ledger(self, *events):
        ledger = cm.CarePlanLedger()
        results = self.post(ledger, *events)
        self.assertEqual(results, ["accepted"] * len(events))
        return ledger

    @staticmethod
    def due_dates(ledger, to_date, budget=None):
        return [(e["date"], e["amount"]) for e in cm.due_instalments(ledger, to_date, budget)]

    # ---- calendar ------------------------------------------------------------------------

    def test_month_end_clamping_counts_from_first_not_from_the_clamped_date(self):
        first = datetime.date(2026, 1, 31)
        self.assertEqual([cm.nth_instalment(first, "month", n).isoformat() for n in range(4)],
                         ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"])
        leap = datetime.date(2028, 1, 31)
        self.assertEqual(cm.nth_instalment(leap, "month", 1).isoformat(), "2028-02-29")
        self.assertEqual(cm.nth_instalment(leap, "month", 2).isoformat(), "2028-03-31")
        # quarterly from 30 November: 28 Feb, then 30 May (not 28 May)
        q = datetime.date(2025, 11, 30)
        self.assertEqual([cm.nth_instalment(q, "quarter", n).isoformat() for n in range(3)],
                         ["2025-11-30", "2026-02-28", "2026-05-30"])
        # December to January crosses the year
        self.assertEqual(cm.add_months(datetime.date(2025, 12, 31), 1).isoformat(),
                         "2026-01-31")

    def test_day_steps(self):
        first = datetime.date(2026, 2, 26)
        self.assertEqual(cm.nth_instalment(first, "week", 1).isoformat(), "2026-03-05")
        self.assertEqual(cm.nth_instalment(first, "2_weeks", 1).isoformat(), "2026-03-12")
        self.assertEqual(cm.nth_instalment(first, "4_weeks", 2).isoformat(), "2026-04-23")

    # ---- instalments ---------------------------------------------------------------------

    def test_monthly_instalments_from_31_january(self):
        ledger = self.ledger(
            opened(), event("a", "allocation", "2025-04-01", amount="5000"),
            dp_schedule("s1", "2026-01-10", "2026-01-31", amount="12.5"))
        self.assertEqual(self.due_dates(ledger, "2026-03-31"),
                         [("2026-01-31", "12.50"), ("2026-02-28", "12.50"),
                          ("2026-03-31", "12.50")])
        first = cm.due_instalments(ledger, "2026-01-31")[0]
        self.assertEqual(first, {"id": "schedule:B-1:S:2026-01-31",
                                 "type": "direct_payment_transfer", "budget": "B-1",
                                 "date": "2026-01-31", "amount": "12.50"})
        self.assertEqual(cm.due_lines(ledger, "2026-03-31")[-1],
                         {"due": 3, "amount": "37.50"})

    def test_amended_schedule_starts_a_segment_and_last_is_replaced(self):
        ledger = self.ledger(
            opened(), event("a", "allocation", "2025-04-01", amount="5000"),
            dp_schedule("s1", "2025-04-01", "2025-04-07", amount="100", every="2_weeks",
                        last="2025-05-01"),
            # the amendment's own last (absent) replaces 2025-05-01
            dp_schedule("s2", "2025-04-20", "2025-05-10", amount="150", every="month"))
        self.assertEqual(self.due_dates(ledger, "2025-07-31"),
                         [("2025-04-07", "100.00"), ("2025-04-21", "100.00"),
                          ("2025-05-05", "100.00"),
                          ("2025-05-10", "150.00"), ("2025-06-10", "150.00"),
                          ("2025-07-10", "150.00")])

    def test_schedule_ended_caps_and_a_later_set_does_not_lift_it(self):
        ledger = self.ledger(
            opened(), event("a", "allocation", "2025-04-01", amount="5000"),
            dp_schedule("s1", "2025-04-01", "2025-04-01", every="week"),
            event("e1", "schedule_ended", "2025-04-02", schedule="S", last="2025-04-20"),
            dp_schedule("s2", "2025-04-03", "2025-04-10", every="week", amount="50"))
        self.assertEqual(self.due_dates(ledger, "2025-12-31"),
                         [("2025-04-01", "100.00"), ("2025-04-08", "100.00"),
                          ("2025-04-10", "50.00"), ("2025-04-17", "50.00")])

    def test_period_end_caps_and_posted_or_stopped_instalments_are_not_due(self):
        ledger = self.ledger(
            opened(period_end="2025-06-30"), event("a", "allocation", "2025-04-01",
                                                   amount="5000"),
            dp_schedule("s1", "2025-04-01", "2025-04-30"),
            event("schedule:B-1:S:2025-04-30", "direct_payment_transfer", "2025-04-30",
                  amount="100"),
            event("r1", "review", "2025-05-15", outcome="suspend", next_review="2025-06-01"),
            event("r2", "review", "2025-06-01", outcome="continue", next_review="2026-06-01"))
        # 05-30 falls while suspended; 06-30 is the period's last day; 07-30 is after it
        self.assertEqual(self.due_dates(ledger, "2025-12-31"), [("2025-06-30", "100.00")])

    def test_closed_budget_has_nothing_due_and_third_party_carries_organisation(self):
        ledger = self.ledger(
            opened(model_name="third_party"),
            event("a", "allocation", "2025-04-01", amount="5000"),
            event("s1", "schedule_set", "2025-04-01", schedule="Q", kind="third_party_transfer",
                  amount="1000", every="quarter", first="2025-04-01", organisation="ISF Ltd"))
        self.assertEqual(cm.due_instalments(ledger, "2025-04-01"),
                         [{"id": "schedule:B-1:Q:2025-04-01", "type": "third_party_transfer",
                           "budget": "B-1", "date": "2025-04-01", "organisation": "ISF Ltd",
                           "amount": "1000.00"}])
        self.post(ledger, event("c", "budget_closed", "2025-04-02"))
        self.assertEqual(cm.due_instalments(ledger, "2026-03-31"), [])

    def test_due_post_that_would_overdraw_writes_nothing_and_names_the_instalment(self):
        ledger = self.ledger(
            opened(), event("a", "allocation", "2025-04-01", amount="150"),
            dp_schedule("s1", "2025-04-01", "2025-04-01"))
        due = cm.due_instalments(ledger, "2025-05-31")
        after, rows, summary = cm.post_events(ledger, due)
        self.assertIs(after, ledger)
        self.assertEqual(rows, [
            {"line": 1, "id": "schedule:B-1:S:2025-04-01", "status": "accepted"},
            {"line": 2, "id": "schedule:B-1:S:2025-05-01", "status": "rejected",
             "code": "insufficient_funds"}])
        self.assertEqual(summary, {"accepted": 1, "duplicates": 0, "rejected": 1, "written": 0})
        # --partial writes the first; running again finds only the refused one due
        after, _, summary = cm.post_events(ledger, due, partial=True)
        self.assertEqual(summary["written"], 1)
        self.assertEqual([e["date"] for e in cm.due_instalments(after, "2025-05-31")],
                         ["2025-05-01"])

    def test_due_post_twice_writes_once(self):
        ledger = self.ledger(
            opened(), event("a", "allocation", "2025-04-01", amount="1000"),
            dp_schedule("s1", "2025-04-01", "2025-04-01"))
        after, _, summary = cm.post_events(ledger, cm.due_instalments(ledger, "2025-06-01"))
        self.assertEqual(summary["written"], 3)
        self.assertEqual(cm.due_lines(after, "2025-06-01"), [{"due": 0, "amount": "0.00"}])

    # ---- plan ----------------------------------------------------------------------------

    def test_plan_line_amendment_and_the_view_before_it(self):
        ledger = self.ledger(
            opened(model_name="notional"),
            event("a", "allocation", "2025-04-01", amount="1000"),
            event("l1", "plan_line", "2025-04-01", line="care", category="personal_care",
                  amount="600", funding="joint"),
            event("c1", "notional_commitment", "2025-04-02", commitment="C1", provider="P",
                  category="personal_care", amount="200", line="care"),
            event("p1", "payment", "2025-04-03", payee="P", category="personal_care",
                  amount="50", commitment="C1"),
            event("p2", "payment", "2025-04-04", payee="Q", category="personal_care",
                  amount="30", line="care"),
            event("p3", "payment", "2025-04-05", payee="Q", category="personal_care",
                  amount="7"),
            event("p4", "payment", "2025-04-05", payee="Q", category="transport", amount="9"),
            # amended: the whole line is replaced, so funding falls back to nhs
            event("l2", "plan_line", "2025-06-01", line="care", category="personal_care",
                  amount="700"))
        self.assertEqual(cm.plan_lines(ledger, "B-1"), [
            {"line": "care", "pot": "notional", "category": "personal_care", "funding": "nhs",
             "planned": "700.00", "committed": "150.00", "spent": "80.00", "left": "470.00"},
            {"unattributed": {"count": 1, "amount": "7.00"},
             "outside_plan": {"count": 1, "amount": "9.00"},
             "planned": "700.00", "allocated": "1000.00"}])
        before = cm.plan_lines(ledger, "B-1", as_of_date="2025-05-31")
        self.assertEqual(before[0]["planned"], "600.00")
        self.assertEqual(before[0]["funding"], "joint")
        by_seq = cm.plan_lines(ledger, "B-1", as_of_seq=4)  # open, allocation, line, commit
        self.assertEqual(by_seq[0]["committed"], "200.00")
        self.assertEqual(by_seq[0]["spent"], "0.00")

    def test_view_without_the_line_a_payment_names(self):
        ledger = self.ledger(
            opened(model_name="notional"),
            event("a", "allocation", "2025-04-01", amount="1000"),
            event("l1", "plan_line", "2025-06-01", line="care", category="personal_care",
                  amount="600"),
            # dated before the line it names, so a view at 15 May holds it but not the line
            event("p1", "payment", "2025-05-01", payee="P", category="personal_care",
                  amount="25", line="care"))
        self.assertEqual(cm.plan_lines(ledger, "B-1", as_of_date="2025-05-15"), [
            {"unattributed": {"count": 0, "amount": "0.00"},
             "outside_plan": {"count": 1, "amount": "25.00"},
             "planned": "0.00", "allocated": "1000.00"}])
        self.assertEqual(cm.plan_lines(ledger, "B-1")[0]["spent"], "25.00")

    def test_ended_line_refuses_new_spending_until_reopened(self):
        ledger = self.ledger(
            opened(model_name="notional"),
            event("a", "allocation", "2025-04-01", amount="1000"),
            event("l1", "plan_line", "2025-04-01", line="care", category="personal_care",
                  amount="600"),
            event("l2", "plan_line", "2025-05-01", line="care", category="personal_care",
                  amount="0"))
        pay = event("p", "payment", "2025-05-02", payee="P", category="personal_care",
                    amount="5", line="care")
        self.assertEqual(self.post(ledger, pay), ["unknown_line"])
        self.assertEqual(cm.plan_lines(ledger, "B-1")[0]["planned"], "0.00")
        self.post(ledger, event("l3", "plan_line", "2025-05-03", line="care",
                                category="personal_care", amount="100"))
        self.assertEqual(self.post(ledger, pay), ["accepted"])
        # a reversed payment no longer counts as spent on its line
        self.post(ledger, event("v", "reversal", "2025-05-04", reverses="p", reason="x"))
        self.assertEqual(cm.plan_lines(ledger, "B-1")[0]["spent"], "0.00")

    def test_plan_line_rules(self):
        ledger = self.ledger(
            opened(model_name="mixed", pots=["notional", "direct_payment"]),
            event("l1", "plan_line", "2025-04-01", line="care", pot="notional",
                  category="personal_care", amount="600"))
        self.assertEqual(self.post(
            ledger,
            event("x1", "plan_line", "2025-04-02", line="care", pot="direct_payment",
                  category="personal_care", amount="600"),
            event("x2", "plan_line", "2025-04-02", line="care", category="personal_care",
                  amount="600"),
            event("x3", "plan_line", "2025-04-02", line="care", pot="third_party",
                  category="personal_care", amount="600"),
            event("x4", "plan_line", "2025-04-02", line="bet", pot="notional",
                  category="gambling", amount="1"),
            event("x5", "plan_line", "2025-04-02", line="care", pot="notional",
                  category="Personal", amount="1"),
            event("x6", "reversal", "2025-04-02", reverses="l1", reason="x")),
            ["invalid_field", "missing_field", "pot_not_in_budget", "excluded_category",
             "invalid_field", "not_reversible"])

    # ---- rule order ----------------------------------------------------------------------

    def test_new_codes_run_in_the_order_of_section_9(self):
        ledger = self.ledger(
            opened(model_name="mixed", pots=["notional", "direct_payment"]),
            event("a1", "allocation", "2025-04-01", pot="notional", amount="100"),
            event("l1", "plan_line", "2025-04-01", line="care", pot="notional",
                  category="personal_care", amount="600"),
            event("c1", "notional_commitment", "2025-04-02", commitment="C1", provider="P",
                  category="personal_care", amount="20"),
            event("r1", "review", "2025-05-01", outcome="suspend", next_review="2025-06-01"))
        self.assertEqual(self.post(
            ledger,
            # unknown commitment before unknown line
            event("x1", "payment", "2025-04-03", payee="P", category="personal_care",
                  amount="1", commitment="C9", line="nope"),
            # unknown line before the commitment's-line invalid_field
            event("x2", "payment", "2025-04-03", payee="P", category="personal_care",
                  amount="1", commitment="C1", line="nope"),
            # C1 has no line: naming one is invalid_field, before insufficient_funds
            event("x3", "payment", "2025-04-03", payee="P", category="personal_care",
                  amount="99", commitment="C1", line="care"),
            # payments_stopped before insufficient_funds (no direct-payment allocation)
            event("x4", "direct_payment_transfer", "2025-05-01", amount="5"),
            # the suspension does not reach back, nor forward past a later review
            event("x5", "direct_payment_transfer", "2025-04-30", amount="5")),
            ["unknown_commitment", "unknown_line", "invalid_field", "payments_stopped",
             "insufficient_funds"])

    def test_reviews_and_next_review(self):
        ledger = self.ledger(opened(date="2025-11-30", period_end="2026-11-29"),
                             opened("B-2", model_name="notional"))
        # direct payments: first review 3 months after opening, clamped (30 Nov -> 28 Feb)
        self.assertEqual(cm.reviews_lines(ledger, "2026-03-31"), [
            {"budget": "B-1", "next_review": "2026-02-28", "days_overdue": 31,
             "last_outcome": None}])
        self.assertEqual(cm.reviews_lines(ledger, "2026-04-01")[1],
                         {"budget": "B-2", "next_review": "2026-04-01", "days_overdue": 0,
                          "last_outcome": None})
        self.post(ledger, event("r1", "review", "2026-01-10", outcome="amend",
                                next_review="2026-03-01"),
                  event("r2", "review", "2026-01-10", budget="B-2", outcome="stop"))
        self.assertEqual(cm.reviews_lines(ledger, "2026-04-30"), [
            {"budget": "B-1", "next_review": "2026-03-01", "days_overdue": 60,
             "last_outcome": "amend"}])
        self.assertEqual(self.post(
            ledger,
            event("x1", "review", "2026-01-11", outcome="stop", next_review="2026-02-01"),
            event("x2", "review", "2026-01-11", outcome="continue"),
            event("x3", "review", "2026-01-11", outcome="continue", next_review="2026-01-11")),
            ["invalid_field", "missing_field", "invalid_field"])

    # ---- repayments ----------------------------------------------------------------------

    def test_repayment_recovered_waived_and_reversed(self):
        ledger = self.ledger(
            opened(), event("a", "allocation", "2025-04-01", amount="1000"),
            event("t", "direct_payment_transfer", "2025-04-01", amount="1000"),
            event("q", "repayment_requested", "2025-06-01", repayment="R1", amount="300",
                  grounds="surplus", due="2025-06-30"),
            event("v1", "recovery", "2025-06-10", amount="100", reason="x", repayment="R1"),
            event("v2", "recovery", "2025-06-11", amount="50", reason="x", repayment="R1"),
            event("u", "reversal", "2025-06-12", reverses="v2", reason="wrong"),
            event("w", "repayment_waived", "2025-06-20", repayment="R1", reason="reconsidered"))
        rows = cm.repayments_lines(ledger, "2025-07-01")
        self.assertEqual(rows, [{
            "budget": "B-1", "repayment": "R1", "pot": "direct_payment", "grounds": "surplus",
            "requested": "300.00", "recovered": "100.00", "waived": "200.00",
            "outstanding": "0.00", "due": "2025-06-30", "overdue": False}])
        # before the waiver: 200 outstanding and overdue on 1 July
        early = cm.repayments_lines(ledger, "2025-07-01", as_of_date="2025-06-19")[0]
        self.assertEqual((early["outstanding"], early["overdue"]), ("200.00", True))
        # the reversal dated after the view: its recovery still settles there
        self.assertEqual(cm.repayments_lines(ledger, "2025-06-11",
                                             as_of_date="2025-06-11")[0]["recovered"], "150.00")
        self.assertEqual(self.post(
            ledger,
            event("x1", "repayment_waived", "2025-06-21", repayment="R1", reason="again"),
            event("x2", "repayment_requested", "2025-06-21", repayment="R1", amount="1",
                  grounds="other", due="2025-06-21"),
            event("x3", "repayment_waived", "2025-06-21", repayment="R9", reason="x"),
            event("x4", "recovery", "2025-06-21", amount="1", reason="x", repayment="R1"),
            event("x5", "reversal", "2025-06-21", reverses="w", reason="x")),
            ["insufficient_funds", "invalid_field", "unknown_repayment", "insufficient_funds",
             "not_reversible"])

    def test_recovery_must_match_the_request_pot(self):
        ledger = self.ledger(
            opened(model_name="mixed", pots=["direct_payment", "third_party"]),
            event("a", "allocation", "2025-04-01", pot="third_party", amount="100"),
            event("t", "third_party_transfer", "2025-04-01", organisation="O", amount="100"),
            event("q", "repayment_requested", "2025-06-01", repayment="R1",
                  pot="direct_payment", amount="30", grounds="surplus", due="2025-06-30"))
        self.assertEqual(self.post(
            ledger,
            event("x1", "recovery", "2025-06-02", pot="third_party", amount="1", reason="x",
                  repayment="R1"),
            event("x2", "repayment_requested", "2025-06-02", repayment="R2", amount="1",
                  grounds="surplus", due="2025-06-30")),
            ["unknown_repayment", "missing_field"])
        notional = self.ledger(opened("N-1", model_name="notional"))
        self.assertEqual(self.post(
            notional,
            event("y1", "recovery", "2025-06-02", budget="N-1", amount="1", reason="x"),
            event("y2", "reconciliation", "2025-06-02", budget="N-1", period_end="2025-05-31",
                  statement_balance="0"),
            event("y3", "repayment_requested", "2025-06-02", budget="N-1", repayment="R",
                  pot="notional", amount="1", grounds="surplus", due="2025-06-30")),
            ["pot_not_in_budget", "pot_not_in_budget", "invalid_field"])

    def test_after_closing_only_the_listed_new_types_pass(self):
        ledger = self.ledger(opened(), dp_schedule("s", "2025-04-01", "2025-04-01"),
                             event("c", "budget_closed", "2025-05-01"))
        self.assertEqual(self.post(
            ledger,
            event("x1", "review", "2025-05-02", outcome="stop"),
            event("x2", "schedule_ended", "2025-05-02", schedule="S", last="2025-05-01"),
            event("x3", "plan_line", "2025-05-02", line="l", category="c", amount="1"),
            dp_schedule("x4", "2025-05-02", "2025-06-01")),
            ["accepted", "accepted", "budget_closed", "budget_closed"])

    # ---- report --quarter ----------------------------------------------------------------

    def test_quarter_bounds(self):
        self.assertEqual(cm.quarter_bounds("2025-Q1"), ("2025-04-01", "2025-06-30"))
        self.assertEqual(cm.quarter_bounds("2025-Q3"), ("2025-10-01", "2025-12-31"))
        self.assertEqual(cm.quarter_bounds("2025-Q4"), ("2026-01-01", "2026-03-31"))

    def test_report_quarter_counts_reversals_on_their_own_dates(self):
        ledger = self.ledger(
            opened(model_name="notional", cohort="learning_disability"),
            opened("B-2", date="2025-07-02"),
            event("a", "allocation", "2025-04-01", amount="1000"),
            event("p", "payment", "2025-06-30", payee="P", category="c", amount="40"),
            event("v", "reversal", "2025-07-01", reverses="p", reason="x"),
            event("d", "allocation", "2025-08-01", amount="100", direction="decrease"))
        q1 = cm.report_quarter(ledger, "2025-Q1")
        self.assertEqual(q1["budgets"], {
            "total": 1, "by_holding_model": {"notional": 1, "third_party": 0,
                                             "direct_payment": 0, "mixed": 0},
            "by_cohort": {"learning_disability": 1}})
        self.assertEqual(q1["money"]["notional"],
                         {"allocated": "1000.00", "spent": "40.00", "recovered": "0.00"})
        q2 = cm.report_quarter(ledger, "2025-Q2")
        self.assertEqual((q2["new_budgets"], q2["budgets"]["total"]), (1, 2))
        self.assertEqual(q2["budgets"]["by_cohort"], {"learning_disability": 1, "unspecified": 1})
        self.assertEqual(q2["money"]["notional"],
                         {"allocated": "-100.00", "spent": "-40.00", "recovered": "0.00"})

    def test_new_field_shapes(self):
        ledger = self.ledger(opened())
        self.assertEqual(self.post(
            ledger,
            opened("B-3", cohort="Mixed Case"),
            event("x1", "plan_line", "2025-04-02", line="l" * 41, category="c", amount="1"),
            event("x2", "plan_line", "2025-04-02", line="l", category="c", amount="0",
                  description="bell\u0007"),
            event("x3", "payment", "2025-04-02", payee="P", category="c", amount="1",
                  line="a b"),
            event("x4", "schedule_set", "2025-04-02", schedule="S",
                  kind="direct_payment_transfer", amount="1", every="month",
                  first="2025-04-01"),
            event("x5", "plan_line", "2025-04-02", line="l", category="c", amount="0")),
            ["invalid_field", "invalid_field", "invalid_field", "invalid_field",
             "invalid_field", "accepted"])


if __name__ == "__main__":
    unittest.main()
