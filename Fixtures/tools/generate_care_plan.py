#!/usr/bin/env python3
"""Writes the care-plan layer of the fixtures (SPEC 9), on top of the fixture year.

    python3 Fixtures/tools/generate_care_plan.py

Outputs (relative to Fixtures/):
    care-plan-2025-26.jsonl          posted AFTER year-2025-26.jsonl, every event accepted:
                                     a care plan per open budget, schedules with the
                                     instalments already run, reviews (one overdue, one
                                     `suspend` then `continue`), repayment requests (one
                                     partly recovered and the rest waived after
                                     reconsideration), three new budgets with cohorts
    bad/care-plan-rejections.jsonl   posted after both: each line refused with the code it
                                     was written for (or a duplicate)
    bad/care-plan-rejections.expected.jsonl
    expected/care-plan/commands.tsv  one row per expected output: FILE <TAB> the
                                     budget-ledger arguments (without --json) that print it
                                     after posting the year file and the care-plan file
    expected/care-plan/*.jsonl       those outputs, from careplan_model.py (independent of
                                     the engine, written from SPEC 9)

The events are written by hand below, not drawn at random: each one is there for a case the
SPEC names. The generator checks that the care-plan file posts with no rejection and that
every bad line gets its code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
FIXTURES = TOOLS.parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(TOOLS))
import careplan_model  # noqa: E402
import model  # noqa: E402

YEAR_FILE = FIXTURES / "year-2025-26.jsonl"
CARE_PLAN_FILE = FIXTURES / "care-plan-2025-26.jsonl"
BAD_FILE = FIXTURES / "bad" / "care-plan-rejections.jsonl"
BAD_EXPECTED = FIXTURES / "bad" / "care-plan-rejections.expected.jsonl"
EXPECTED_DIR = FIXTURES / "expected" / "care-plan"
YEAR_EVENTS = 1167  # every line of the year file is accepted
CARE_PLAN_FIRST_HALF = 54  # of the layer's 108 lines

TEAM = "phb.team@icb.nhs.uk"
FINANCE = "finance.officer@icb.nhs.uk"
REVIEWER = "a.patel@icb.nhs.uk"


class Writer:
    """Collects events with ids in the fixture year's style: BUDGET/DATE/kind-N."""

    def __init__(self):
        self.events: list[dict] = []
        self.counters: dict[tuple, int] = {}

    def add(self, id_kind: str, event_type: str, budget: str, date: str, event_id=None,
            **fields) -> dict:
        if event_id is None:
            key = (budget, date, id_kind)
            self.counters[key] = self.counters.get(key, 0) + 1
            event_id = f"{budget}/{date}/{id_kind}-{self.counters[key]}"
        event = {"id": event_id, "type": event_type, "budget": budget, "date": date, **fields}
        self.events.append(event)
        return event

    def line(self, budget, date, line, category, amount, pot=None, funding=None,
             description=None, **extra):
        fields = {"line": line}
        if pot is not None:
            fields["pot"] = pot
        fields.update(category=category, amount=amount)
        if description is not None:
            fields["description"] = description
        if funding is not None:
            fields["funding"] = funding
        return self.add("plan", "plan_line", budget, date, **fields, **extra)

    def instalment(self, budget, schedule, date, event_type, amount, organisation=None):
        fields = {}
        if organisation is not None:
            fields["organisation"] = organisation
        fields["amount"] = amount
        return self.add("", event_type, budget, date,
                        event_id=f"schedule:{budget}:{schedule}:{date}", **fields)


def care_plan_events() -> list[dict]:
    w = Writer()
    # ---- plan lines, one care plan per open budget of the year ---------------------------
    w.line("PHB-0001", "2025-04-01", "personal-care", "personal_care", "9000",
           description="Morning and evening calls", actor=TEAM)
    w.line("PHB-0001", "2025-04-01", "physiotherapy", "physiotherapy", "6000", actor=TEAM)
    w.line("PHB-0001", "2025-04-01", "therapy", "therapy", "6000", funding="joint", actor=TEAM)
    w.line("PHB-0001", "2025-04-01", "transport", "transport", "2500",
           funding="local_authority", actor=TEAM)
    w.line("PHB-0003", "2025-04-01", "personal-care", "personal_care", "18000", actor=TEAM)
    w.line("PHB-0003", "2025-04-01", "support-management", "support_management", "3000",
           actor=TEAM)
    w.line("PHB-0003", "2025-04-01", "social", "social_activities", "4000", actor=TEAM)
    w.line("PHB-0004", "2025-04-01", "personal-care", "personal_care", "16000", actor=TEAM)
    w.line("PHB-0004", "2025-04-01", "support-management", "support_management", "2500")
    w.line("PHB-0004", "2025-04-01", "transport", "transport", "2400",
           funding="local_authority")
    w.line("PHB-0005", "2025-04-01", "personal-care", "personal_care", "12000", actor=TEAM)
    w.line("PHB-0005", "2025-04-01", "payroll", "payroll_services", "1500", actor=TEAM)
    w.line("PHB-0005", "2025-04-01", "social", "social_activities", "2500", actor=TEAM)
    w.line("PHB-0005", "2025-04-01", "transport", "transport", "1800",
           funding="local_authority", actor=TEAM)
    w.line("PHB-0007", "2025-04-01", "personal-care", "personal_care", "9000", actor=TEAM)
    w.line("PHB-0007", "2025-04-01", "payroll", "payroll_services", "1200", actor=TEAM)
    w.line("PHB-0007", "2025-04-01", "equipment", "equipment", "2000", actor=TEAM)
    w.line("PHB-0007", "2025-04-01", "social", "social_activities", "2000", actor=TEAM)
    w.line("PHB-0008", "2025-04-01", "personal-care", "personal_care", "6000", pot="notional")
    w.line("PHB-0008", "2025-04-01", "physiotherapy", "physiotherapy", "5000", pot="notional")
    w.line("PHB-0008", "2025-04-01", "equipment", "equipment", "1000", pot="notional",
           funding="joint")
    w.line("PHB-0008", "2025-04-01", "dp-personal-care", "personal_care", "7000",
           pot="direct_payment")
    w.line("PHB-0008", "2025-04-01", "dp-payroll", "payroll_services", "1500",
           pot="direct_payment")
    w.line("PHB-0009", "2025-04-01", "dp-personal-care", "personal_care", "5000",
           pot="direct_payment", actor=TEAM)
    w.line("PHB-0009", "2025-04-01", "dp-payroll", "payroll_services", "1200",
           pot="direct_payment", actor=TEAM)
    w.line("PHB-0009", "2025-04-01", "dp-therapy", "therapy", "2000", pot="direct_payment",
           funding="joint", actor=TEAM)
    w.line("PHB-0009", "2025-04-01", "isf-personal-care", "personal_care", "12000",
           pot="third_party", actor=TEAM)
    w.line("PHB-0009", "2025-04-01", "isf-support", "support_management", "1800",
           pot="third_party", actor=TEAM)
    w.line("PHB-0010", "2025-04-01", "isf-personal-care", "personal_care", "12000",
           pot="third_party")
    w.line("PHB-0010", "2025-04-01", "isf-support", "support_management", "2400",
           pot="third_party")
    w.line("PHB-0010", "2025-04-01", "therapy", "therapy", "6000", pot="notional")
    w.line("PHB-0010", "2025-04-01", "respite", "respite", "1500", pot="notional",
           description="Two short breaks a year")
    w.line("PHB-0011", "2025-04-01", "personal-care", "personal_care", "8000", pot="notional")
    w.line("PHB-0011", "2025-04-01", "transport", "transport", "3000", pot="notional")
    w.line("PHB-0011", "2025-04-01", "isf-personal-care", "personal_care", "11000",
           pot="third_party")
    w.line("PHB-0011", "2025-04-01", "dp-personal-care", "personal_care", "6000",
           pot="direct_payment")
    w.line("PHB-0011", "2025-04-01", "dp-payroll", "payroll_services", "1200",
           pot="direct_payment")
    w.line("PHB-0012", "2025-07-01", "dp-personal-care", "personal_care", "5500",
           pot="direct_payment", actor=TEAM)
    w.line("PHB-0012", "2025-07-01", "physiotherapy", "physiotherapy", "3000", pot="notional",
           actor=TEAM)
    w.line("PHB-0012", "2025-07-01", "social", "social_activities", "2500", pot="notional",
           actor=TEAM)
    w.line("PHB-0012", "2025-07-01", "isf-personal-care", "personal_care", "9000",
           pot="third_party", actor=TEAM)

    # ---- amendments of plan lines: a raise, and a line ended then opened again -----------
    w.line("PHB-0001", "2025-10-01", "physiotherapy", "physiotherapy", "7500",
           description="Extra sessions agreed at review", actor=REVIEWER)
    w.line("PHB-0001", "2026-01-15", "therapy", "therapy", "0", funding="joint",
           description="Ended: therapy now commissioned by the trust", actor=REVIEWER)
    w.line("PHB-0005", "2025-09-01", "social", "social_activities", "0", actor=REVIEWER)
    w.line("PHB-0005", "2025-12-01", "social", "social_activities", "1800", actor=REVIEWER,
           note="Reopened at the person's request; funding back to the default")

    # ---- spending against plan lines -----------------------------------------------------
    w.add("commit", "notional_commitment", "PHB-0001", "2026-02-02",
          commitment="CP-PHYSIO-Q4", provider="Move Well Physio", category="physiotherapy",
          amount="600", line="physiotherapy", actor=FINANCE)
    w.add("pay", "payment", "PHB-0001", "2026-02-20", payee="Move Well Physio",
          category="physiotherapy", amount="200", commitment="CP-PHYSIO-Q4",
          reference="INV-MW-2201")
    w.add("pay", "payment", "PHB-0001", "2026-03-06", payee="Move Well Physio",
          category="physiotherapy", amount="150.00", commitment="CP-PHYSIO-Q4",
          reference="INV-MW-2230", line="physiotherapy")
    w.add("pay", "payment", "PHB-0001", "2026-03-10", payee="Home Care Co",
          category="personal_care", amount="120.00", line="personal-care")
    w.add("pay", "payment", "PHB-0005", "2026-04-02", payee="Sunrise Carers",
          category="personal_care", amount="85.50", line="personal-care", actor=FINANCE)
    pay = w.add("pay", "payment", "PHB-0005", "2026-04-03", payee="Sunrise Carers",
                category="personal_care", amount="42.25", line="personal-care")
    w.add("rev", "reversal", "PHB-0005", "2026-04-04", reverses=pay["id"],
          reason="Duplicate invoice")
    w.add("commit", "notional_commitment", "PHB-0010", "2026-02-10",
          commitment="CP-RESPITE-1", provider="Seaside Respite", category="respite",
          amount="400", line="respite")

    # ---- reviews --------------------------------------------------------------------------
    w.add("review", "review", "PHB-0003", "2025-09-15", outcome="continue",
          next_review="2026-09-15", actor=REVIEWER)
    w.add("review", "review", "PHB-0005", "2025-06-24", outcome="continue",
          next_review="2026-06-24", actor=REVIEWER)
    w.add("review", "review", "PHB-0007", "2025-06-30", outcome="amend",
          next_review="2026-01-15", actor=REVIEWER,
          note="Equipment line added; next review overdue if not held by mid January")
    w.add("review", "review", "PHB-0008", "2025-07-01", outcome="continue",
          next_review="2026-07-01")
    w.add("review", "review", "PHB-0009", "2025-06-20", outcome="continue",
          next_review="2026-06-20", actor=REVIEWER)
    w.add("review", "review", "PHB-0009", "2026-02-10", outcome="suspend",
          next_review="2026-03-10", actor=REVIEWER,
          note="Regulation 17: payments suspended pending an account review")
    w.add("review", "review", "PHB-0009", "2026-03-10", outcome="continue",
          next_review="2027-03-10", actor=REVIEWER)
    w.add("review", "review", "PHB-0010", "2025-10-01", outcome="continue",
          next_review="2026-10-01")
    w.add("review", "review", "PHB-0011", "2025-06-30", outcome="continue",
          next_review="2026-03-01")
    w.add("review", "review", "PHB-0012", "2025-09-25", outcome="continue",
          next_review="2026-09-25", actor=REVIEWER)
    w.add("review", "review", "PHB-0006", "2026-04-21", outcome="stop", actor=REVIEWER,
          note="Budget closed: the person moved to a new area")

    # ---- schedules and the instalments already posted (as `due --post` wrote them) --------
    w.add("alloc", "allocation", "PHB-0007", "2026-03-01", amount="2400",
          note="Uplift agreed at review", actor=FINANCE)
    w.add("schedule", "schedule_set", "PHB-0007", "2026-03-01", schedule="four-weekly",
          kind="direct_payment_transfer", amount="400", every="4_weeks", first="2026-03-02",
          actor=FINANCE)
    w.instalment("PHB-0007", "four-weekly", "2026-03-02", "direct_payment_transfer", "400.00")

    w.add("alloc", "allocation", "PHB-0009", "2026-02-01", pot="direct_payment",
          amount="1500", actor=FINANCE)
    w.add("schedule", "schedule_set", "PHB-0009", "2026-02-01", schedule="fortnightly",
          kind="direct_payment_transfer", amount="250", every="2_weeks", first="2026-02-02",
          actor=FINANCE)
    w.instalment("PHB-0009", "fortnightly", "2026-02-02", "direct_payment_transfer", "250.00")

    w.add("alloc", "allocation", "PHB-0012", "2026-03-01", pot="third_party", amount="600")
    w.add("schedule", "schedule_set", "PHB-0012", "2026-03-01", schedule="weekly-isf",
          kind="third_party_transfer", amount="100", every="week", first="2026-03-02",
          organisation="Harbour ISF")
    w.instalment("PHB-0012", "weekly-isf", "2026-03-02", "third_party_transfer", "100.00",
                 organisation="Harbour ISF")
    w.add("schedule-end", "schedule_ended", "PHB-0012", "2026-03-05", schedule="weekly-isf",
          last="2026-03-20", note="Provider changes on 23 March")

    # ---- new budgets with cohorts ----------------------------------------------------------
    w.add("open", "budget_opened", "PHB-0013", "2025-10-31", person="P-20413",
          holding_model="direct_payment", period_start="2025-10-31", period_end="2026-10-30",
          cohort="continuing_healthcare", actor=TEAM, note="Care and support plan agreed")
    w.add("alloc", "allocation", "PHB-0013", "2025-10-31", amount="13500")
    w.line("PHB-0013", "2025-10-31", "personal-care", "personal_care", "10000", actor=TEAM)
    w.line("PHB-0013", "2025-10-31", "payroll", "payroll_services", "1200", actor=TEAM)
    w.add("schedule", "schedule_set", "PHB-0013", "2025-10-31", schedule="monthly",
          kind="direct_payment_transfer", amount="1000", every="month", first="2025-10-31",
          actor=FINANCE)
    for date in ("2025-10-31", "2025-11-30", "2025-12-31"):
        w.instalment("PHB-0013", "monthly", date, "direct_payment_transfer", "1000.00")
    w.add("pay", "payment", "PHB-0013", "2025-11-14", payee="Sunrise Carers",
          category="personal_care", amount="640", line="personal-care")
    w.add("pay", "payment", "PHB-0013", "2025-12-01", payee="Payroll Bureau",
          category="payroll_services", amount="45")
    w.add("pay", "payment", "PHB-0013", "2025-12-12", payee="Garden Club",
          category="social_activities", amount="30")
    w.add("schedule", "schedule_set", "PHB-0013", "2026-03-15", schedule="monthly",
          kind="direct_payment_transfer", amount="1100", every="month", first="2026-04-30",
          actor=FINANCE, note="Uplift from the end of April")

    w.add("open", "budget_opened", "PHB-0014", "2026-01-05", person="P-61120",
          holding_model="third_party", period_start="2026-01-05", period_end="2027-01-04",
          cohort="mental_health_aftercare", actor=TEAM)
    w.add("alloc", "allocation", "PHB-0014", "2026-01-05", amount="8000")
    w.line("PHB-0014", "2026-01-05", "isf-support", "personal_care", "7000", funding="joint")
    w.line("PHB-0014", "2026-01-05", "isf-fee", "support_management", "1000")
    w.add("schedule", "schedule_set", "PHB-0014", "2026-01-05", schedule="isf-quarterly",
          kind="third_party_transfer", amount="2000", every="quarter", first="2026-01-05",
          organisation="Oak Tree ISF Ltd")
    w.instalment("PHB-0014", "isf-quarterly", "2026-01-05", "third_party_transfer", "2000.00",
                 organisation="Oak Tree ISF Ltd")
    w.add("pay", "payment", "PHB-0014", "2026-02-10", payee="Oak Tree ISF Ltd",
          category="personal_care", amount="350", line="isf-support")

    w.add("open", "budget_opened", "PHB-0015", "2026-02-16", person="P-33871",
          holding_model="notional", period_start="2026-02-16", period_end="2027-02-15",
          cohort="continuing_healthcare", actor=TEAM)
    w.add("alloc", "allocation", "PHB-0015", "2026-02-16", amount="5000")
    w.line("PHB-0015", "2026-02-16", "nursing", "personal_care", "4000")
    w.line("PHB-0015", "2026-02-16", "equipment", "equipment", "1000", funding="joint")
    w.add("commit", "notional_commitment", "PHB-0015", "2026-02-20",
          commitment="CP-NURSING-1", provider="Riverside Nursing", category="personal_care",
          amount="1200", line="nursing")
    w.add("pay", "payment", "PHB-0015", "2026-03-20", payee="Riverside Nursing",
          category="personal_care", amount="300", commitment="CP-NURSING-1")

    # ---- repayment requests --------------------------------------------------------------
    w.add("repay", "repayment_requested", "PHB-0005", "2026-03-31", repayment="RP-2026-01",
          amount="1200", grounds="surplus", due="2026-04-30", actor=FINANCE,
          note="Regulation 15 notice sent")
    w.add("recover", "recovery", "PHB-0005", "2026-04-15", amount="700",
          reason="Part repayment of the surplus", repayment="RP-2026-01")
    w.add("waive", "repayment_waived", "PHB-0005", "2026-04-25", repayment="RP-2026-01",
          reason="Reconsideration: invoices due in May shown", actor=REVIEWER)
    w.add("repay", "repayment_requested", "PHB-0007", "2026-03-20", repayment="RP-1",
          pot="direct_payment", amount="300", grounds="outside_plan", due="2026-04-20",
          actor=FINANCE)
    w.add("repay", "repayment_requested", "PHB-0010", "2026-04-01", repayment="RP-TP-1",
          pot="third_party", amount="400", grounds="not_needed", due="2026-05-31")
    recovery = w.add("recover", "recovery", "PHB-0010", "2026-04-10", pot="third_party",
                     amount="400", reason="Returned by the ISF", repayment="RP-TP-1")
    w.add("rev", "reversal", "PHB-0010", "2026-04-12", reverses=recovery["id"],
          reason="Recorded against the wrong request")
    w.add("recover", "recovery", "PHB-0010", "2026-04-14", pot="third_party", amount="150",
          reason="Returned by the ISF", repayment="RP-TP-1")
    w.add("repay", "repayment_requested", "PHB-0011", "2026-04-05", repayment="RP-DP-1",
          pot="direct_payment", amount="200", grounds="not_needed", due="2026-05-05")
    return w.events


def bad_events() -> list[tuple[dict | str, str]]:
    """(event, the code it is written for) posted after the year and the care plan."""
    def e(event_id, event_type, budget, date, **fields):
        return {"id": event_id, "type": event_type, "budget": budget, "date": date, **fields}

    return [
        # the refused transfer after a suspension (regulation 17)
        (e("bad-cp-01", "direct_payment_transfer", "PHB-0009", "2026-02-20", amount="100"),
         "payments_stopped"),
        # ... which is checked before the money: PHB-0009's pot cannot afford 9000 either
        (e("bad-cp-02", "direct_payment_transfer", "PHB-0009", "2026-03-09", amount="9000"),
         "payments_stopped"),
        (e("bad-cp-03", "direct_payment_transfer", "PHB-0009", "2026-03-10", amount="9000"),
         "insufficient_funds"),
        # plan lines
        (e("bad-cp-04", "payment", "PHB-0001", "2026-03-12", payee="X", category="therapy",
           amount="10", line="therapy"), "unknown_line"),
        (e("bad-cp-05", "payment", "PHB-0001", "2026-03-12", payee="X", category="therapy",
           amount="10", line="no-such-line"), "unknown_line"),
        (e("bad-cp-06", "payment", "PHB-0008", "2026-03-12", pot="notional", payee="X",
           category="personal_care", amount="10", line="dp-personal-care"), "unknown_line"),
        (e("bad-cp-07", "payment", "PHB-0001", "2026-03-12", payee="X",
           category="physiotherapy", amount="10", commitment="CP-NO-SUCH",
           line="no-such-line"), "unknown_commitment"),
        (e("bad-cp-08", "notional_commitment", "PHB-0001", "2026-03-12",
           commitment="CP-PHYSIO-Q4", provider="X", category="physiotherapy", amount="10",
           line="no-such-line"), "duplicate_commitment"),
        (e("bad-cp-09", "payment", "PHB-0001", "2026-03-12", payee="X",
           category="physiotherapy", amount="10", commitment="CP-PHYSIO-Q4",
           line="personal-care"), "invalid_field"),
        (e("bad-cp-10", "payment", "PHB-0008", "2026-03-12", payee="X",
           category="personal_care", amount="10",
           commitment=first_commitment("PHB-0008"), line="personal-care"), "invalid_field"),
        (e("bad-cp-11", "payment", "PHB-0001", "2026-03-12", payee="X",
           category="physiotherapy", amount="500", commitment="CP-PHYSIO-Q4",
           line="physiotherapy"), "insufficient_funds"),
        (e("bad-cp-12", "plan_line", "PHB-0008", "2026-03-12", line="physiotherapy",
           pot="direct_payment", category="physiotherapy", amount="100"), "invalid_field"),
        (e("bad-cp-13", "plan_line", "PHB-0001", "2026-03-12", line="drinks",
           category="alcohol", amount="100"), "excluded_category"),
        (e("bad-cp-14", "plan_line", "PHB-0002", "2026-04-28", line="late",
           category="therapy", amount="100"), "budget_closed"),
        (e("bad-cp-15", "plan_line", "PHB-0008", "2026-03-12", line="no-pot",
           category="therapy", amount="100"), "missing_field"),
        (e("bad-cp-16", "plan_line", "PHB-0003", "2026-03-12", line="no-pot",
           pot="notional", category="therapy", amount="100"), "pot_not_in_budget"),
        (e("bad-cp-17", "plan_line", "PHB-0001", "2026-03-12", line="x" * 41,
           category="therapy", amount="100"), "invalid_field"),
        (e("bad-cp-18", "plan_line", "PHB-0001", "2026-03-12", line="two words",
           category="therapy", amount="100"), "invalid_field"),
        (e("bad-cp-19", "plan_line", "PHB-0001", "2026-03-12", line="council",
           category="therapy", amount="100", funding="council"), "invalid_field"),
        (e("bad-cp-20", "plan_line", "PHB-0001", "2026-03-12", line="minus",
           category="therapy", amount="-5"), "invalid_field"),
        (e("bad-cp-21", "plan_line", "PHB-0001", "2026-03-12", category="therapy",
           amount="5"), "missing_field"),
        (e("bad-cp-22", "reversal", "PHB-0001", "2026-03-12",
           reverses="PHB-0001/2025-10-01/plan-1", reason="x"), "not_reversible"),
        # schedules
        (e("bad-cp-23", "schedule_ended", "PHB-0012", "2026-03-12", schedule="monthly",
           last="2026-03-31"), "unknown_schedule"),
        (e("bad-cp-24", "schedule_set", "PHB-0012", "2026-03-12", schedule="weekly-isf",
           kind="direct_payment_transfer", amount="100", every="week", first="2026-03-23"),
         "invalid_field"),
        (e("bad-cp-25", "schedule_set", "PHB-0012", "2026-03-12", schedule="weekly-isf",
           kind="third_party_transfer", amount="100", every="week", first="2026-03-23",
           organisation="Another ISF"), "invalid_field"),
        (e("bad-cp-26", "schedule_set", "PHB-0012", "2026-03-01", schedule="weekly-isf",
           kind="third_party_transfer", amount="120", every="week", first="2026-03-02",
           organisation="Harbour ISF"), "invalid_field"),
        (e("bad-cp-27", "schedule_set", "PHB-0012", "2026-03-12", schedule="new",
           kind="third_party_transfer", amount="100", every="week", first="2026-03-11",
           organisation="Harbour ISF"), "invalid_field"),
        (e("bad-cp-28", "schedule_set", "PHB-0012", "2026-03-12", schedule="new",
           kind="third_party_transfer", amount="100", every="week", first="2026-03-12",
           last="2026-03-11", organisation="Harbour ISF"), "invalid_field"),
        (e("bad-cp-29", "schedule_set", "PHB-0012", "2026-03-12", schedule="new",
           kind="third_party_transfer", amount="100", every="week", first="2026-03-12"),
         "missing_field"),
        (e("bad-cp-30", "schedule_set", "PHB-0013", "2026-03-12", schedule="new",
           kind="direct_payment_transfer", amount="100", every="week", first="2026-03-12",
           organisation="Harbour ISF"), "invalid_field"),
        (e("bad-cp-31", "schedule_set", "PHB-0013", "2026-03-12", schedule="new",
           kind="third_party_transfer", amount="100", every="week", first="2026-03-12",
           organisation="Harbour ISF"), "pot_not_in_budget"),
        (e("bad-cp-32", "schedule_set", "PHB-0013", "2026-03-12", schedule="new",
           kind="direct_payment_transfer", amount="100", every="day", first="2026-03-12"),
         "invalid_field"),
        (e("bad-cp-33", "schedule_set", "PHB-0006", "2026-04-22", schedule="late",
           kind="direct_payment_transfer", amount="100", every="week", first="2026-04-22"),
         "budget_closed"),
        (e("bad-cp-34", "schedule_set", "PHB-0013", "2026-03-12", schedule="zero",
           kind="direct_payment_transfer", amount="0", every="week", first="2026-03-12"),
         "invalid_field"),
        # reviews
        (e("bad-cp-35", "review", "PHB-0001", "2026-03-12", outcome="stop",
           next_review="2027-03-12"), "invalid_field"),
        (e("bad-cp-36", "review", "PHB-0001", "2026-03-12", outcome="continue"),
         "missing_field"),
        (e("bad-cp-37", "review", "PHB-0001", "2026-03-12", outcome="continue",
           next_review="2026-03-12"), "invalid_field"),
        (e("bad-cp-38", "review", "PHB-0001", "2026-03-12", outcome="pause",
           next_review="2026-06-12"), "invalid_field"),
        (e("bad-cp-39", "review", "PHB-0099", "2026-03-12", outcome="stop"), "unknown_budget"),
        # repayments
        (e("bad-cp-40", "repayment_waived", "PHB-0005", "2026-04-26", repayment="RP-2026-01",
           reason="again"), "insufficient_funds"),
        (e("bad-cp-41", "repayment_waived", "PHB-0010", "2026-04-26", repayment="RP-TP-1",
           amount="250.01", reason="too much"), "insufficient_funds"),
        (e("bad-cp-42", "repayment_waived", "PHB-0010", "2026-04-26", repayment="RP-NONE",
           reason="x"), "unknown_repayment"),
        (e("bad-cp-43", "recovery", "PHB-0011", "2026-04-26", pot="third_party",
           amount="10", reason="x", repayment="RP-DP-1"), "unknown_repayment"),
        (e("bad-cp-44", "recovery", "PHB-0010", "2026-04-26", pot="third_party",
           amount="250.01", reason="x", repayment="RP-TP-1"), "insufficient_funds"),
        (e("bad-cp-45", "repayment_requested", "PHB-0010", "2026-04-26", repayment="RP-TP-1",
           pot="third_party", amount="10", grounds="surplus", due="2026-05-26"),
         "invalid_field"),
        (e("bad-cp-46", "repayment_requested", "PHB-0010", "2026-04-26", repayment="RP-N",
           pot="notional", amount="10", grounds="surplus", due="2026-05-26"),
         "invalid_field"),
        (e("bad-cp-47", "repayment_requested", "PHB-0001", "2026-04-26", repayment="RP-N",
           amount="10", grounds="surplus", due="2026-05-26"), "pot_not_in_budget"),
        (e("bad-cp-48", "repayment_requested", "PHB-0005", "2026-04-26", repayment="RP-N",
           amount="10", grounds="surplus", due="2026-04-25"), "invalid_field"),
        (e("bad-cp-49", "repayment_requested", "PHB-0005", "2026-04-26", repayment="RP-N",
           amount="10", grounds="greed", due="2026-05-25"), "invalid_field"),
        (e("bad-cp-50", "recovery", "PHB-0001", "2026-04-26", amount="10", reason="x",
           repayment="RP-N"), "pot_not_in_budget"),
        (e("bad-cp-51", "reversal", "PHB-0005", "2026-04-26",
           reverses="PHB-0005/2026-04-25/waive-1", reason="x"), "not_reversible"),
        # new optional fields
        (e("bad-cp-52", "budget_opened", "PHB-0016", "2026-04-01", person="P-1",
           holding_model="notional", period_start="2026-04-01", period_end="2027-03-31",
           cohort="Continuing Healthcare"), "invalid_field"),
        (e("bad-cp-53", "allocation", "PHB-0001", "2026-03-12", amount="10",
           line="personal-care"), "invalid_field"),
        (e("bad-cp-54", "plan_line", "PHB-0001", "2026-03-12", line="ok", category="therapy",
           amount="10", description="tab\there"), "invalid_field"),
        # an instalment posted again, its amount written another way: a duplicate
        ({"id": "schedule:PHB-0013:monthly:2025-10-31", "type": "direct_payment_transfer",
          "budget": "PHB-0013", "date": "2025-10-31", "amount": "1000"}, "duplicate"),
    ]


def first_commitment(budget: str) -> str:
    """The id of the year file's first commitment of a budget (it has no plan line)."""
    with open(YEAR_FILE, encoding="utf-8") as handle:
        for text in handle:
            event = json.loads(text) if text.strip() else None
            if event and event["budget"] == budget and event["type"] == "notional_commitment":
                return event["commitment"]
    raise LookupError(budget)


# budget-ledger arguments (without --json) -> the model's output; the file name says which
def expected_outputs(ledger) -> list[tuple[str, list[str], list[dict]]]:
    cm = careplan_model
    outputs = [
        ("due-2026-04-30.jsonl", ["due", "--to", "2026-04-30"],
         cm.due_lines(ledger, "2026-04-30")),
        ("due-2026-02-28.jsonl", ["due", "--to", "2026-02-28"],
         cm.due_lines(ledger, "2026-02-28")),
        ("due-2026-04-30-PHB-0009.jsonl", ["due", "--to", "2026-04-30", "--budget", "PHB-0009"],
         cm.due_lines(ledger, "2026-04-30", "PHB-0009")),
        ("reviews-2026-03-31.jsonl", ["reviews", "--due-by", "2026-03-31"],
         cm.reviews_lines(ledger, "2026-03-31")),
        ("reviews-2026-04-30.jsonl", ["reviews", "--due-by", "2026-04-30"],
         cm.reviews_lines(ledger, "2026-04-30")),
        ("reviews-2026-02-15-as-of-2026-02-15.jsonl",
         ["reviews", "--due-by", "2026-02-15", "--as-of-date", "2026-02-15"],
         cm.reviews_lines(ledger, "2026-02-15", as_of_date="2026-02-15")),
        ("repayments-2026-04-30.jsonl", ["repayments", "--on", "2026-04-30"],
         cm.repayments_lines(ledger, "2026-04-30")),
        ("repayments-2026-04-30-as-of-2026-04-20.jsonl",
         ["repayments", "--on", "2026-04-30", "--as-of-date", "2026-04-20"],
         cm.repayments_lines(ledger, "2026-04-30", as_of_date="2026-04-20")),
        ("repayments-2026-04-11-PHB-0010-as-of-2026-04-11.jsonl",
         ["repayments", "--on", "2026-04-11", "--budget", "PHB-0010", "--as-of-date",
          "2026-04-11"],
         cm.repayments_lines(ledger, "2026-04-11", "PHB-0010", as_of_date="2026-04-11")),
        ("plan-PHB-0001-as-of-2025-09-30.jsonl",
         ["plan", "PHB-0001", "--as-of-date", "2025-09-30"],
         cm.plan_lines(ledger, "PHB-0001", as_of_date="2025-09-30")),
        ("plan-PHB-0005-as-of-2025-10-31.jsonl",
         ["plan", "PHB-0005", "--as-of-date", "2025-10-31"],
         cm.plan_lines(ledger, "PHB-0005", as_of_date="2025-10-31")),
    ]
    # SPEC 3's --as-of-seq at the middle of the care-plan layer (its first 54 lines posted).
    # CarePlanContractTests also posts the layer in two halves at two times and expects the
    # same bytes from --known-at between them: known-at reads the ledger as recorded then.
    middle = str(YEAR_EVENTS + CARE_PLAN_FIRST_HALF)
    outputs += [
        (f"plan-PHB-0009-as-of-seq-{middle}.jsonl", ["plan", "PHB-0009", "--as-of-seq", middle],
         cm.plan_lines(ledger, "PHB-0009", as_of_seq=int(middle))),
        (f"reviews-2026-03-31-as-of-seq-{middle}.jsonl",
         ["reviews", "--due-by", "2026-03-31", "--as-of-seq", middle],
         cm.reviews_lines(ledger, "2026-03-31", as_of_seq=int(middle))),
        (f"repayments-2026-04-30-as-of-seq-{middle}.jsonl",
         ["repayments", "--on", "2026-04-30", "--as-of-seq", middle],
         cm.repayments_lines(ledger, "2026-04-30", as_of_seq=int(middle))),
    ]
    for budget in sorted(ledger.budgets, key=lambda b: b.encode()):
        outputs.append((f"plan-{budget}.jsonl", ["plan", budget],
                        cm.plan_lines(ledger, budget)))
    for quarter in ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"):
        outputs.append((f"report-{quarter}.jsonl", ["report", "--quarter", quarter],
                        [cm.report_quarter(ledger, quarter)]))
    return outputs


def write_lines(path: Path, rows: list):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else model.dumps(row)) + "\n")


def main() -> int:
    events = care_plan_events()
    write_lines(CARE_PLAN_FILE, events)
    ledger, results = careplan_model.post_files([str(YEAR_FILE)])
    ledger, rows, summary = model.post_file(ledger, str(CARE_PLAN_FILE), False)
    rejected = [r for r in rows if r["status"] != "accepted"]
    if rejected:
        print(f"care-plan file: not all accepted: {rejected}", file=sys.stderr)
        return 1
    write_lines(EXPECTED_DIR / "post.jsonl", rows + [summary])
    write_lines(EXPECTED_DIR / "balances.jsonl", model.balances_lines(ledger))

    bad = bad_events()
    write_lines(BAD_FILE, [event for event, _ in bad])
    _, bad_rows, bad_summary = model.post_file(ledger, str(BAD_FILE), False)
    wrong = []
    for row, (event, intended) in zip(bad_rows, bad):
        got = row.get("code", row["status"])
        if got != intended:
            wrong.append((row["id"], intended, got))
    if wrong or len(bad_rows) != len(bad):
        print(f"bad file: wrong codes {wrong}", file=sys.stderr)
        return 1
    write_lines(BAD_EXPECTED, bad_rows + [bad_summary])

    manifest = []
    for name, arguments, output in expected_outputs(ledger):
        write_lines(EXPECTED_DIR / name, output)
        manifest.append(name + "\t" + " ".join(arguments))
    # due --post: the instalments posted as one input, then the ledger's balances
    due = careplan_model.due_instalments(ledger, "2026-04-30")
    after, post_rows, post_summary = careplan_model.post_events(ledger, due)
    if post_summary["rejected"]:
        print(f"due --post: refused {post_rows}", file=sys.stderr)
        return 1
    write_lines(EXPECTED_DIR / "due-post-2026-04-30.jsonl", post_rows + [post_summary])
    manifest.append("due-post-2026-04-30.jsonl\tdue --to 2026-04-30 --post")
    write_lines(EXPECTED_DIR / "balances-after-due-post.jsonl", model.balances_lines(after))
    write_lines(EXPECTED_DIR / "commands.tsv", manifest)
    print(f"care plan: {len(events)} events, bad: {len(bad)} lines, "
          f"{len(manifest)} expected outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
