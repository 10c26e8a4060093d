#!/usr/bin/env python3
"""Hand-worked checks of the reference model: python3 Fixtures/tools/test_model.py

Each case is small enough to work out on paper, so a mistake in model.py shows here rather
than silently in the generated expected outputs.
"""

import json
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep __pycache__ out of Fixtures/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model  # noqa: E402


def event(event_id, event_type, date, budget="B-1", **fields):
    return {"id": event_id, "type": event_type, "budget": budget, "date": date, **fields}


def opened(budget="B-1", model_name="direct_payment", pots=None):
    fields = {"person": "P-1", "holding_model": model_name,
              "period_start": "2025-04-01", "period_end": "2026-03-31"}
    if pots:
        fields["pots"] = pots
    return event(f"{budget}/open", "budget_opened", "2025-04-01", budget, **fields)


class ModelTest(unittest.TestCase):
    def post(self, ledger, *events):
        return [self.code(ledger, e) for e in events]

    @staticmethod
    def code(ledger, e):
        try:
            return ledger.check(e)
        except model.Rejection as rejection:
            return rejection.code

    def balance(self, ledger, budget="B-1"):
        return model.balance_object(ledger.budgets[budget])

    # ---- money ----------------------------------------------------------------------------

    def test_amount_parsing_and_formatting(self):
        self.assertEqual(model.parse_pence("12"), 1200)
        self.assertEqual(model.parse_pence("12.5"), 1250)
        self.assertEqual(model.parse_pence("12.05"), 1205)
        self.assertEqual(model.parse_pence("9999999999.99"), 999999999999)
        for bad in ("12.345", "12345678901", "-1", "1e3", ".5", "5.", " 5", 5, 5.0, None):
            self.assertIsNone(model.parse_pence(bad), bad)
        self.assertEqual(model.format_pence(-1200), "-12.00")
        self.assertEqual(model.format_pence(5), "0.05")
        self.assertEqual(model.format_pence(0), "0.00")

    # ---- reconciliation -------------------------------------------------------------------

    def test_reconciliation_expected_tie_and_unreconciled(self):
        ledger = model.Ledger()
        results = self.post(
            ledger, opened(),
            event("a", "allocation", "2025-04-01", amount="1000"),
            event("t", "direct_payment_transfer", "2025-04-01", amount="500"),
            event("p1", "payment", "2025-04-10", payee="X", category="c", amount="100"),
            event("p2", "payment", "2025-05-02", payee="X", category="c", amount="50"),
            event("r1", "reconciliation", "2025-05-05", period_end="2025-04-30",
                  statement_balance="400"),
            # recorded after r1 but dated inside its period: r1 keeps expected 400
            event("p3", "payment", "2025-04-20", payee="X", category="c", amount="20"),
            # reversal dated after the period: does not count for a 2025-04-30 view
            event("v1", "reversal", "2025-05-10", reverses="p1", reason="wrong"),
            # same period_end, recorded later: it is the latest
            event("r2", "reconciliation", "2025-05-11", period_end="2025-04-30",
                  statement_balance="400"),
            # a reversal dated before its target: it counts only when the target does
            event("v2", "reversal", "2025-04-05", reverses="p2", reason="wrong"),
            event("r3", "reconciliation", "2025-05-12", period_end="2025-04-15",
                  statement_balance="0"),
        )
        self.assertEqual(results, ["accepted"] * 11)
        self.assertEqual(ledger.events["r1"].expected, 40000)
        self.assertEqual(ledger.events["r2"].expected, 38000)  # 500 - 100 - 20
        self.assertEqual(ledger.events["r3"].expected, 40000)  # 500 - 100 (v2 not counted)
        pot = self.balance(ledger)["pots"]["direct_payment"]
        self.assertEqual(pot["last_reconciliation"], {
            "period_end": "2025-04-30", "expected": "380.00", "statement_balance": "400.00",
            "variance": "20.00", "status": "discrepancy"})
        # p1 and p2 reversed, p3 dated inside the period: nothing unreconciled
        self.assertEqual(pot["unreconciled"], {"count": 0, "amount": "0.00"})
        self.assertEqual(pot["held"], "480.00")
        self.assertEqual(pot["spent"], "20.00")

    def test_unreconciled_before_any_reconciliation(self):
        ledger = model.Ledger()
        self.post(ledger, opened(model_name="third_party"),
                  event("a", "allocation", "2025-04-01", amount="100"),
                  event("t", "third_party_transfer", "2025-04-01", organisation="O",
                        amount="100"),
                  event("p1", "payment", "2025-04-02", payee="X", category="c", amount="1"),
                  event("p2", "payment", "2025-04-03", payee="X", category="c", amount="2.5"),
                  event("g", "recovery", "2025-04-04", amount="3", reason="surplus"))
        pot = self.balance(ledger)["pots"]["third_party"]
        self.assertEqual(pot["unreconciled"], {"count": 2, "amount": "3.50"})
        self.assertIsNone(pot["last_reconciliation"])
        self.assertEqual(pot["remaining"], "93.50")
        self.assertEqual(pot["available"], "0.00")

    # ---- commitments and reversals -----------------------------------------------------

    def test_commitments(self):
        ledger = model.Ledger()
        results = self.post(
            ledger, opened(model_name="notional"),
            event("a", "allocation", "2025-04-01", amount="100"),
            event("c", "notional_commitment", "2025-04-01", commitment="C1", provider="P",
                  category="personal_care", amount="60"),
            event("p", "payment", "2025-04-02", payee="P", category="personal_care",
                  amount="25", commitment="C1"),
            event("p-over", "payment", "2025-04-02", payee="P", category="personal_care",
                  amount="35.01", commitment="C1"),
            event("r", "commitment_release", "2025-04-03", commitment="C1", amount="5"),
            event("v", "reversal", "2025-04-04", reverses="p", reason="credited"),
            event("close-1", "budget_closed", "2025-04-05"),
            event("r-all", "commitment_release", "2025-04-06", commitment="C1"),
            event("r-none", "commitment_release", "2025-04-07", commitment="C1"),
            event("c-again", "notional_commitment", "2025-04-08", commitment="C1",
                  provider="P", category="personal_care", amount="1"),
            event("close-2", "budget_closed", "2025-04-09"),
            event("after", "payment", "2025-04-10", payee="P", category="personal_care",
                  amount="1", pot="notional"),
        )
        self.assertEqual(results, [
            "accepted", "accepted", "accepted", "accepted", "insufficient_funds",
            "accepted", "accepted", "open_commitments", "accepted", "insufficient_funds",
            "duplicate_commitment", "accepted", "budget_closed"])
        pot = self.balance(ledger)["pots"]["notional"]
        self.assertEqual(pot, {"allocated": "100.00", "committed": "0.00", "spent": "0.00",
                               "available": "100.00", "remaining": "100.00",
                               "open_commitments": 0})
        self.assertEqual(ledger.events["r-all"].amount, 5500)  # 60 - 5 released, 25 restored

    def test_reversal_rules(self):
        ledger = model.Ledger()
        results = self.post(
            ledger, opened(), opened("B-2"),
            event("a", "allocation", "2025-04-01", amount="100"),
            event("t", "direct_payment_transfer", "2025-04-01", amount="80"),
            event("p", "payment", "2025-04-02", payee="X", category="c", amount="70"),
            event("v-t", "reversal", "2025-04-03", reverses="t", reason="x"),
            event("v-a", "reversal", "2025-04-03", reverses="a", reason="x"),
            event("v-p", "reversal", "2025-04-03", reverses="p", reason="x"),
            event("v-v", "reversal", "2025-04-03", reverses="v-p", reason="x"),
            event("v-p2", "reversal", "2025-04-03", reverses="p", reason="x"),
            event("v-o", "reversal", "2025-04-03", reverses="B-1/open", reason="x"),
            event("v-b2", "reversal", "2025-04-03", "B-2", reverses="p", reason="x"),
            event("v-t2", "reversal", "2025-04-04", reverses="t", reason="x"),
        )
        self.assertEqual(results, [
            "accepted", "accepted", "accepted", "accepted", "accepted",
            "insufficient_funds",  # held 10 < 80
            "insufficient_funds",  # available 20 < 100
            "accepted", "not_reversible", "already_reversed", "not_reversible",
            "unknown_event", "accepted"])

    # ---- order of checks ---------------------------------------------------------------

    def test_order_of_checks(self):
        ledger = model.Ledger()
        self.post(ledger, opened("M", "mixed", ["notional", "direct_payment"]),
                  event("a", "allocation", "2025-04-01", "M", pot="direct_payment",
                        amount="10"))
        cases = [
            ({"type": "payment"}, "missing_field"),
            ({"id": "x", "type": "nope", "budget": "M"}, "missing_field"),
            ({"id": "x", "type": "nope", "budget": "M", "date": "2025-01-01",
              "amount": 1}, "unknown_type"),
            (event("x", "payment", "2025-04-02", "M", category="medication", amount=1),
             "missing_field"),
            (event("x", "payment", "2025-04-02", "nobody", payee="X", category="medication",
                   amount=1), "invalid_field"),
            (event("x", "payment", "2025-04-02", "nobody", payee="X", category="medication",
                   amount="1"), "unknown_budget"),
            (event("x", "payment", "2025-04-02", "M", payee="X", category="medication",
                   amount="1"), "missing_field"),  # pot omitted on a mixed budget
            (event("x", "payment", "2025-04-02", "M", payee="X", category="medication",
                   amount="1", commitment="C"), "excluded_category"),
            (event("x", "payment", "2025-04-02", "M", payee="X", category="care",
                   amount="1", commitment="C"), "unknown_commitment"),
            (event("x", "payment", "2025-04-02", "M", payee="X", category="care",
                   amount="1", commitment="C", pot="direct_payment"), "invalid_field"),
            (event("x", "recovery", "2025-04-02", "M", amount="1", reason="r"),
             "missing_field"),
            (event("x", "recovery", "2025-04-02", "M", amount="1", reason="r",
                   pot="third_party"), "pot_not_in_budget"),
            (event("x", "allocation", "2025-04-02", "M", pot="direct_payment",
                   amount="10.01", direction="decrease"), "insufficient_funds"),
            (event("a", "allocation", "2025-04-01", "M", pot="direct_payment",
                   amount="10.00", seq=5, hash="h"), "duplicate"),
            (event("a", "allocation", "2025-04-01", "M", pot="direct_payment",
                   amount="10.00", direction="increase"), "id_conflict"),
            (event("a", "nope", "2025-04-01", "M"), "id_conflict"),
        ]
        for e, expected in cases:
            self.assertEqual(self.code(ledger, e), expected, e)

    def test_shape_details(self):
        ledger = model.Ledger()
        self.post(ledger, opened("N", "notional"))
        base = event("x", "payment", "2025-04-02", "N", payee="X", category="care",
                     amount="1")
        for change in ({"id": "é"}, {"id": ""}, {"id": "x" * 129}, {"budget": "a b"},
                       {"budget": "b" * 65}, {"date": "2025-02-29"}, {"note": "n" * 1025},
                       {"actor": "a" * 129}, {"category": "Care"}, {"category": "1care"},
                       {"pot": "savings"}, {"reference": 7}, {"payee": None},
                       {"amount": "0"}, {"amount": "00.00"},
                       # SPEC 4.4 (added 2026-11-30)
                       {"version": "anything"}, {"seq": None}, {"hash": 0}, {"recorded_at": []},
                       {"seq": True}, {"payee": "X\u001b[2J"}, {"note": "a\u0085b"},
                       {"actor": "\u007f"}, {"reference": "\u0000"}, {"hash": "\u009f"},
                       {"budget": "."}, {"budget": ".."}):
            self.assertEqual(self.code(ledger, {**base, **change}), "invalid_field", change)
        # A leap day after the budget opened (SPEC 4.4: not before it), envelope values of
        # the right JSON type whatever they hold, and the characters either side of Cc.
        for change in ({"id": "x" * 128}, {"date": "2028-02-29"}, {"note": "n" * 1024},
                       {"actor": "a" * 128}, {"budget": "N"}, {"category": "care_2"},
                       {"recorded_at": "anything", "version": 7, "seq": -1.5e3, "hash": "h"},
                       {"payee": "X ~\u00a0\u2028\u0600"}):
            ledger_copy = model.Ledger()
            self.post(ledger_copy, opened("N", "notional"),
                      event("al", "allocation", "2025-04-01", "N", amount="5"))
            self.assertEqual(self.code(ledger_copy, {**base, **change}), "accepted", change)
        # statement_balance may be zero, amount may not
        self.assertEqual(model.parse_pence("0"), 0)

    # ---- SPEC 4.2 and 4.4 as amended on 2026-11-30 ----------------------------------------

    def test_dates_before_opening(self):
        ledger = model.Ledger()
        late = event("B-2/open", "budget_opened", "2025-07-01", "B-2", person="P-2",
                     holding_model="notional", period_start="2025-07-01",
                     period_end="2026-03-31")
        self.post(ledger, late)
        self.assertEqual(self.post(
            ledger,
            event("a0", "allocation", "2025-06-30", "B-2", amount="5"),
            event("a1", "allocation", "2025-07-01", "B-2", amount="5"),
            # before opening beats an excluded category and missing funds
            event("p0", "payment", "2025-06-01", "B-2", payee="X", category="alcohol",
                  amount="999"),
            # an unknown budget is reported first, an unknown event after the date
            event("p1", "payment", "2025-06-01", "B-9", payee="X", category="care",
                  amount="1"),
            event("r0", "reversal", "2025-06-01", "B-2", reverses="nope", reason="r")),
            ["date_before_opening", "accepted", "date_before_opening", "unknown_budget",
             "date_before_opening"])
        # before opening on a closed budget: the date comes first
        self.post(ledger, event("c", "budget_closed", "2026-03-31", "B-2"))
        self.assertEqual(self.code(ledger, event("a2", "allocation", "2025-01-01", "B-2",
                                                 amount="5")), "date_before_opening")

    def test_reconciliation_period_must_have_ended(self):
        ledger = model.Ledger()
        self.post(ledger, opened())
        def recon(date, **fields):
            return event("r-" + date, "reconciliation", date, statement_balance="0", **fields)
        self.assertEqual(self.post(
            ledger,
            recon("2025-04-29", period_end="2025-04-30"),
            recon("2025-04-30", period_end="2025-04-30"),
            recon("2025-05-01", period_end="9999-12-31"),
            recon("2025-05-02", period_end="2025-04-30", period_start="2025-05-01")),
            ["invalid_field", "accepted", "invalid_field", "invalid_field"])

    def test_release_after_closing(self):
        ledger = model.Ledger()
        self.post(ledger, opened("N", "notional"),
                  event("a", "allocation", "2025-04-01", "N", amount="100"),
                  event("c", "notional_commitment", "2025-04-02", "N", commitment="C",
                        provider="P", category="care", amount="40"),
                  event("p", "payment", "2025-04-03", "N", payee="P", category="care",
                        amount="40", commitment="C"),
                  event("close", "budget_closed", "2026-03-31", "N"))
        # reversing the paid invoice reopens C; the release frees it again
        self.assertEqual(self.post(
            ledger,
            event("rev", "reversal", "2026-04-02", "N", reverses="p", reason="credited"),
            event("rel", "commitment_release", "2026-04-03", "N", commitment="C"),
            event("rel-2", "commitment_release", "2026-04-03", "N", commitment="C"),
            event("c2", "notional_commitment", "2026-04-03", "N", commitment="D",
                  provider="P", category="care", amount="1")),
            ["accepted", "accepted", "insufficient_funds", "budget_closed"])
        self.assertEqual(self.balance(ledger, "N")["pots"]["notional"]["open_commitments"], 0)
        self.assertEqual(self.balance(ledger, "N")["pots"]["notional"]["available"], "100.00")

    # ---- files ---------------------------------------------------------------------------

    def test_files_all_or_nothing_and_duplicates(self):
        good = [opened(), event("a", "allocation", "2025-04-01", amount="12.5")]
        second = [
            event("b", "allocation", "2025-04-02", amount="1"),
            event("b", "allocation", "2025-04-02", amount="1.00", seq=1),  # in-file duplicate
            event("a", "allocation", "2025-04-01", amount="12.50"),        # duplicate
            event("c", "allocation", "2025-04-02", amount="1", direction="down"),
        ]
        with tempfile.TemporaryDirectory() as folder:
            first_path = os.path.join(folder, "1.jsonl")
            second_path = os.path.join(folder, "2.jsonl")
            with open(first_path, "w") as handle:
                handle.write("\n".join(json.dumps(e) for e in good) + "\n")
            with open(second_path, "w") as handle:
                handle.write(json.dumps(second[0]) + "\n\n" +
                             "\n".join(json.dumps(e) for e in second[1:]) + "\n{\"id\":\n")
            ledger, results = model.post_files([first_path, second_path], partial=False)
            rows, summary = results[1][1], results[1][2]
            self.assertEqual([(r["line"], r["status"], r.get("code")) for r in rows], [
                (1, "accepted", None), (3, "duplicate", None), (4, "duplicate", None),
                (5, "rejected", "invalid_field"), (6, "rejected", "malformed_json")])
            self.assertTrue(all("seq" not in r for r in rows))
            self.assertIsNone(rows[-1]["id"])
            self.assertEqual(summary, {"accepted": 1, "duplicates": 2, "rejected": 2,
                                       "written": 0})
            self.assertEqual(self.balance(ledger)["version"], 2)
            ledger, results = model.post_files([first_path, second_path], partial=True)
            self.assertEqual(results[1][1][0]["seq"], 3)
            self.assertEqual(results[1][2]["written"], 1)
            self.assertEqual(self.balance(ledger)["totals"]["allocated"], "13.50")


if __name__ == "__main__":
    unittest.main()
