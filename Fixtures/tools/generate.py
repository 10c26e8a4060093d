#!/usr/bin/env python3
"""Writes the budget-ledger fixtures, deterministically (fixed seed).

    python3 Fixtures/tools/generate.py

Outputs (paths relative to Fixtures/):
    year-2025-26.jsonl                     a year of 12 personal health budgets; every event valid
    expected/year-2025-26.balances.jsonl   `balances --json` after posting the year file
    expected/year-2025-26.post.jsonl       `post --json` of the year file (message omitted)
    bad/rejections.jsonl                   lines that are each rejected (or a duplicate) when
                                           posted after the year file
    bad/rejections.expected.jsonl          `post --json` of that file after the year file

Each budget is simulated on its own, in the order its events are recorded; the simulation
keeps just enough state (pots, commitments, held money) to write only events the rules
accept. The budgets' events are then merged by recording date. The expected outputs are
computed by model.py (the independent reference model), and the generator checks that the
year file has no rejection and that every bad line gets the code it was written for.
"""

from __future__ import annotations

import datetime as dt
import json
import heapq
import random
import sys
from collections import defaultdict
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
FIXTURES = TOOLS.parent
sys.dont_write_bytecode = True  # keep __pycache__ out of Fixtures/
sys.path.insert(0, str(TOOLS))
import model  # noqa: E402  (the reference model, for the expected outputs and the checks)

SEED = 20250401
FY_START = dt.date(2025, 4, 1)
FY_END = dt.date(2026, 3, 31)

YEAR_FILE = FIXTURES / "year-2025-26.jsonl"
EXPECTED_BALANCES = FIXTURES / "expected" / "year-2025-26.balances.jsonl"
EXPECTED_POST = FIXTURES / "expected" / "year-2025-26.post.jsonl"
BAD_FILE = FIXTURES / "bad" / "rejections.jsonl"
BAD_EXPECTED = FIXTURES / "bad" / "rejections.expected.jsonl"

ACTORS = [
    "finance.officer@icb.nhs.uk", "a.patel@icb.nhs.uk", "j.morgan@icb.nhs.uk",
    "phb.team@icb.nhs.uk", "s.clarke@icb.nhs.uk",
]

# Short names used in event ids: PHB-0003/2025-05-02/pay-17
ID_KIND = {
    "budget_opened": "open", "allocation": "alloc", "notional_commitment": "commit",
    "commitment_release": "release", "third_party_transfer": "tpt",
    "direct_payment_transfer": "dpt", "payment": "pay", "recovery": "recover",
    "reconciliation": "recon", "reversal": "rev", "budget_closed": "close",
}

EIGHT_WEEKS = 8


# ----------------------------------------------------------------------------------------
# Small helpers

def clamp_day(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def add_months(date: dt.date, months: int, day: int | None = None) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return clamp_day(index // 12, index % 12 + 1, day or date.day)


def month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    first = dt.date(start.year, start.month, 1)
    result = []
    while first <= end:
        result.append(first)
        first = add_months(first, 1, 1)
    return result


def quarter_ends(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Financial quarters (Apr-Jun, ...) that overlap [start, end], clipped to start."""
    result = []
    q_start = FY_START
    while q_start <= end:
        q_end = add_months(q_start, 3, 1) - dt.timedelta(days=1)
        if q_end >= start:
            result.append((max(q_start, start), q_end))
        q_start = add_months(q_start, 3, 1)
    return result


def pounds(amount: float) -> int:
    """Pounds (from a rate computation) -> whole pence, rounded half up."""
    return int(round(amount * 100))


class Money:
    """Formats pence as an amount string, varying the written form like real input does."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self, pence: int) -> str:
        assert pence > 0
        whole, part = divmod(pence, 100)
        if part == 0:
            return str(whole) if self.rng.random() < 0.7 else f"{whole}.00"
        if part % 10 == 0 and self.rng.random() < 0.5:
            return f"{whole}.{part // 10}"
        return f"{whole}.{part:02d}"


# ----------------------------------------------------------------------------------------
# The simulation of one budget

class PotState:
    def __init__(self, name: str):
        self.name = name
        self.allocated = 0
        self.committed = 0
        self.transferred = 0
        self.spent = 0
        self.recovered = 0
        # held movements in recording order: (event id, date, delta, reversed id or None)
        self.movements: list[tuple[str, dt.date, int, str | None]] = []

    @property
    def held(self) -> int:
        return self.transferred - self.spent - self.recovered

    @property
    def available(self) -> int:
        if self.name == "notional":
            return self.allocated - self.committed - self.spent
        return self.allocated - self.transferred

    def held_as_of(self, period_end: dt.date) -> int:
        dates = {}
        total = 0
        for event_id, date, delta, reverses in self.movements:
            dates[event_id] = date
            if date > period_end:
                continue
            if reverses is None or dates[reverses] <= period_end:
                total += delta
        return total


class CommitmentState:
    def __init__(self, commitment_id, provider, category, amount, monthly):
        self.commitment_id = commitment_id
        self.provider = provider
        self.category = category
        self.amount = amount
        self.open = amount
        self.monthly = monthly


class BudgetSim:
    def __init__(self, number: int, person: str, holding_model: str, pots: list[str],
                 period_start: dt.date, period_end: dt.date, rng: random.Random):
        self.budget_id = f"PHB-{number:04d}"
        self.number = number
        self.person = person
        self.holding_model = holding_model
        self.pot_names = pots
        self.pots = {name: PotState(name) for name in pots}
        self.period_start = period_start
        self.period_end = period_end
        self.rng = rng
        self.money = Money(rng)
        self.commitments: dict[str, CommitmentState] = {}
        self.closed = False
        self.events: list[tuple[dt.date, dict]] = []  # (recorded on, event) in record order
        self.kind_counter = defaultdict(int)
        self.stored: dict[str, dict] = {}  # id -> event, for reversals
        self.reversed: set[str] = set()
        self.schedule: list[tuple[dt.date, int, int, object]] = []  # a heap
        self.scheduled = 0
        self.clock = dt.date.min
        self.named: dict[str, str] = {}  # scenario name -> event id (for the bad file)
        self.backdated = 0

    # ---- scheduling -------------------------------------------------------------------

    def at(self, when: dt.date, action, priority: int = 5):
        """Runs `action()` when the simulation reaches `when` (the recording date); actions
        may schedule further actions while the simulation runs."""
        self.scheduled += 1
        heapq.heappush(self.schedule, (when, priority, self.scheduled, action))

    def run(self):
        while self.schedule:
            when, _, _, action = heapq.heappop(self.schedule)
            self.clock = max(self.clock, when)
            action()

    # ---- writing events (each checked against the rules before it is written) -----------

    def emit(self, event_type: str, date: dt.date, fields: dict, note: str | None = None,
             actor: bool = True) -> str:
        recorded = max(date, self.clock)
        self.clock = recorded
        if recorded > date:
            self.backdated += 1
        self.kind_counter[event_type] += 1
        event_id = f"{self.budget_id}/{date.isoformat()}/{ID_KIND[event_type]}-" \
                   f"{self.kind_counter[event_type]}"
        event = {"id": event_id, "type": event_type, "budget": self.budget_id,
                 "date": date.isoformat()}
        event.update(fields)
        if actor and self.rng.random() < 0.92:
            event["actor"] = self.rng.choice(ACTORS)
        if note:
            event["note"] = note
        self.events.append((recorded, event))
        self.stored[event_id] = event
        return event_id

    def pot_field(self, pot: str, always: bool = False) -> dict:
        """`pot` is required on mixed budgets; on single ones it is given now and then."""
        if self.holding_model == "mixed" or always or self.rng.random() < 0.3:
            return {"pot": pot}
        return {}

    def open(self, date: dt.date):
        fields = {"person": self.person, "holding_model": self.holding_model}
        if self.holding_model == "mixed":
            fields["pots"] = list(self.pot_names)
        fields["period_start"] = self.period_start.isoformat()
        fields["period_end"] = self.period_end.isoformat()
        self.emit("budget_opened", date, fields, note="Care and support plan agreed")

    def allocate(self, pot: str, pence: int, date: dt.date, decrease: bool = False,
                 explicit: bool = False, note: str | None = None) -> str:
        state = self.pots[pot]
        assert not self.closed
        fields = {**self.pot_field(pot), "amount": self.money(pence)}
        if decrease:
            assert state.available >= pence, (self.budget_id, "decrease", pot)
            fields["direction"] = "decrease"
            state.allocated -= pence
        else:
            if explicit:
                fields["direction"] = "increase"
            state.allocated += pence
        return self.emit("allocation", date, fields, note=note)

    def commit(self, commitment_id: str, provider: str, category: str, pence: int,
               monthly: int, date: dt.date, note: str | None = None) -> str:
        state = self.pots["notional"]
        assert not self.closed and state.available >= pence, (self.budget_id, commitment_id)
        assert commitment_id not in self.commitments
        state.committed += pence
        self.commitments[commitment_id] = CommitmentState(
            commitment_id, provider, category, pence, monthly)
        return self.emit("notional_commitment", date, {
            "commitment": commitment_id, "provider": provider, "category": category,
            "amount": self.money(pence)}, note=note)

    def release(self, commitment_id: str, date: dt.date, pence: int | None = None,
                note: str | None = None) -> str:
        commitment = self.commitments[commitment_id]
        assert commitment.open > 0 and (pence is None or 0 < pence <= commitment.open)
        amount = commitment.open if pence is None else pence
        commitment.open -= amount
        self.pots["notional"].committed -= amount
        fields = {"commitment": commitment_id}
        if pence is not None:
            fields["amount"] = self.money(pence)
        return self.emit("commitment_release", date, fields, note=note)

    def transfer(self, pot: str, pence: int, date: dt.date, organisation: str | None = None,
                 note: str | None = None) -> str:
        state = self.pots[pot]
        assert not self.closed and 0 < pence <= state.available, (self.budget_id, pot, pence)
        state.transferred += pence
        if pot == "third_party":
            event_id = self.emit("third_party_transfer", date, {
                "organisation": organisation, "amount": self.money(pence)}, note=note)
        else:
            event_id = self.emit("direct_payment_transfer", date,
                                 {"amount": self.money(pence)}, note=note)
        state.movements.append((event_id, date, pence, None))
        return event_id

    def pay(self, pot: str, payee: str, category: str, pence: int, date: dt.date,
            commitment: str | None = None, reference: str | None = None,
            note: str | None = None) -> str:
        state = self.pots[pot]
        assert not self.closed
        fields = {}
        if commitment is not None:
            assert pot == "notional"
            entry = self.commitments[commitment]
            assert 0 < pence <= entry.open, (self.budget_id, commitment, pence, entry.open)
            entry.open -= pence
            state.committed -= pence
            if self.rng.random() < 0.4:
                fields["pot"] = "notional"
        elif pot == "notional":
            assert 0 < pence <= state.available
            fields.update(self.pot_field(pot))
        else:
            assert 0 < pence <= state.held, (self.budget_id, pot, pence, state.held)
            fields.update(self.pot_field(pot))
        state.spent += pence
        fields.update({"payee": payee, "category": category, "amount": self.money(pence)})
        if commitment is not None:
            fields["commitment"] = commitment
        if reference is not None:
            fields["reference"] = reference
        event_id = self.emit("payment", date, fields, note=note)
        if pot != "notional":
            state.movements.append((event_id, date, -pence, None))
        return event_id

    def recover(self, pot: str, pence: int, date: dt.date, reason: str,
                note: str | None = None) -> str:
        state = self.pots[pot]
        assert 0 < pence <= state.held, (self.budget_id, pot, pence, state.held)
        state.recovered += pence
        event_id = self.emit("recovery", date, {
            **self.pot_field(pot), "amount": self.money(pence), "reason": reason}, note=note)
        state.movements.append((event_id, date, -pence, None))
        return event_id

    def reconcile(self, pot: str, date: dt.date, period_start: dt.date | None,
                  period_end: dt.date, statement: int, note: str | None = None) -> str:
        fields = dict(self.pot_field(pot))
        if period_start is not None:
            fields["period_start"] = period_start.isoformat()
        fields["period_end"] = period_end.isoformat()
        fields["statement_balance"] = "0" if statement == 0 else self.money(statement)
        return self.emit("reconciliation", date, fields, note=note)

    def reverse(self, target_id: str, date: dt.date, reason: str,
                note: str | None = None) -> str:
        target = self.stored[target_id]
        assert target_id not in self.reversed
        pence = model.parse_pence(target["amount"])
        event_type = target["type"]
        if event_type == "allocation":
            pot = self.pots[target.get("pot", self.holding_model)]
            if target.get("direction") == "decrease":
                pot.allocated += pence
            else:
                assert pot.available >= pence, (self.budget_id, "reverse allocation")
                pot.allocated -= pence
            assert not self.closed
        elif event_type in ("third_party_transfer", "direct_payment_transfer"):
            pot = self.pots["third_party" if event_type == "third_party_transfer"
                            else "direct_payment"]
            assert pot.held >= pence and not self.closed
            pot.transferred -= pence
        elif event_type == "payment":
            pot_name = "notional" if "commitment" in target else \
                target.get("pot", self.holding_model)
            pot = self.pots[pot_name]
            pot.spent -= pence
            if "commitment" in target:
                self.commitments[target["commitment"]].open += pence
                pot.committed += pence
        elif event_type == "recovery":
            pot = self.pots[target.get("pot", self.holding_model)]
            pot.recovered -= pence
        else:
            raise AssertionError(event_type)
        self.reversed.add(target_id)
        event_id = self.emit("reversal", date, {"reverses": target_id, "reason": reason},
                             note=note)
        if event_type != "allocation" and pot.name != "notional":
            for movement_id, movement_date, delta, _ in list(pot.movements):
                if movement_id == target_id:
                    pot.movements.append((event_id, date, -delta, target_id))
        return event_id

    def close(self, date: dt.date, note: str | None = None) -> str:
        assert all(c.open == 0 for c in self.commitments.values())
        self.closed = True
        return self.emit("budget_closed", date, {}, note=note)

    # ---- derived quantities -------------------------------------------------------------

    def weekly_rate(self, pot: str) -> int:
        days = (self.period_end - self.period_start).days + 1
        return self.pots[pot].allocated * 7 // days

    def surplus(self, pot: str) -> int:
        return max(0, self.pots[pot].held - EIGHT_WEEKS * self.weekly_rate(pot))


# ----------------------------------------------------------------------------------------
# The people, providers and payees of the fixtures

NOTIONAL_SERVICES = {
    "homecare": ("Carewell Homecare Ltd", "personal_care", "CW"),
    "homecare2": ("Sunrise Homecare", "personal_care", "SH"),
    "physio": ("Active Physio Partners", "physiotherapy", "APP"),
    "therapy": ("Mindful Therapies CIC", "therapy", "MT"),
    "transport": ("Community Transport Trust", "transport", "CTT"),
    "day": ("Harbour Day Opportunities", "social_activities", "HDO"),
    "respite": ("Oakleigh Respite House", "respite", "ORH"),
    "equipment": ("Mobility Aids Direct", "equipment", "MAD"),
}

# payee, category, share of the monthly budget, payments a month, reference prefix or None
DP_PAYEES = [
    [("PA J. Okafor", "personal_care", 0.46, 2, "PAYSLIP"),
     ("PA M. Byrne", "personal_care", 0.22, 1, "PAYSLIP"),
     ("Payroll Plus Ltd", "payroll_services", 0.03, 1, "PP"),
     ("Riverside Leisure Centre", "social_activities", 0.05, 1, None),
     ("Dial-a-Ride", "transport", 0.04, 1, None)],
    [("PA S. Nowak", "personal_care", 0.52, 2, "PAYSLIP"),
     ("Supreme Care Agency", "personal_care", 0.16, 1, "SCA"),
     ("Payroll Plus Ltd", "payroll_services", 0.03, 1, "PP"),
     ("Aqua Therapy Pool", "therapy", 0.06, 1, None),
     ("A2B Cars", "transport", 0.03, 1, None)],
    [("PA R. Ahmed", "personal_care", 0.40, 2, "PAYSLIP"),
     ("PA L. Evans", "personal_care", 0.25, 1, "PAYSLIP"),
     ("Payroll Plus Ltd", "payroll_services", 0.03, 1, "PP"),
     ("Greenfields Community Garden", "social_activities", 0.05, 1, None),
     ("Mobility Aids Direct", "equipment", 0.04, 1, "MAD")],
]

TP_PAYEES = [
    [("Helping Hands Agency", "personal_care", 0.55, 2, "HHA"),
     ("PA D. Mensah", "personal_care", 0.20, 1, "PAYSLIP"),
     ("Brightpath ISF Ltd", "support_management", 0.06, 1, "BISF"),
     ("Riverside Leisure Centre", "social_activities", 0.05, 1, None)],
    [("Supreme Care Agency", "personal_care", 0.50, 2, "SCA"),
     ("PA K. Wilson", "personal_care", 0.25, 1, "PAYSLIP"),
     ("Northgate ISF Services", "support_management", 0.06, 1, "NISF"),
     ("Dial-a-Ride", "transport", 0.04, 1, None)],
]

LATE_PAYMENTS = [  # spending the ledger learns of from a statement
    ("A2B Cars", "transport"), ("Riverside Leisure Centre", "social_activities"),
    ("Greenfields Community Garden", "social_activities"), ("Dial-a-Ride", "transport"),
]


class Fixtures:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.po_counter = 100
        self.budgets: list[BudgetSim] = []
        self.person_numbers: set[int] = set()

    def person(self) -> str:
        while True:
            number = self.rng.randint(10000, 99999)
            if number not in self.person_numbers:
                self.person_numbers.add(number)
                return f"P-{number}"

    def next_po(self) -> str:
        self.po_counter += 1
        return f"PO-25-{self.po_counter:04d}"

    def budget(self, number, holding_model, pots=None, start=FY_START) -> BudgetSim:
        b = BudgetSim(number, self.person(), holding_model, pots or [holding_model], start,
                      FY_END, random.Random(self.rng.random()))
        self.budgets.append(b)
        return b

    # ---- planners -----------------------------------------------------------------------

    def plan_open(self, b: BudgetSim, allocations: dict[str, int]):
        def action():
            b.open(b.period_start)
            for pot in b.pot_names:
                b.allocate(pot, allocations[pot], b.period_start,
                           explicit=b.rng.random() < 0.3,
                           note="Indicative budget for 2025/26" if b.rng.random() < 0.4 else None)
        b.at(b.period_start, action, priority=0)

    def plan_notional(self, b: BudgetSim, services: list[str], keep_open: set[str],
                      closing: bool = False):
        """Commitments at the start, monthly invoices against them (paid in arrears), a
        review in October, and the year-end releases."""
        rng = b.rng
        commitments: dict[str, str] = {}  # service -> commitment id
        first_month = dt.date(b.period_start.year, b.period_start.month, 1)
        months = month_starts(first_month, FY_END)
        monthly_costs = {
            "homecare": rng.randint(95, 150) * 1000, "homecare2": rng.randint(60, 90) * 1000,
            "physio": rng.choice([4, 6, 8]) * 5500, "therapy": rng.choice([2, 3, 4]) * 6500,
            "transport": rng.randint(8, 14) * 1150, "day": rng.choice([4, 8, 12]) * 4250,
        }

        def start_commitments():
            for offset, service in enumerate(services):
                provider, category, _ = NOTIONAL_SERVICES[service]
                commitment_id = self.next_po()
                commitments[service] = commitment_id
                day = b.period_start + dt.timedelta(days=2 + offset)
                if service == "respite":
                    total = rng.randint(18, 26) * 5000  # two stays
                    monthly = 0
                elif service == "equipment":
                    total = rng.randint(25, 90) * 1000 + rng.choice([0, 499, 950])
                    monthly = 0
                else:
                    monthly = monthly_costs[service]
                    total = -(-monthly * len(months) * 110 // 100 // 1000) * 1000
                b.commit(commitment_id, provider, category, total, monthly, day,
                         note=f"Purchase order {commitment_id}" if rng.random() < 0.3 else None)
        b.at(b.period_start + dt.timedelta(days=2), start_commitments, priority=1)

        invoice_numbers = defaultdict(lambda: rng.randint(1000, 9000))

        def invoice(service: str, pay_date: dt.date, service_month: dt.date):
            def action():
                commitment = b.commitments[commitments[service]]
                if commitment.open == 0:
                    return
                pence = pounds(commitment.monthly / 100 * rng.uniform(0.88, 1.03))
                pence = min(pence, commitment.open)
                provider, category, prefix = NOTIONAL_SERVICES[service]
                invoice_numbers[service] += 1
                reference = f"INV-{prefix}-{invoice_numbers[service]}" \
                    if rng.random() < 0.8 else None
                note = None
                if rng.random() < 0.08:
                    note = f"Services delivered in {service_month:%B %Y}"
                b.pay("notional", provider, category, pence, pay_date,
                      commitment=commitment.commitment_id, reference=reference, note=note)
            return action

        for service in services:
            if service in ("respite", "equipment"):
                continue
            for month in months:
                pay_date = add_months(month, 1, rng.randint(5, 20))
                if pay_date < b.period_start + dt.timedelta(days=10):
                    continue
                b.at(pay_date, invoice(service, pay_date, month))

        if "equipment" in services:
            def equipment():
                commitment = b.commitments[commitments["equipment"]]
                b.pay("notional", NOTIONAL_SERVICES["equipment"][0], "equipment",
                      commitment.open, equipment_date, commitment=commitment.commitment_id,
                      reference=f"INV-MAD-{rng.randint(20000, 29999)}",
                      note="Riser recliner chair delivered and fitted")
                b.named["equipment_commitment"] = commitment.commitment_id
            equipment_date = b.period_start + dt.timedelta(days=rng.randint(35, 60))
            b.at(equipment_date, equipment)

        if "respite" in services:
            for stay_month in (8, 2):
                stay_date = clamp_day(2025 if stay_month >= 4 else 2026, stay_month,
                                      rng.randint(10, 25))

                def respite(stay_date=stay_date):
                    commitment = b.commitments[commitments["respite"]]
                    pence = min(commitment.open, commitment.amount // 2)
                    if pence:
                        b.pay("notional", NOTIONAL_SERVICES["respite"][0], "respite", pence,
                              stay_date, commitment=commitment.commitment_id,
                              reference=f"INV-ORH-{rng.randint(300, 999)}",
                              note="One week respite stay")
                b.at(stay_date, respite)

        # Small one-off notional payments without a commitment.
        for when, payee, category, pence in (
                (dt.date(2025, 6, rng.randint(3, 27)), "A2B Cars", "transport",
                 rng.randint(2800, 6400)),
                (dt.date(2025, 11, rng.randint(3, 27)), "Mobility Aids Direct", "equipment",
                 rng.choice([4999, 8950, 12500])),
                (dt.date(2026, 1, rng.randint(5, 27)), "Harbour Day Opportunities",
                 "social_activities", rng.choice([3500, 4250, 8500]))):
            if when < b.period_start:
                continue

            def one_off(when=when, payee=payee, category=category, pence=pence):
                if b.pots["notional"].available >= pence:
                    b.pay("notional", payee, category, pence, when,
                          reference=None if rng.random() < 0.5 else f"REC-{rng.randint(100, 999)}")
            b.at(when, one_off)

        # October review: part of one service is released.
        review_date = dt.date(2025, 10, rng.randint(6, 17))
        reviewed = [s for s in services if s not in ("respite", "equipment", "homecare")
                    and s not in keep_open]

        def review():
            if not reviewed:
                return
            commitment = b.commitments[commitments[reviewed[0]]]
            pence = commitment.open * rng.randint(12, 22) // 100 // 100 * 100
            if pence:
                b.release(commitment.commitment_id, review_date, pence,
                          note="Care plan review: fewer sessions needed")
        b.at(review_date, review)

        # Year end: the providers' last invoices are in by mid April 2026.
        def year_end():
            kept = {commitments[service] for service in keep_open}
            for commitment in list(b.commitments.values()):
                if commitment.commitment_id in kept or commitment.open == 0:
                    continue
                b.release(commitment.commitment_id, year_end_date,
                          note="Year end: unused commitment released")
        year_end_date = dt.date(2026, 4, 24 if closing else rng.randint(21, 28))
        b.at(year_end_date, year_end, priority=8)
        return commitments

    def plan_holder(self, b: BudgetSim, pot: str, payees, cadence: str,
                    organisation: str | None = None, reconcile: int = 4,
                    recover_on: list[dt.date] = (), late_outcomes: int = 1,
                    until: dt.date = FY_END):
        """Transfers, spending by the holder, quarterly statements and surplus recoveries
        for a third_party or direct_payment pot."""
        rng = b.rng
        # transfer dates
        if cadence == "monthly":
            dates = [m + dt.timedelta(days=rng.choice([0, 1, 2]))
                     for m in month_starts(b.period_start, until)]
        elif cadence == "four_weekly":
            dates = []
            day = b.period_start
            while day <= until:
                dates.append(day)
                day += dt.timedelta(days=28)
        else:  # quarterly in advance
            dates = [q_start for q_start, _ in quarter_ends(b.period_start, until)]

        def transfer(index: int, when: dt.date):
            def action():
                state = b.pots[pot]
                left = len(dates) - index
                pence = state.available // left
                if index == len(dates) - 1:
                    pence = state.available
                if pence > 0:
                    note = None
                    if cadence == "quarterly" and rng.random() < 0.5:
                        note = "Quarterly payment in advance"
                    event_id = b.transfer(pot, pence, when, organisation, note=note)
                    b.named.setdefault(f"{pot}_transfer_{index}", event_id)
            return action

        for index, when in enumerate(dates):
            b.at(when, transfer(index, when), priority=1)

        # spending
        days = (b.period_end - b.period_start).days + 1

        def spend(payee, category, share, reference, when):
            def action():
                state = b.pots[pot]
                monthly = state.allocated * 30 // days
                pence = pounds(monthly * share / 100 * rng.uniform(0.8, 1.05))
                if payee.startswith("PA "):  # whole hours at the PA's hourly rate
                    rate = {"PA J. Okafor": 1315, "PA M. Byrne": 1260, "PA S. Nowak": 1420,
                            "PA R. Ahmed": 1350, "PA L. Evans": 1285, "PA D. Mensah": 1330,
                            "PA K. Wilson": 1275}[payee]
                    pence = max(1, pence // rate) * rate
                if pence <= 0 or pence > state.held:
                    return
                ref = None
                if reference and rng.random() < 0.75:
                    ref = f"{reference}-{when:%Y%m}-{rng.randint(10, 99)}"
                b.pay(pot, payee, category, pence, when, reference=ref)
            return action

        for month in month_starts(b.period_start, until):
            for payee, category, share, per_month, reference in payees:
                for k in range(per_month):
                    if per_month == 2:
                        when = clamp_day(month.year, month.month, 13 + 14 * k)
                    else:
                        when = clamp_day(month.year, month.month, rng.randint(3, 27))
                    if when < b.period_start + dt.timedelta(days=3) or when > until:
                        continue
                    b.at(when, spend(payee, category, share / per_month, reference, when))

        # quarterly statements, the later ones not yet received
        holder = organisation or "the direct payment account"
        outcomes = ["late"] * late_outcomes + ["charges", "refund"]
        rng.shuffle(outcomes)
        quarters = quarter_ends(b.period_start, FY_END)[:reconcile]
        for index, (q_start, q_end) in enumerate(quarters):
            when = q_end + dt.timedelta(days=rng.randint(8, 20))
            outcome = "balanced" if index % 2 == 0 or not outcomes else outcomes.pop()

            def statement(q_start=q_start, q_end=q_end, when=when, outcome=outcome):
                expected = b.pots[pot].held_as_of(q_end)
                statement_balance = expected
                note = f"Quarterly statement from {holder}" if rng.random() < 0.5 else None
                if outcome == "late" and expected > 10000:
                    payee, category = rng.choice(LATE_PAYMENTS)
                    late = rng.randint(1800, 6500)
                    statement_balance -= late
                    late_date = q_end - dt.timedelta(days=rng.randint(2, 12))
                    b.at(when + dt.timedelta(days=rng.randint(2, 6)),
                         lambda: b.pay(pot, payee, category, late, late_date,
                                       note="Recorded late: found on the quarterly statement"))
                elif outcome == "charges":
                    statement_balance -= rng.choice([250, 500, 750, 1200])
                    note = "Bank charges on statement, to be queried"
                elif outcome == "refund":
                    statement_balance += rng.choice([1500, 2250, 4000])
                    note = "Refund from provider credited to the account"
                start = q_start if rng.random() < 0.8 else None
                event_id = b.reconcile(pot, when, start, q_end, max(statement_balance, 0),
                                       note=note)
                b.named[f"{pot}_reconciliation"] = event_id
            b.at(when, statement, priority=2)

        for when in recover_on:
            def recover(when=when):
                surplus = b.surplus(pot) // 100 * 100
                reason = "Surplus above 8 weeks' funding at review"
                if surplus < 10000:
                    surplus = b.pots[pot].held * 3 // 10 // 100 * 100
                    reason = "Unspent funds returned as agreed at review"
                if surplus > 0:
                    event_id = b.recover(pot, surplus, when, reason)
                    b.named[f"{pot}_recovery"] = event_id
            b.at(when, recover, priority=3)

    # ---- the twelve budgets -------------------------------------------------------------

    def build(self):
        rng = self.rng
        d = dt.date

        # PHB-0001 notional, open commitments at year end; a mistyped invoice is reversed.
        b1 = self.budget(1, "notional")
        self.plan_open(b1, {"notional": 3_450_000})
        c1 = self.plan_notional(b1, ["homecare", "physio", "therapy", "transport",
                                     "equipment"], keep_open={"homecare", "transport"})

        def b1_mistyped():
            commitment = b1.commitments[c1["homecare"]]
            wrong = commitment.monthly + 3600
            when = d(2025, 6, 12)
            paid = b1.pay("notional", "Carewell Homecare Ltd", "personal_care", wrong, when,
                          commitment=commitment.commitment_id, reference="INV-CW-20714")
            b1.named["mistyped_payment"] = paid
        b1.at(d(2025, 6, 12), b1_mistyped)

        def b1_fix():
            commitment = b1.commitments[c1["homecare"]]
            b1.named["mistyped_reversal"] = b1.reverse(
                b1.named["mistyped_payment"], d(2025, 6, 16),
                "Keying error: invoice INV-CW-20714 total entered wrongly")
            b1.pay("notional", "Carewell Homecare Ltd", "personal_care", commitment.monthly,
                   d(2025, 6, 16), commitment=commitment.commitment_id,
                   reference="INV-CW-20714")
        b1.at(d(2025, 6, 16), b1_fix)

        # PHB-0002 notional, allocation increased at review, closed at year end.
        b2 = self.budget(2, "notional")
        self.plan_open(b2, {"notional": 2_480_000})
        self.plan_notional(b2, ["homecare2", "day", "respite", "transport", "therapy"],
                           keep_open=set(),
                           closing=True)
        b2.at(d(2025, 9, 22), lambda: b2.allocate(
            "notional", 180_000, d(2025, 9, 22), explicit=True,
            note="Care plan review: extra respite agreed"))
        extra_respite = self.next_po()
        b2.at(d(2025, 10, 2), lambda: b2.commit(
            extra_respite, "Oakleigh Respite House", "respite", 150_000, 0, d(2025, 10, 2),
            note="Extra respite week agreed at review"))
        b2.at(d(2025, 12, 15), lambda: b2.pay(
            "notional", "Oakleigh Respite House", "respite", 142_500, d(2025, 12, 12),
            commitment=extra_respite, reference="INV-ORH-1207"))
        b2.at(d(2026, 4, 27), lambda: b2.close(
            d(2026, 4, 27), note="Year end: all invoices paid and commitments released"),
            priority=9)

        # PHB-0003 third_party, quarterly; gets the top-up first keyed on PHB-0004.
        b3 = self.budget(3, "third_party")
        self.plan_open(b3, {"third_party": 3_120_000})
        self.plan_holder(b3, "third_party", TP_PAYEES[0], "quarterly",
                         organisation="Brightpath ISF Ltd", reconcile=4)
        b3.at(d(2025, 10, 9), lambda: b3.allocate(
            "third_party", 120_000, d(2025, 10, 9),
            note="Top-up agreed at review (first keyed on PHB-0004 in error)"))

        # PHB-0004 third_party, monthly; wrong-budget allocation and a duplicated transfer.
        b4 = self.budget(4, "third_party")
        self.plan_open(b4, {"third_party": 2_760_000})
        self.plan_holder(b4, "third_party", TP_PAYEES[1], "monthly",
                         organisation="Northgate ISF Services", reconcile=3,
                         recover_on=[d(2026, 1, 26)])

        def b4_wrong_budget():
            b4.named["wrong_allocation"] = b4.allocate("third_party", 120_000, d(2025, 10, 6),
                                                       explicit=True)
        b4.at(d(2025, 10, 6), b4_wrong_budget, priority=0)
        b4.at(d(2025, 10, 8), lambda: b4.named.__setitem__("wrong_allocation_reversal", b4.reverse(
            b4.named["wrong_allocation"], d(2025, 10, 8),
            "Allocated to the wrong budget: belongs to PHB-0003")), priority=0)

        def b4_double_transfer():
            state = b4.pots["third_party"]
            pence = state.allocated * 30 // 365 // 100 * 100
            b4.named["double_transfer"] = b4.transfer("third_party", pence, d(2025, 7, 3),
                                                      "Northgate ISF Services")
        b4.at(d(2025, 7, 3), b4_double_transfer, priority=1)
        b4.at(d(2025, 7, 4), lambda: b4.reverse(
            b4.named["double_transfer"], d(2025, 7, 4),
            "Transfer sent twice; returned by Northgate ISF Services"), priority=0)

        # PHB-0005 direct_payment, monthly; a payslip entered twice; allocation decreased.
        b5 = self.budget(5, "direct_payment")
        self.plan_open(b5, {"direct_payment": 2_280_000})
        self.plan_holder(b5, "direct_payment", DP_PAYEES[0], "monthly", reconcile=4,
                         recover_on=[d(2025, 10, 21)], late_outcomes=2)

        def b5_double():
            when = d(2025, 8, 5)
            pence = 24 * 1315
            b5.pay("direct_payment", "PA J. Okafor", "personal_care", pence, when,
                   reference="PAYSLIP-202507-X1")
            b5.named["double_payment"] = b5.pay(
                "direct_payment", "PA J. Okafor", "personal_care", pence, when,
                reference="PAYSLIP-202507-X1")
        b5.at(d(2025, 8, 5), b5_double, priority=2)
        b5.at(d(2025, 8, 7), lambda: b5.named.__setitem__("double_payment_reversal", b5.reverse(
            b5.named["double_payment"], d(2025, 8, 7), "Duplicate entry of the same payslip")),
            priority=0)
        b5.at(d(2025, 11, 18), lambda: b5.allocate(
            "direct_payment", 150_000, d(2025, 11, 18), decrease=True,
            note="Care plan review: fewer PA hours needed"))

        # PHB-0006 direct_payment, four-weekly, closed at year end; work after closing.
        b6 = self.budget(6, "direct_payment")
        self.plan_open(b6, {"direct_payment": 1_950_000})
        self.plan_holder(b6, "direct_payment", DP_PAYEES[1], "four_weekly", reconcile=3)
        b6.at(d(2026, 3, 20), lambda: b6.named.__setitem__("last_payment", b6.pay(
            "direct_payment", "Aqua Therapy Pool", "therapy", 9600, d(2026, 3, 20),
            reference="APT-3391")), priority=6)
        b6.at(d(2026, 4, 1), lambda: b6.close(
            d(2026, 3, 31), note="Person moved to a new area; budget closed"), priority=0)

        def b6_after_close():
            state = b6.pots["direct_payment"]
            expected = state.held_as_of(d(2026, 3, 31))
            b6.reconcile("direct_payment", d(2026, 4, 14), d(2026, 1, 1), d(2026, 3, 31),
                         expected + 9600,
                         note="Statement shows no payment to Aqua Therapy Pool on 20 March")
        b6.at(d(2026, 4, 14), b6_after_close)
        b6.at(d(2026, 4, 16), lambda: b6.named.__setitem__("closed_payment_reversal", b6.reverse(
            b6.named["last_payment"], d(2026, 4, 16),
            "Paid from the person's own money, not the direct payment")))

        def b6_recover():
            state = b6.pots["direct_payment"]
            b6.named["closed_recovery"] = b6.recover(
                "direct_payment", state.held, d(2026, 4, 20),
                "Unspent balance returned at budget closure")
            b6.reconcile("direct_payment", d(2026, 4, 30), d(2026, 4, 1), d(2026, 4, 30), 0,
                         note="Account closed")
        b6.at(d(2026, 4, 20), b6_recover)

        # PHB-0007 direct_payment, monthly; a recovery keyed wrongly and reversed.
        b7 = self.budget(7, "direct_payment")
        self.plan_open(b7, {"direct_payment": 1_680_000})
        self.plan_holder(b7, "direct_payment", DP_PAYEES[2], "monthly", reconcile=4,
                         recover_on=[d(2026, 1, 22)])

        def b7_recovery():
            state = b7.pots["direct_payment"]
            right = max(state.held // 10 // 100 * 100, 5000)
            b7.named["wrong_recovery"] = b7.recover(
                "direct_payment", right * 10 if right * 10 <= state.held else state.held,
                d(2025, 10, 24), "Surplus above 8 weeks' funding at review")
            b7.named["wrong_recovery_right"] = right
        b7.at(d(2025, 10, 24), b7_recovery, priority=0)

        def b7_fix():
            b7.reverse(b7.named["wrong_recovery"], d(2025, 10, 27),
                       "Recovery keyed with an extra digit")
            b7.recover("direct_payment", b7.named.pop("wrong_recovery_right"), d(2025, 10, 27),
                       "Surplus above 8 weeks' funding at review")
        b7.at(d(2025, 10, 27), b7_fix, priority=0)

        # PHB-0008 mixed notional + direct_payment; a credited invoice is reversed.
        b8 = self.budget(8, "mixed", ["notional", "direct_payment"])
        self.plan_open(b8, {"notional": 1_920_000, "direct_payment": 1_020_000})
        c8 = self.plan_notional(b8, ["homecare2", "physio", "equipment"],
                                keep_open={"homecare2"})
        self.plan_holder(b8, "direct_payment", DP_PAYEES[0][:3], "monthly", reconcile=4,
                         recover_on=[d(2026, 2, 9)])
        b8.at(d(2025, 12, 8), lambda: b8.allocate(
            "direct_payment", 60_000, d(2025, 12, 8), note="Winter support top-up"))

        def b8_credit():
            for event in reversed([e for _, e in b8.events]):
                if event["type"] == "payment" and event.get("commitment") == c8["physio"]:
                    b8.reverse(event["id"], d(2025, 9, 29),
                               "Provider credited the invoice: sessions cancelled")
                    return
        b8.at(d(2025, 9, 29), b8_credit)

        # PHB-0009 mixed direct_payment + third_party; a bounced transfer; a re-issued
        # Q4 statement (same period_end twice).
        b9 = self.budget(9, "mixed", ["direct_payment", "third_party"])
        self.plan_open(b9, {"direct_payment": 1_380_000, "third_party": 1_560_000})
        self.plan_holder(b9, "direct_payment", DP_PAYEES[1][:4], "monthly", reconcile=4)
        self.plan_holder(b9, "third_party", TP_PAYEES[0][:3], "quarterly",
                         organisation="Brightpath ISF Ltd", reconcile=3, late_outcomes=0)

        def b9_bounce():
            state = b9.pots["direct_payment"]
            pence = state.available // 7
            b9.named["bounced_transfer"] = b9.transfer("direct_payment", pence, d(2025, 9, 1))
            b9.named["bounced_reversal"] = b9.reverse(
                b9.named["bounced_transfer"], d(2025, 9, 1),
                "Returned by the bank: account details changed",
                note="New account details received from the person's representative")
        b9.at(d(2025, 9, 1), b9_bounce, priority=0)

        def b9_reissued():
            state = b9.pots["direct_payment"]
            expected = state.held_as_of(d(2026, 3, 31))
            b9.reconcile("direct_payment", d(2026, 4, 23), d(2026, 1, 1), d(2026, 3, 31),
                         expected, note="Corrected statement re-issued by the bank")
        b9.at(d(2026, 4, 23), b9_reissued, priority=9)

        # PHB-0010 mixed third_party + notional; a recovery reversed.
        b10 = self.budget(10, "mixed", ["third_party", "notional"])
        self.plan_open(b10, {"third_party": 1_740_000, "notional": 1_120_000})
        self.plan_holder(b10, "third_party", TP_PAYEES[1][:3], "monthly",
                         organisation="Northgate ISF Services", reconcile=4,
                         recover_on=[d(2025, 11, 12), d(2026, 2, 16)])
        self.plan_notional(b10, ["therapy", "respite"], keep_open={"therapy"})
        b10.at(d(2025, 11, 19), lambda: b10.reverse(
            b10.named["third_party_recovery"], d(2025, 11, 19),
            "Recovered before an outstanding agency invoice was paid"))

        # PHB-0011 mixed, three pots; a payment on the wrong pot.
        b11 = self.budget(11, "mixed", ["notional", "third_party", "direct_payment"])
        self.plan_open(b11, {"notional": 2_150_000, "third_party": 1_200_000,
                             "direct_payment": 960_000})
        self.plan_notional(b11, ["homecare", "transport"], keep_open={"homecare"})
        self.plan_holder(b11, "third_party", TP_PAYEES[0][:2], "quarterly",
                         organisation="Brightpath ISF Ltd", reconcile=3)
        self.plan_holder(b11, "direct_payment", DP_PAYEES[2][:3], "monthly", reconcile=4,
                         recover_on=[d(2026, 1, 28)])
        b11.at(d(2025, 8, 1), lambda: b11.allocate(
            "third_party", 90_000, d(2025, 8, 1), explicit=True,
            note="Additional support hours agreed"))

        def b11_wrong_pot():
            pence = 18 * 1350
            b11.named["wrong_pot_payment"] = b11.pay(
                "direct_payment", "Helping Hands Agency", "personal_care", pence,
                d(2025, 9, 18), reference="HHA-5521")
        b11.at(d(2025, 9, 18), b11_wrong_pot, priority=6)

        def b11_fix():
            b11.reverse(b11.named["wrong_pot_payment"], d(2025, 9, 22),
                        "Recorded against the wrong pot")
            b11.pay("third_party", "Helping Hands Agency", "personal_care", 18 * 1350,
                    d(2025, 9, 18), reference="HHA-5521",
                    note="Re-entered against the third party pot")
        b11.at(d(2025, 9, 22), b11_fix)

        # PHB-0012 mixed, three pots in another order, opened in July; a decrease keyed on
        # the wrong pot; no statement yet from the third party.
        start12 = d(2025, 7, 1)
        b12 = self.budget(12, "mixed", ["direct_payment", "notional", "third_party"],
                          start=start12)
        self.plan_open(b12, {"direct_payment": 840_000, "notional": 960_000,
                             "third_party": 1_050_000})
        self.plan_holder(b12, "direct_payment", DP_PAYEES[1][:3], "four_weekly",
                         reconcile=3, late_outcomes=1)
        self.plan_notional(b12, ["day", "physio"], keep_open={"day"})
        self.plan_holder(b12, "third_party", TP_PAYEES[1][:2], "quarterly",
                         organisation="Northgate ISF Services", reconcile=0)

        def b12_decrease():
            b12.named["wrong_decrease"] = b12.allocate(
                "direct_payment", 40_000, d(2025, 11, 3), decrease=True)
        b12.at(d(2025, 11, 3), b12_decrease, priority=0)

        def b12_fix():
            b12.reverse(b12.named["wrong_decrease"], d(2025, 11, 4),
                        "Decrease keyed on the wrong pot")
            b12.allocate("notional", 40_000, d(2025, 11, 4), decrease=True,
                         note="Day service hours reduced")
        b12.at(d(2025, 11, 4), b12_fix, priority=0)

        # Backdated entries: an allocation recorded ten days after the review it belongs to,
        # and a direct payment receipt handed in late.
        b5.at(d(2026, 2, 20), lambda: b5.pay(
            "direct_payment", "Riverside Leisure Centre", "social_activities", 2400,
            d(2026, 2, 6), note="Receipt handed in late"))
        b7.at(d(2025, 12, 12), lambda: b7.allocate(
            "direct_payment", 48_000, d(2025, 12, 1),
            note="Agreed at review on 1 December; recorded late"))
        b3.at(d(2025, 6, 2), lambda: b3.pay(
            "third_party", "PA D. Mensah", "personal_care", 16 * 1330, d(2025, 5, 19),
            reference="PAYSLIP-202505-LATE", note="Timesheet received late"))

        for b in self.budgets:
            b.run()

    # ---- output -------------------------------------------------------------------------

    def year_events(self) -> list[dict]:
        keyed = []
        for b in self.budgets:
            for order, (recorded, event) in enumerate(b.events):
                keyed.append(((recorded, b.number, order), event))
        keyed.sort(key=lambda item: item[0])
        return [event for _, event in keyed]


def dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# ----------------------------------------------------------------------------------------
# The bad file: each line with the code it must get

def bad_lines(fx: Fixtures, events: list[dict]) -> list[tuple[str, str | None, str]]:
    """(expected status or code, raw line text or None for a blank line, what it tests)."""
    b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12 = fx.budgets
    by_id = {e["id"]: e for e in events}
    lines: list[tuple[str, str | None, str]] = []

    def add(expected: str, event, why: str):
        lines.append((expected, event if isinstance(event, str) else dumps(event), why))

    def new(budget: str, date: str, kind: str, n: int, event_type: str, **fields):
        event = {"id": f"{budget}/{date}/{kind}-{900 + n}", "type": event_type,
                 "budget": budget, "date": date}
        event.update(fields)
        event["actor"] = "finance.officer@icb.nhs.uk"
        assert event["id"] not in by_id
        return event

    def first(budget: BudgetSim, predicate) -> dict:
        return next(e for _, e in budget.events if predicate(e))

    def fmt(pence: int) -> str:
        return model.format_pence(pence)

    dp5 = b5.pots["direct_payment"]
    open1 = {cid: c for cid, c in b1.commitments.items() if c.open > 0}
    homecare1 = next(c for c in open1.values() if c.category == "personal_care")
    equipment1 = b1.named["equipment_commitment"]
    payment5 = first(b5, lambda e: e["type"] == "payment" and e["amount"].endswith(("0", ".5"))
                     and "." in e["amount"])

    # --- malformed_json
    add("malformed_json", '{"id":"PHB-0005/2026-04-02/pay-901","type":"payment","budget":'
        '"PHB-0005","date":"2026-04-02","pot":"direct_payment","payee":"PA J. Okafor","amou',
        "truncated line")
    add("malformed_json", '{"id":"PHB-0005/2026-04-02/pay-902","type":"payment",}',
        "trailing comma")
    add("malformed_json", "{'id':'PHB-0005/2026-04-02/pay-903','type':'payment'}",
        "single quotes are not JSON")

    # --- duplicates and id_conflict
    exact = next(e for e in events if e["type"] == "notional_commitment")
    add("duplicate", exact, "exact copy of a year-file event")
    loose = dict(payment5)
    whole, _, part = loose["amount"].partition(".")
    loose["amount"] = f"{whole}.{part}0" if len(part) == 1 else f"{whole}.{part[0]}"
    loose = {"seq": 99999, "version": 7, "recorded_at": "2026-04-01T09:30:00.123Z",
             "hash": "0" * 64, **dict(reversed(list(loose.items())))}
    add("duplicate", loose,
        f"same as {payment5['id']} with amount {loose['amount']} for {payment5['amount']}, "
        "keys reordered, envelope fields added")
    opened = next(e for e in events if e["type"] == "budget_opened" and "pots" in e)
    add("duplicate", opened, "copy of a mixed budget_opened (pots array compared)")
    conflict = dict(payment5)
    conflict["amount"] = fmt(model.parse_pence(payment5["amount"]) + 1)
    add("id_conflict", conflict, "same id as a year payment, amount one penny more")
    conflict = dict(exact)
    conflict["category"] = "medication"
    add("id_conflict", conflict, "same id, excluded category: id_conflict comes first")
    conflict = dict(exact)
    conflict["amout"] = conflict["amount"]
    add("id_conflict", conflict, "same id plus an unknown field: id_conflict comes first")
    allocation = next(e for e in events if e["type"] == "allocation" and "direction" not in e)
    conflict = dict(allocation)
    conflict["direction"] = "increase"
    add("id_conflict", conflict,
        "same id with the default direction written out: fields differ, so a conflict")

    # --- missing_field
    add("missing_field", new("PHB-0005", "2026-04-03", "pay", 4, "payment",
                             pot="direct_payment", payee="PA J. Okafor",
                             category="personal_care"), "payment without amount")
    event = new("PHB-0005", "2026-04-03", "pay", 5, "payment", pot="direct_payment",
                payee="PA J. Okafor", category="personal_care", amout="20.00")
    add("missing_field", event, "amount misspelt as amout: the missing field is found first")
    event = new("PHB-0005", "2026-04-03", "xfer", 6, "transfer", amount="100")
    del event["date"]
    add("missing_field", event, "no date and an unknown type: common fields come first")
    add("missing_field", {"type": "allocation", "budget": "PHB-0001", "date": "2026-04-03",
                          "amount": "100"}, "no id at all")
    add("missing_field", new("PHB-0013", "2026-04-03", "open", 7, "budget_opened",
                             person="P-77001", holding_model="mixed",
                             period_start="2026-04-01", period_end="2027-03-31"),
        "mixed budget_opened without pots")
    add("missing_field", new("PHB-0009", "2026-04-03", "pay", 8, "payment",
                             payee="PA S. Nowak", category="personal_care", amount="120"),
        "payment on a mixed budget without pot or commitment")
    add("missing_field", new("PHB-0010", "2026-04-03", "recon", 9, "reconciliation",
                             pot="third_party", period_end="2026-03-31"),
        "reconciliation without statement_balance")
    add("missing_field", new("PHB-0005", "2026-04-03", "rev", 10, "reversal",
                             reverses=b5.named["double_payment"]), "reversal without reason")
    add("missing_field", new("PHB-0005", "2026-04-03", "pay", 11, "payment",
                             pot="direct_payment", category="personal_care", amount=12.5),
        "no payee and a JSON number amount: missing_field comes before invalid_field")

    # --- unknown_type
    add("unknown_type", new("PHB-0005", "2026-04-04", "xfer", 12, "transfer",
                            amount="100"), "type transfer")
    add("unknown_type", new("PHB-0005", "2026-04-04", "pay", 13, "Payment",
                            pot="direct_payment", payee="PA J. Okafor",
                            category="personal_care", amount="10"), "types are case-sensitive")
    add("unknown_type", new("PHB-0099", "2026-04-04", "refund", 14, "refund", amount=10),
        "unknown type, unknown budget and a number amount: unknown_type comes first")

    # --- invalid_field
    def payment(n, **changes):
        event = new("PHB-0005", "2026-04-05", "pay", n, "payment", pot="direct_payment",
                    payee="PA J. Okafor", category="personal_care", amount="10.00")
        event.update(changes)
        return event
    add("invalid_field", payment(15, amount=12.5), "amount as a JSON number")
    add("invalid_field", payment(16, amount=12), "amount as a JSON integer")
    add("invalid_field", payment(17, amout="10.00"), "unknown field amout beside amount")
    add("invalid_field", payment(18, amount="12.345"), "three decimals")
    add("invalid_field", payment(19, amount="12345678901"), "11 digits before the point")
    add("invalid_field", payment(20, amount="0"), "zero amount")
    add("invalid_field", payment(21, amount="0.00"), "zero amount written with decimals")
    add("invalid_field", payment(22, amount="-5.00"), "negative amount")
    add("invalid_field", payment(23, amount="1e3"), "exponent notation")
    add("invalid_field", payment(24, amount="£10.00"), "currency sign")
    add("invalid_field", payment(25, date="2025-02-30"), "30 February")
    add("invalid_field", payment(26, date="2026-4-5"), "date without zero padding")
    add("invalid_field", payment(27, date="05/04/2026"), "UK date format")
    add("invalid_field", payment(28, budget="PHB 0005"), "space in budget id (not unknown_budget)")
    add("invalid_field", payment(29, budget="P" * 65), "65-character budget id")
    add("invalid_field", payment(30, id="PHB-0005/2026-04-05/pay-" + "9" * 105),
        "129-character id")
    add("invalid_field", payment(31, id=""), "empty id")
    add("invalid_field", payment(32, id="PHB-0005/2026-04-05/paiement-é"), "non-ASCII id")
    add("invalid_field", payment(33, actor="x" * 129), "actor of 129 characters")
    add("invalid_field", payment(34, note="n" * 1025), "note of 1025 characters")
    add("invalid_field", payment(35, actor=42), "actor not a string")
    add("invalid_field", payment(36, category="Personal Care"), "category not snake_case")
    add("invalid_field", payment(37, category="personal-care"), "hyphen in category")
    add("invalid_field", payment(38, category="medication", amount="1.234"),
        "excluded category but a bad amount: invalid_field comes first")
    add("invalid_field", payment(39, budget="PHB-0099", amount="10.001"),
        "unknown budget but a bad amount: invalid_field comes first")
    add("invalid_field", new("PHB-0013", "2026-04-05", "open", 40, "budget_opened",
                             person="P-77002", holding_model="hybrid",
                             period_start="2026-04-01", period_end="2027-03-31"),
        "unknown holding_model")
    add("invalid_field", new("PHB-0013", "2026-04-05", "open", 41, "budget_opened",
                             person="P-77003", holding_model="notional", pots=["notional"],
                             period_start="2026-04-01", period_end="2027-03-31"),
        "pots on a non-mixed budget")
    add("invalid_field", new("PHB-0013", "2026-04-05", "open", 42, "budget_opened",
                             person="P-77004", holding_model="mixed",
                             pots=["notional", "notional"],
                             period_start="2026-04-01", period_end="2027-03-31"),
        "pots not distinct")
    add("invalid_field", new("PHB-0013", "2026-04-05", "open", 43, "budget_opened",
                             person="P-77005", holding_model="mixed", pots=["notional"],
                             period_start="2026-04-01", period_end="2027-03-31"),
        "one pot on a mixed budget")
    add("invalid_field", new("PHB-0013", "2026-04-05", "open", 44, "budget_opened",
                             person="P-77006", holding_model="mixed",
                             pots=["notional", "savings"],
                             period_start="2026-04-01", period_end="2027-03-31"),
        "unknown pot name in pots")
    add("invalid_field", new("PHB-0003", "2026-04-05", "open", 45, "budget_opened",
                             person="P-77007", holding_model="direct_payment",
                             period_start="2027-03-31", period_end="2026-04-01"),
        "period_start after period_end (and an existing budget: shape comes first)")
    add("invalid_field", new("PHB-0005", "2026-04-05", "alloc", 46, "allocation",
                             amount="100", direction="up"), "direction up")
    add("invalid_field", new("PHB-0011", "2026-04-05", "recover", 47, "recovery",
                             pot="notional", amount="100", reason="Surplus"),
        "recovery from the notional pot")
    add("invalid_field", new("PHB-0011", "2026-04-05", "recon", 48, "reconciliation",
                             pot="notional", period_end="2026-03-31", statement_balance="0"),
        "reconciliation of the notional pot")
    add("invalid_field", new("PHB-0011", "2026-04-05", "pay", 49, "payment",
                             pot="direct_payment", payee="Carewell Homecare Ltd",
                             category="personal_care", amount="50",
                             commitment=next(iter(b11.commitments))),
        "payment against a commitment naming the direct_payment pot")
    add("invalid_field", new("PHB-0002", "2026-04-05", "close", 50, "budget_closed",
                             amount="10"), "budget_closed with an amount field")
    add("invalid_field", new("PHB-0005", "2026-04-05", "recon", 51, "reconciliation",
                             period_start="2026-04-01", period_end="2026-03-31",
                             statement_balance="10"),
        "reconciliation period_start after period_end")

    # --- unknown_budget / budget_exists
    add("unknown_budget", payment(52, budget="PHB-0099"), "budget never opened")
    add("unknown_budget", new("phb-0001", "2026-04-06", "alloc", 53, "allocation",
                              amount="100"), "budget ids are case-sensitive")
    add("unknown_budget", payment(54, budget="PHB-0099", category="gambling",
                                  amount="99999"),
        "unknown budget, excluded category, no funds: unknown_budget comes first")
    add("budget_exists", new("PHB-0003", "2026-04-06", "open", 55, "budget_opened",
                             person="P-77008", holding_model="third_party",
                             period_start="2026-04-01", period_end="2027-03-31"),
        "budget_opened for an existing budget (a new year needs a new budget id)")

    # --- budget_closed
    add("budget_closed", new("PHB-0002", "2026-05-01", "pay", 56, "payment", pot="notional",
                             payee="A2B Cars", category="transport", amount="25"),
        "payment on a closed budget")
    add("budget_closed", new("PHB-0006", "2026-05-01", "alloc", 57, "allocation",
                             amount="100"), "allocation on a closed budget")
    add("budget_closed", new("PHB-0006", "2026-05-01", "close", 58, "budget_closed"),
        "closing a closed budget")
    add("budget_closed", new("PHB-0006", "2026-05-01", "rev", 59, "reversal",
                             reverses=first(b6, lambda e: e["type"] == "allocation")["id"],
                             reason="Allocation was wrong"),
        "reversal of an allocation after closing")
    add("budget_closed", new("PHB-0006", "2026-05-01", "rev", 60, "reversal",
                             reverses=b6.named["direct_payment_transfer_0"],
                             reason="Transfer was wrong"),
        "reversal of a transfer after closing")
    add("budget_closed", new("PHB-0006", "2026-05-01", "pay", 61, "payment",
                             payee="Off Licence", category="alcohol", amount="20"),
        "closed budget and excluded category: budget_closed comes first")
    add("budget_closed", new("PHB-0006", "2026-05-01", "tpt", 62, "third_party_transfer",
                             organisation="Brightpath ISF Ltd", amount="100"),
        "closed budget without that pot: budget_closed comes first")
    add("budget_closed", new("PHB-0002", "2026-05-01", "commit", 63, "notional_commitment",
                             commitment="PO-25-9001", provider="Carewell Homecare Ltd",
                             category="personal_care", amount="100"),
        "commitment on a closed budget")
    add("budget_closed", new("PHB-0002", "2026-05-01", "dpt", 64,
                             "direct_payment_transfer", amount="100"),
        "closed budget without that pot: budget_closed comes first")

    # --- pot_not_in_budget
    add("pot_not_in_budget", new("PHB-0001", "2026-04-07", "dpt", 65,
                                 "direct_payment_transfer", amount="100"),
        "direct payment transfer on a notional budget")
    add("pot_not_in_budget", new("PHB-0008", "2026-04-07", "tpt", 66, "third_party_transfer",
                                 organisation="Brightpath ISF Ltd", amount="100"),
        "third party transfer on a notional + direct_payment budget")
    add("pot_not_in_budget", new("PHB-0003", "2026-04-07", "commit", 67,
                                 "notional_commitment", commitment="PO-25-9002",
                                 provider="Carewell Homecare Ltd", category="personal_care",
                                 amount="100"), "commitment on a third party budget")
    add("pot_not_in_budget", payment(68, pot="third_party"),
        "third_party pot on a direct payment budget")
    add("pot_not_in_budget", new("PHB-0005", "2026-04-07", "pay", 69, "payment",
                                 payee="Carewell Homecare Ltd", category="personal_care",
                                 amount="10", commitment="PO-25-9999"),
        "payment with commitment (notional) on a direct payment budget; also unknown "
        "commitment: pot_not_in_budget comes first")
    add("pot_not_in_budget", new("PHB-0008", "2026-04-07", "recover", 70, "recovery",
                                 pot="third_party", amount="100", reason="Surplus"),
        "recovery from a pot the budget lacks")
    add("pot_not_in_budget", new("PHB-0010", "2026-04-07", "recon", 71, "reconciliation",
                                 pot="direct_payment", period_end="2026-03-31",
                                 statement_balance="0"), "reconciliation of a missing pot")
    add("pot_not_in_budget", new("PHB-0003", "2026-04-07", "pay", 72, "payment",
                                 pot="notional", payee="Boots", category="medication",
                                 amount="5"),
        "missing pot and excluded category: pot_not_in_budget comes first")
    add("pot_not_in_budget", new("PHB-0003", "2026-04-07", "alloc", 73, "allocation",
                                 pot="direct_payment", amount="100"),
        "allocation to a pot the budget lacks")

    # --- excluded_category
    add("excluded_category", payment(74, category="medication", payee="Boots"),
        "medication")
    add("excluded_category", new("PHB-0001", "2026-04-08", "commit", 75,
                                 "notional_commitment", commitment="PO-25-9003",
                                 provider="Harley Street GP", category="gp_services",
                                 amount="250"), "commitment for GP services")
    add("excluded_category", payment(76, category="alcohol", payee="Off Licence",
                                     amount=fmt(dp5.held + 100)),
        "excluded category and more than held: excluded_category comes first")
    add("excluded_category", new("PHB-0001", "2026-04-08", "pay", 77, "payment",
                                 payee="Quit Smoking Shop", category="tobacco", amount="30",
                                 commitment="PO-25-9998"),
        "excluded category and unknown commitment: excluded_category comes first")
    add("excluded_category", new("PHB-0001", "2026-04-08", "commit", 78,
                                 "notional_commitment", commitment=homecare1.commitment_id,
                                 provider="Bet Shop", category="gambling", amount="10"),
        "excluded category and a duplicate commitment id: excluded_category comes first")

    # --- unknown_commitment / duplicate_commitment
    add("unknown_commitment", new("PHB-0001", "2026-04-09", "pay", 79, "payment",
                                  payee="Carewell Homecare Ltd", category="personal_care",
                                  amount="10", commitment="PO-25-9999"),
        "payment against an unknown commitment")
    add("unknown_commitment", new("PHB-0001", "2026-04-09", "release", 80,
                                  "commitment_release", commitment="PO-25-9999"),
        "release of an unknown commitment")
    other_commitment = next(cid for cid in b8.commitments)
    add("unknown_commitment", new("PHB-0001", "2026-04-09", "pay", 81, "payment",
                                  payee="Sunrise Homecare", category="personal_care",
                                  amount="10", commitment=other_commitment),
        "commitment of another budget (PHB-0008)")
    add("unknown_commitment", new("PHB-0001", "2026-04-09", "release", 82,
                                  "commitment_release", commitment="PO-25-9997",
                                  amount="999999"),
        "unknown commitment and an amount above anything open: unknown_commitment first")
    add("duplicate_commitment", new("PHB-0001", "2026-04-09", "commit", 83,
                                    "notional_commitment",
                                    commitment=homecare1.commitment_id,
                                    provider="Carewell Homecare Ltd",
                                    category="personal_care", amount="100"),
        "commitment id already open in the budget")
    add("duplicate_commitment", new("PHB-0001", "2026-04-09", "commit", 84,
                                    "notional_commitment", commitment=equipment1,
                                    provider="Mobility Aids Direct", category="equipment",
                                    amount="9999999"),
        "commitment id of a fully paid commitment, amount above available: "
        "duplicate_commitment comes first")

    # --- unknown_event / not_reversible / already_reversed
    def reversal(n, budget, target, reason="Entered in error"):
        return new(budget, "2026-04-10", "rev", n, "reversal", reverses=target,
                   reason=reason)
    add("unknown_event", reversal(85, "PHB-0005", "PHB-0005/2025-01-01/pay-1"),
        "reversal of an id that does not exist")
    add("unknown_event", reversal(86, "PHB-0005",
                                  first(b7, lambda e: e["type"] == "payment")["id"]),
        "reversal of another budget's payment")
    add("not_reversible", reversal(87, "PHB-0005", b5.named["double_payment_reversal"]),
        "reversal of a reversal")
    add("not_reversible", reversal(88, "PHB-0005",
                                   first(b5, lambda e: e["type"] == "budget_opened")["id"]),
        "reversal of budget_opened")
    add("not_reversible", reversal(89, "PHB-0001",
                                   first(b1, lambda e: e["type"] == "notional_commitment")
                                   ["id"]), "reversal of a commitment")
    add("not_reversible", reversal(90, "PHB-0005", b5.named["direct_payment_reconciliation"]),
        "reversal of a reconciliation")
    add("not_reversible", reversal(91, "PHB-0001",
                                   first(b1, lambda e: e["type"] == "commitment_release")
                                   ["id"]), "reversal of a commitment release")
    add("already_reversed", reversal(92, "PHB-0005", b5.named["double_payment"]),
        "second reversal of a payment")
    add("already_reversed", reversal(93, "PHB-0004", b4.named["wrong_allocation"]),
        "second reversal of an allocation")
    add("already_reversed", reversal(94, "PHB-0006", b6.named["last_payment"]),
        "second reversal of a payment, on a closed budget")

    # --- insufficient_funds (the two identical lines check that a rejected line changes
    #     nothing, so the second is not a duplicate of the first)
    over_held = payment(95, amount=fmt(dp5.held + 1),
                        note="One penny more than the pot holds")
    add("insufficient_funds", over_held, "payment of held + 0.01")
    add("insufficient_funds", over_held, "the same line again: still rejected, not a duplicate")
    add("insufficient_funds", payment(96, amount="9999999999.99"), "largest valid amount")
    n1 = b1.pots["notional"]
    add("insufficient_funds", new("PHB-0001", "2026-04-11", "commit", 97,
                                  "notional_commitment", commitment="PO-25-9004",
                                  provider="Carewell Homecare Ltd",
                                  category="personal_care", amount=fmt(n1.available + 1)),
        "commitment of available + 0.01")
    add("insufficient_funds", new("PHB-0001", "2026-04-11", "pay", 98, "payment",
                                  pot="notional", payee="A2B Cars", category="transport",
                                  amount=fmt(n1.available + 1)),
        "notional payment without commitment above available")
    add("insufficient_funds", new("PHB-0001", "2026-04-11", "pay", 99, "payment",
                                  payee="Carewell Homecare Ltd", category="personal_care",
                                  amount=fmt(homecare1.open + 1),
                                  commitment=homecare1.commitment_id),
        "payment above the commitment's open amount")
    add("insufficient_funds", new("PHB-0001", "2026-04-11", "release", 100,
                                  "commitment_release", commitment=homecare1.commitment_id,
                                  amount=fmt(homecare1.open + 1)),
        "release above the open amount")
    add("insufficient_funds", new("PHB-0001", "2026-04-11", "release", 101,
                                  "commitment_release", commitment=equipment1),
        "whole release of a fully paid commitment (nothing open)")
    add("insufficient_funds", new("PHB-0001", "2026-04-11", "alloc", 102, "allocation",
                                  amount=fmt(n1.available + 1), direction="decrease"),
        "allocation decrease above available")
    tp3 = b3.pots["third_party"]
    add("insufficient_funds", new("PHB-0003", "2026-04-11", "tpt", 103,
                                  "third_party_transfer", organisation="Brightpath ISF Ltd",
                                  amount=fmt(tp3.available + 1)),
        "transfer above available")
    add("insufficient_funds", new("PHB-0007", "2026-04-11", "recover", 104, "recovery",
                                  amount=fmt(b7.pots["direct_payment"].held + 1),
                                  reason="Surplus"), "recovery above held")
    add("insufficient_funds", new("PHB-0006", "2026-05-02", "recover", 105, "recovery",
                                  amount="0.01", reason="Surplus"),
        "recovery after closing (allowed) but nothing is held")
    big_transfer = max((e for e in events if e["budget"] == "PHB-0003"
                        and e["type"] == "third_party_transfer"),
                       key=lambda e: model.parse_pence(e["amount"]))
    assert model.parse_pence(big_transfer["amount"]) > tp3.held
    add("insufficient_funds", reversal(106, "PHB-0003", big_transfer["id"],
                                       "Transfer returned"),
        "reversal of a transfer larger than what is held now")
    first_allocation = first(b5, lambda e: e["type"] == "allocation")
    assert model.parse_pence(first_allocation["amount"]) > dp5.available
    add("insufficient_funds", reversal(107, "PHB-0005", first_allocation["id"],
                                       "Allocation entered in error"),
        "reversal of an allocation increase larger than available")

    # --- open_commitments
    add("open_commitments", new("PHB-0001", "2026-04-30", "close", 108, "budget_closed"),
        "closing with open commitments")
    add("open_commitments", new("PHB-0011", "2026-04-30", "close", 109, "budget_closed",
                                note="Closing with the homecare order still open"),
        "closing a mixed budget with an open commitment")

    middle = len(lines) // 2  # where the blank line has always been
    add_amended_rule_lines(fx, add, new)
    # --- already_reconciled (SPEC 7.2), after every other line so that their numbers stay:
    #     a reconciliation whose `matched` names a payment twice
    q4_payment = first(b4, lambda e: e["type"] == "payment" and e["date"] >= "2026-01-01")["id"]
    add("already_reconciled", new("PHB-0004", "2026-04-10", "recon", 135, "reconciliation", pot="third_party",
                                  period_end="2026-03-31", statement_balance="4549.30", period_start="2026-01-01",
                                  matched=[q4_payment, q4_payment]),
        "a reconciliation naming the same payment twice in matched")
    lines.insert(middle, ("blank", None, "a blank line: ignored but counted"))
    return lines


def add_amended_rule_lines(fx: Fixtures, add, new):
    """The rules SPEC 4.2 and 4.4 added on 2026-11-30, added after the original lines so
    that their line numbers stay as they were."""
    b2 = fx.budgets[1]

    def payment(budget, date, n, **changes):
        event = new(budget, date, "pay", n, "payment", pot="direct_payment",
                    payee="PA J. Okafor", category="personal_care", amount="10.00")
        event.update(changes)
        return event

    # --- date_before_opening (PHB-0012 opened 2025-07-01)
    add("date_before_opening", payment("PHB-0012", "2025-06-20", 110, payee="Active Minds CIC",
                                       category="activities", amount="45.00",
                                       reference="INV-0620"),
        "an invoice for June 2025, before PHB-0012 was opened on 2025-07-01")
    add("date_before_opening", new("PHB-0012", "2025-06-30", "alloc", 111, "allocation",
                                   pot="notional", amount="500"),
        "allocation dated the day before the budget was opened")
    add("date_before_opening", payment("PHB-0012", "2025-06-15", 112, payee="Off Licence",
                                       category="alcohol", amount="999999"),
        "dated before opening, excluded category, no funds: date_before_opening comes first")
    add("date_before_opening", new("PHB-0002", "2025-03-28", "alloc", 113, "allocation",
                                   amount="100"),
        "dated before opening on a closed budget: date_before_opening comes before budget_closed")
    add("date_before_opening", new("PHB-0012", "2025-06-01", "rev", 114, "reversal",
                                   reverses="PHB-0012/2025-01-01/pay-1", reason="Entered in error"),
        "reversal dated before opening, of an unknown event: the date comes first")
    add("unknown_budget", payment("PHB-0099", "1999-12-31", 115),
        "an early date on a budget never opened: unknown_budget comes first")

    # --- reconciliation periods (SPEC 4.4)
    add("invalid_field", new("PHB-0005", "2026-04-12", "recon", 116, "reconciliation",
                             period_start="2026-04-01", period_end="2026-04-30",
                             statement_balance="1250.00"),
        "reconciliation recorded on 12 April of a period ending 30 April")
    add("invalid_field", new("PHB-0005", "2026-04-12", "recon", 117, "reconciliation",
                             period_end="9999-12-31", statement_balance="0"),
        "period_end 9999-12-31 would mark every later payment reconciled")
    add("invalid_field", new("PHB-0099", "2026-04-12", "recon", 118, "reconciliation",
                             period_end="2026-05-31", statement_balance="0"),
        "period_end after the date on an unknown budget: the shape comes first")

    # --- commitment_release after closing (SPEC 4.2 amended): past budget_closed
    add("insufficient_funds", new("PHB-0002", "2026-05-02", "release", 119,
                                  "commitment_release", commitment=next(iter(b2.commitments))),
        "release on a closed budget is allowed now; this commitment has nothing open")
    add("unknown_commitment", new("PHB-0002", "2026-05-02", "release", 120,
                                  "commitment_release", commitment="PO-25-9996"),
        "release on a closed budget of a commitment it never had")
    add("pot_not_in_budget", new("PHB-0006", "2026-05-02", "release", 121,
                                 "commitment_release", commitment="PO-25-9995"),
        "release on a closed direct payment budget: it has no notional pot")

    # --- control characters in text (SPEC 4.4), escaped or raw
    add("invalid_field", payment("PHB-0005", "2026-04-13", 122,
                                 payee="PA J. Okafor\u001b[2J\u001b[H"),
        "payee with ESC sequences that clear a terminal")
    add("invalid_field", dumps(payment("PHB-0005", "2026-04-13", 123,
                                       note="Paid in cash, see receipt"))
        .replace("cash, see", "cash\\u0085see"),
        "note with U+0085 NEXT LINE, escaped as \\u0085")
    add("invalid_field", payment("PHB-0005", "2026-04-13", 124, reference="INV-0413\u007f"),
        "reference with a raw DEL (valid JSON)")
    add("invalid_field", dumps(payment("PHB-0005", "2026-04-13", 125))
        .replace('"finance.officer@icb.nhs.uk"', '"finance.officer@icb.nhs.uk\u0080"'),
        "actor with a raw U+0080 (valid JSON: only U+0000-U+001F must be escaped)")
    add("invalid_field", new("PHB-0014", "2026-04-13", "open", 126, "budget_opened",
                             person="P-77010\u0000", holding_model="direct_payment",
                             period_start="2026-04-01", period_end="2027-03-31"),
        "person with a NUL")
    add("invalid_field", payment("PHB-0005", "2026-04-13", 127, hash="\u001b]0;owned\u0007"),
        "an envelope hash with control characters: ignored fields are text too")
    add("invalid_field", new("PHB-0099", "2026-04-13", "pay", 128, "payment",
                             payee="Bet Shop\r\nTotal,0", category="gambling", amount="10"),
        "CR LF in a payee on an unknown budget with an excluded category: the shape first")

    # --- budget ids that are path segments (SPEC 4.4)
    add("invalid_field", new("..", "2026-04-14", "open", 129, "budget_opened",
                             person="P-77011", holding_model="notional",
                             period_start="2026-04-01", period_end="2027-03-31"),
        "a budget called ..")
    add("invalid_field", payment(".", "2026-04-14", 130), "a payment to budget .")

    # --- envelope fields of the wrong JSON type (their values are still ignored)
    add("invalid_field", payment("PHB-0005", "2026-04-15", 131, seq="1168"),
        "seq as a string")
    add("invalid_field", payment("PHB-0005", "2026-04-15", 132, version=None),
        "version null")
    add("invalid_field", payment("PHB-0005", "2026-04-15", 133, recorded_at=1776240000),
        "recorded_at as a number")
    add("invalid_field", payment("PHB-0005", "2026-04-15", 134, hash=["00"]),
        "hash as an array")


# ----------------------------------------------------------------------------------------

def write_lines(path: Path, lines: list[str]):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")


def model_post(paths: list[Path]) -> tuple[list[dict], dict, "model.Ledger"]:
    ledger, results = model.post_files([str(p) for p in paths], partial=False)
    _, rows, summary = results[-1]
    return rows, summary, ledger


def main():
    fx = Fixtures()
    fx.build()
    events = fx.year_events()
    write_lines(YEAR_FILE, [dumps(e) for e in events])

    rows, summary, ledger = model_post([YEAR_FILE])
    assert summary["rejected"] == 0, [r for r in rows if r["status"] != "accepted"][:5]
    assert summary["accepted"] == len(events)
    write_lines(EXPECTED_POST, [dumps(r) for r in rows] + [dumps(summary)])
    write_lines(EXPECTED_BALANCES, model.balances_lines(ledger))

    bad = bad_lines(fx, events)
    write_lines(BAD_FILE, ["" if text is None else text for _, text, _ in bad])
    rows, summary, _ = model_post([YEAR_FILE, BAD_FILE])
    expected = [(status, why) for status, text, why in bad if text is not None]
    assert len(rows) == len(expected)
    for row, (status, why) in zip(rows, expected):
        got = row.get("code", row["status"])
        assert got == status, f"line {row['line']}: {why}: expected {status}, got {got}"
    write_lines(BAD_EXPECTED, [dumps(r) for r in rows] + [dumps(summary)])

    counts = defaultdict(int)
    for e in events:
        counts[e["type"]] += 1
    print(f"{YEAR_FILE.relative_to(FIXTURES.parent)}: {len(events)} events")
    for b in fx.budgets:
        print(f"  {b.budget_id} {b.holding_model:15} {'/'.join(b.pot_names):40} "
              f"{len(b.events):4} events, {b.backdated} backdated")
    for event_type in ID_KIND:
        print(f"  {event_type:24} {counts[event_type]}")
    codes = defaultdict(int)
    for row in rows:
        codes[row.get("code", row["status"])] += 1
    print(f"{BAD_FILE.relative_to(FIXTURES.parent)}: {len(rows)} lines: " +
          ", ".join(f"{k} {v}" for k, v in sorted(codes.items())))
    missing = set(["malformed_json", "missing_field", "invalid_field", "unknown_type",
                   "unknown_budget", "budget_exists", "budget_closed", "pot_not_in_budget",
                   "insufficient_funds", "excluded_category", "unknown_commitment",
                   "duplicate_commitment", "unknown_event", "not_reversible",
                   "already_reversed", "id_conflict", "open_commitments",
                   "date_before_opening", "already_reconciled"]) - set(codes)
    assert not missing, missing


if __name__ == "__main__":
    main()
