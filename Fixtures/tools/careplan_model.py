#!/usr/bin/env python3
"""Independent reference model of SPEC.md section 9: the care plan, schedules, reviews and
repayments. It extends model.py (sections 2-4, 6.1/6.2) and, like it, is written from the
SPEC alone, never from the Swift engine. Python 3.11, standard library only; money is integer
pence throughout.

Usage (every command posts FILE... in order first, each all-or-nothing, like model.py):
    careplan_model.py post [--partial] FILE...            post --json of the LAST file
    careplan_model.py balances FILE...                    balances --json
    careplan_model.py due --to D [--budget B] FILE...     due --json
    careplan_model.py due --to D [--budget B] --post [--partial] FILE...
                                                          post --json of the instalments
    careplan_model.py plan B [VIEW] FILE...               plan B --json
    careplan_model.py reviews --due-by D [VIEW] FILE...   reviews --json
    careplan_model.py repayments --on D [--budget B] [VIEW] FILE...
    careplan_model.py report --quarter YYYY-Qn FILE...    report --quarter --json
  VIEW is --as-of-date D and/or --as-of-seq N (SPEC 3 views; --known-at needs recorded_at,
  which the model does not have).

Interpretations (where SPEC 9 is silent; the engine follows these):
  * Shape (stage 3 of model.py): names (`line`, `schedule`, `repayment`) 1-40 of
    [A-Za-z0-9._-]; `cohort` a snake_case word; plan_line `amount` may be "0" (any other
    amount > 0); `funding` nhs|local_authority|joint; schedule_set `organisation` missing for
    a third_party_transfer kind -> missing_field, present for direct_payment_transfer ->
    invalid_field; `first` >= date, `last` >= `first`; review `next_review` missing unless
    `stop` -> missing_field, present with `stop` -> invalid_field, not after `date` ->
    invalid_field; repayment_requested `due` >= date, `pot` third_party|direct_payment.
    `description` and `reason` are free text; every new string field must be a string.
  * `pot` of plan_line and repayment_requested resolves as for allocation and recovery
    (model.py stage 6): omitted on a mixed budget -> missing_field, omitted on a single
    model budget -> that model. plan_line's category is then checked against 4.3
    (excluded_category), where payment's is.
  * References (stage 8), after model.py's: unknown_line (payment / notional_commitment
    naming a line that does not exist, is ended (amount 0), or is of another pot than the
    event's resolved pot; a payment against a commitment is checked as notional);
    unknown_schedule (schedule_ended of a schedule never set in the budget);
    unknown_repayment (repayment_waived or recovery naming an unknown request, or a recovery
    whose pot is not the request's); then state-dependent invalid_field: a plan_line whose
    line exists with another pot; a schedule_set of an existing schedule with another kind,
    another organisation (absent and present differ) or a `first` not after the latest set's
    `first`; a second repayment_requested of a name; a payment against a commitment naming a
    line other than the commitment's, or any line when the commitment has none; then
    payments_stopped (direct_payment_transfer dated D when the latest review dated <= D, by
    date then seq, is suspend or stop).
  * Funds (stage 9): a recovery with `repayment` also needs amount <= outstanding; a
    repayment_waived needs outstanding > 0 and amount <= outstanding; its waived amount
    (given, or the whole outstanding) is fixed when it is posted and counts in every view.
  * A plan_line of amount "0" for a line that never existed is accepted: it records an
    ended line (listed by `plan`).
  * Views for plan/reviews/repayments: the events with seq <= N and date <= D; a reversal
    counts only if its target counts. A budget is in the view when its budget_opened is.
    An as-of-date view can hold an event without the line, commitment, schedule or request
    it names (dated after it): the payment then belongs to no line, and the release,
    recovery, waiver or schedule_ended changes nothing.
  * `due` reads the whole ledger, never a view; budgets in byte order of id, schedules in
    byte order of name, dates ascending. With --post it prints exactly the post --json lines
    (SPEC 6.1, no message) of posting the listed instalments in that order as one input
    (line numbers 1..N), exit 3 when one is refused.
  * `report --quarter`: in place = budget_opened date <= to and no budget_closed dated
    before `to`; by_cohort keys sorted by byte order, "unspecified" among them; money figures
    may be negative (a decrease or reversal in the quarter) and are then written "-12.00".
"""

from __future__ import annotations

import datetime
import re
import sys

import model
from model import Rejection, format_pence, parse_date, parse_pence

NEW_TYPES = {
    # type -> (own required fields, own optional fields); the table order of SPEC 9
    "plan_line": (("line", "category", "amount"), ("pot", "description", "funding")),
    "schedule_set": (("schedule", "kind", "amount", "every", "first"), ("last", "organisation")),
    "schedule_ended": (("schedule", "last"), ()),
    "review": (("outcome",), ("next_review",)),
    "repayment_requested": (("repayment", "amount", "grounds", "due"), ("pot",)),
    "repayment_waived": (("repayment", "reason"), ("amount",)),
}
# the new optional field of an old type
NEW_OPTIONAL_FIELDS = {
    "payment": "line",
    "notional_commitment": "line",
    "recovery": "repayment",
    "budget_opened": "cohort",
}
FUNDING = ("nhs", "local_authority", "joint")
SCHEDULE_KINDS = ("direct_payment_transfer", "third_party_transfer")
EVERY = ("week", "2_weeks", "4_weeks", "month", "quarter")
OUTCOMES = ("continue", "amend", "suspend", "stop")
GROUNDS = ("surplus", "outside_plan", "not_needed", "fraud", "other")
AFTER_CLOSE_TYPES = frozenset({"review", "repayment_requested", "repayment_waived",
                               "schedule_ended"})
STOPPING_OUTCOMES = ("suspend", "stop")
NAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,40}")
COHORT_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
DAY_STEPS = {"week": 7, "2_weeks": 14, "4_weeks": 28}
MONTH_STEPS = {"month": 1, "quarter": 3}
FIRST_REVIEW_MONTHS_DIRECT_PAYMENT = 3
FIRST_REVIEW_MONTHS_OTHER = 12


def has_control_character(text: str) -> bool:
    """SPEC 4.4: general category Cc."""
    return any(ord(c) <= 0x1F or 0x7F <= ord(c) <= 0x9F for c in text)


# ----------------------------------------------------------------------------------------
# Calendar

def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 -> 28/29 Feb;
    31 Jan + 2 -> 31 Mar: always counted from `start`, never from a clamped date)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(start.day, last_day))


def nth_instalment(first: datetime.date, every: str, n: int) -> datetime.date:
    if every in DAY_STEPS:
        return first + datetime.timedelta(days=DAY_STEPS[every] * n)
    return add_months(first, MONTH_STEPS[every] * n)


# ----------------------------------------------------------------------------------------
# The state of one budget over a list of events (the whole ledger, or a view)

class CarePlanState:
    """Section 9 state of one budget, computed from its events in seq order. Used both for
    the posting rules (all events so far) and for the reports (a view)."""

    def __init__(self, events: list):
        self.opened = None
        self.closed = False
        self.lines: dict[str, dict] = {}          # name -> latest plan_line, first-post order
        self.commitments: dict[str, dict] = {}    # commitment id -> {amount, open, line}
        self.payments: list = []                  # payment StoredEvents
        self.reversed_ids: set[str] = set()       # ids reversed by a reversal in the list
        self.schedules: dict[str, dict] = {}      # name -> {sets: [...], ended: last or None}
        self.reviews: list = []                   # review StoredEvents
        self.requests: dict[str, dict] = {}       # name -> {event, recovered, waived}
        self.recoveries: list = []
        self.releases: list = []
        for stored in events:
            self.add(stored)
        self.settle()

    def add(self, stored):
        fields = stored.fields
        kind = stored.type
        if kind == "budget_opened":
            self.opened = stored
        elif kind == "budget_closed":
            self.closed = True
        elif kind == "plan_line":
            line = self.lines.get(fields["line"])
            entry = {"pot": stored.pot, "category": fields["category"],
                     "funding": fields.get("funding", "nhs"),
                     "planned": parse_pence(fields["amount"])}
            if line is None:
                self.lines[fields["line"]] = entry
            else:
                line.update(entry)
        elif kind == "notional_commitment":
            self.commitments[fields["commitment"]] = {
                "amount": stored.amount, "line": fields.get("line"), "event": stored}
        elif kind == "commitment_release":
            self.releases.append(stored)
        elif kind == "payment":
            self.payments.append(stored)
        elif kind == "recovery":
            self.recoveries.append(stored)
        elif kind == "reversal":
            self.reversed_ids.add(stored.fields["reverses"])
        elif kind == "schedule_set":
            schedule = self.schedules.setdefault(fields["schedule"], {"sets": [], "ended": None})
            schedule["sets"].append(stored)
        elif kind == "schedule_ended":
            if fields["schedule"] in self.schedules:  # a view may leave the schedule out
                self.schedules[fields["schedule"]]["ended"] = fields["last"]
        elif kind == "review":
            self.reviews.append(stored)
        elif kind == "repayment_requested":
            self.requests[fields["repayment"]] = {"event": stored, "recovered": 0, "waived": 0}
        elif kind == "repayment_waived":
            if fields["repayment"] in self.requests:  # a view may leave the request out
                self.requests[fields["repayment"]]["waived"] += stored.amount

    def settle(self):
        """Amounts that depend on reversals, known once every event of the list is in."""
        for commitment in self.commitments.values():
            commitment["open"] = commitment["amount"]
        # A view may hold a payment, release or recovery without the commitment or request it
        # names (dated after it): that one is then left out.
        for payment in self.live_payments():
            name = payment.fields.get("commitment")
            if name in self.commitments:
                self.commitments[name]["open"] -= payment.amount
        for release in self.releases:
            if release.fields["commitment"] in self.commitments:
                self.commitments[release.fields["commitment"]]["open"] -= release.amount
        for recovery in self.recoveries:
            name = recovery.fields.get("repayment")
            if name in self.requests and recovery.event_id not in self.reversed_ids:
                self.requests[name]["recovered"] += recovery.amount

    def live_payments(self):
        return [p for p in self.payments if p.event_id not in self.reversed_ids]

    def payment_line(self, payment):
        """The line a payment belongs to: its own, else its commitment's; None when that line
        (or commitment) is not in the list, as in a view that leaves it out."""
        line = payment.fields.get("line")
        if line is None and payment.fields.get("commitment") in self.commitments:
            line = self.commitments[payment.fields["commitment"]]["line"]
        return line if line in self.lines else None

    def outstanding(self, name: str) -> int:
        request = self.requests[name]
        return request["event"].amount - request["recovered"] - request["waived"]

    def latest_review(self, on_or_before: str | None = None):
        candidates = [r for r in self.reviews if on_or_before is None or r.date <= on_or_before]
        return max(candidates, key=lambda r: (r.date, r.seq)) if candidates else None

    def payments_stopped_on(self, date: str) -> bool:
        review = self.latest_review(date)
        return review is not None and review.fields["outcome"] in STOPPING_OUTCOMES

    def next_review(self) -> str | None:
        if self.closed or self.opened is None:
            return None
        review = self.latest_review()
        if review is not None:
            return review.fields.get("next_review")  # None after a stop
        fields = self.opened.fields
        pots = fields["pots"] if fields["holding_model"] == "mixed" else [fields["holding_model"]]
        months = FIRST_REVIEW_MONTHS_DIRECT_PAYMENT if "direct_payment" in pots \
            else FIRST_REVIEW_MONTHS_OTHER
        return add_months(parse_date(self.opened.date), months).isoformat()

    def instalments(self, schedule_name: str, to_date: str) -> list[tuple[str, dict]]:
        """(date, set event) of every instalment of the schedule dated <= to_date."""
        schedule = self.schedules[schedule_name]
        sets = schedule["sets"]
        caps = [self.opened.fields["period_end"], to_date]
        if "last" in sets[-1].fields:
            caps.append(sets[-1].fields["last"])
        if schedule["ended"] is not None:
            caps.append(schedule["ended"])
        cap = min(caps)
        result = []
        for index, segment in enumerate(sets):
            first = parse_date(segment.fields["first"])
            end = cap
            if index + 1 < len(sets):
                before_next = parse_date(sets[index + 1].fields["first"]) \
                    - datetime.timedelta(days=1)
                end = min(end, before_next.isoformat())
            n = 0
            while True:
                date = nth_instalment(first, segment.fields["every"], n).isoformat()
                if date > end:
                    break
                result.append((date, segment))
                n += 1
        return result


def budget_state(budget: model.Budget) -> CarePlanState:
    return CarePlanState(budget.events)


# ----------------------------------------------------------------------------------------
# The ledger with section 9's rules

class CarePlanLedger(model.Ledger):

    # ---- stage 3: shape ------------------------------------------------------------------

    def check_shape(self, event: dict):
        for name in model.COMMON_REQUIRED:
            if name not in event:
                raise Rejection("missing_field", f"missing {name}")
        event_type = event["type"]
        if isinstance(event_type, str) and event_type in NEW_TYPES:
            self.check_new_type_shape(event)
            return
        extra = NEW_OPTIONAL_FIELDS.get(event_type) if isinstance(event_type, str) else None
        if extra is None or extra not in event:
            super().check_shape(event)
            return
        super().check_shape({k: v for k, v in event.items() if k != extra})
        value = event[extra]
        pattern = COHORT_PATTERN if extra == "cohort" else NAME_PATTERN
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise Rejection("invalid_field", f"{extra} is not a valid name")

    def check_new_type_shape(self, event: dict):
        event_type = event["type"]
        required, optional = NEW_TYPES[event_type]
        for name in required:
            if name not in event:
                raise Rejection("missing_field", f"missing {name}")
        if event_type == "schedule_set" and event["kind"] == "third_party_transfer" \
                and "organisation" not in event:
            raise Rejection("missing_field", "missing organisation (third-party schedule)")
        if event_type == "review" and event["outcome"] != "stop" and "next_review" not in event:
            raise Rejection("missing_field", "missing next_review")

        def invalid(message):
            raise Rejection("invalid_field", message)

        # the common fields, checked exactly as model.py checks them on a type with no
        # own fields
        common = {k: v for k, v in event.items()
                  if k in model.COMMON_REQUIRED or k in model.COMMON_OPTIONAL
                  or k in model.ENVELOPE_FIELDS}
        super().check_shape({**common, "type": "budget_closed"})

        own = set(required) | set(optional)
        for name, value in event.items():
            if name in common:
                continue
            if name not in own:
                invalid(f"unknown field {name!r}")
            if not isinstance(value, str):
                invalid(f"{name} must be a string")
            if has_control_character(value):
                invalid(f"{name} holds a control character")
        for name in ("line", "schedule", "repayment"):
            if name in event and not NAME_PATTERN.fullmatch(event[name]):
                invalid(f"{name} must be 1-40 of A-Z a-z 0-9 . _ -")
        for name in ("first", "last", "next_review", "due"):
            if name in event and parse_date(event[name]) is None:
                invalid(f"{name} is not a calendar date YYYY-MM-DD")
        if "amount" in event:
            pence = parse_pence(event["amount"])
            zero_allowed = event_type == "plan_line"
            if pence is None or (pence == 0 and not zero_allowed):
                invalid("amount must be a decimal string > 0 with at most 2 places")
        if "pot" in event:
            allowed = model.POT_NAMES if event_type == "plan_line" else model.HOLDER_POTS
            if event["pot"] not in allowed:
                invalid(f"pot {event['pot']!r} is not allowed here")
        if "category" in event and not model.CATEGORY_PATTERN.fullmatch(event["category"]):
            invalid("category must be lower-case snake_case")
        if "funding" in event and event["funding"] not in FUNDING:
            invalid("funding must be nhs, local_authority or joint")
        date = event["date"]
        if event_type == "schedule_set":
            if event["kind"] not in SCHEDULE_KINDS:
                invalid("kind must be direct_payment_transfer or third_party_transfer")
            if event["kind"] == "direct_payment_transfer" and "organisation" in event:
                invalid("organisation is only for a third-party schedule")
            if event["every"] not in EVERY:
                invalid("every must be week, 2_weeks, 4_weeks, month or quarter")
            if event["first"] < date:
                invalid("first is before the event's date")
            if "last" in event and event["last"] < event["first"]:
                invalid("last is before first")
        if event_type == "review":
            if event["outcome"] not in OUTCOMES:
                invalid("outcome must be continue, amend, suspend or stop")
            if event["outcome"] == "stop" and "next_review" in event:
                invalid("a stop has no next_review")
            if "next_review" in event and event["next_review"] <= date:
                invalid("next_review must be after the review's date")
        if event_type == "repayment_requested":
            if event["grounds"] not in GROUNDS:
                invalid("unknown grounds")
            if event["due"] < date:
                invalid("due is before the request's date")

    # ---- stage 5: closed budgets ---------------------------------------------------------

    @staticmethod
    def allowed_after_close(budget, event: dict) -> bool:
        return event["type"] in AFTER_CLOSE_TYPES or \
            model.Ledger.allowed_after_close(budget, event)

    # ---- stages 6-7: pot, excluded category ----------------------------------------------

    @staticmethod
    def resolve_pot(budget, event: dict):
        event_type = event["type"]
        if event_type in ("recovery", "repayment_requested", "reconciliation") \
                and "pot" not in event \
                and not any(pot in budget.pots for pot in model.HOLDER_POTS):
            # SPEC 9: never resolved to `notional`
            raise Rejection("pot_not_in_budget",
                            f"budget {budget.budget_id} has no third-party or direct-payment pot")
        if event_type in ("plan_line", "repayment_requested"):
            # resolved as an allocation (plan_line) or a recovery (repayment_requested)
            stand_in = "allocation" if event_type == "plan_line" else "recovery"
            pot_name = model.Ledger.resolve_pot(budget, {**event, "type": stand_in})
            if event_type == "plan_line" and event["category"] in model.EXCLUDED_CATEGORIES:
                raise Rejection("excluded_category",
                                f"category {event['category']} is excluded")
            return pot_name
        if event_type == "schedule_set":
            pot_name = "direct_payment" if event["kind"] == "direct_payment_transfer" \
                else "third_party"
            if pot_name not in budget.pots:
                raise Rejection("pot_not_in_budget",
                                f"budget {budget.budget_id} has no {pot_name} pot")
            return pot_name
        if event_type in NEW_TYPES:
            return None
        return model.Ledger.resolve_pot(budget, event)

    # ---- stage 8: references, then state-dependent invalid_field, then payments_stopped --

    def check_references(self, budget, event: dict):
        target = super().check_references(budget, event)
        state = budget_state(budget)
        event_type = event["type"]
        pot_name = self.resolved_pot_for_references(budget, event)

        if "line" in event and event_type in ("payment", "notional_commitment"):
            line = state.lines.get(event["line"])
            if line is None or line["planned"] == 0 or line["pot"] != pot_name:
                raise Rejection("unknown_line",
                                f"no open plan line {event['line']} in the {pot_name} pot")
        if event_type == "schedule_ended" and event["schedule"] not in state.schedules:
            raise Rejection("unknown_schedule", f"no schedule {event['schedule']}")
        if (event_type == "repayment_waived"
                or (event_type == "recovery" and "repayment" in event)):
            request = state.requests.get(event["repayment"])
            if request is None or (event_type == "recovery"
                                   and request["event"].pot != pot_name):
                raise Rejection("unknown_repayment",
                                f"no repayment request {event['repayment']} for this pot")

        def invalid(message):
            raise Rejection("invalid_field", message)

        if event_type == "plan_line" and event["line"] in state.lines \
                and state.lines[event["line"]]["pot"] != pot_name:
            invalid("a plan line cannot move to another pot")
        if event_type == "schedule_set" and event["schedule"] in state.schedules:
            previous = state.schedules[event["schedule"]]["sets"][-1].fields
            if previous["kind"] != event["kind"] or \
                    previous.get("organisation") != event.get("organisation"):
                invalid("a schedule keeps its kind and organisation")
            if event["first"] <= previous["first"]:
                invalid("first must be after the previous schedule_set's first")
        if event_type == "repayment_requested" and event["repayment"] in state.requests:
            invalid(f"repayment {event['repayment']} was already requested")
        if event_type == "payment" and "commitment" in event and "line" in event:
            if state.commitments[event["commitment"]]["line"] != event["line"]:
                invalid("a payment against a commitment belongs to the commitment's line")

        if event_type == "direct_payment_transfer" and state.payments_stopped_on(event["date"]):
            raise Rejection("payments_stopped", f"payments are stopped on {event['date']}")
        return target

    @staticmethod
    def resolved_pot_for_references(budget, event: dict):
        """The pot stage 6 resolved (it has passed, so this cannot raise)."""
        return CarePlanLedger.resolve_pot(budget, event)

    # ---- stage 9: funds ------------------------------------------------------------------

    @staticmethod
    def check_funds(budget, event: dict, pot_name, target):
        event_type = event["type"]
        if event_type == "repayment_requested":
            return parse_pence(event["amount"])
        if event_type == "repayment_waived":
            outstanding = budget_state(budget).outstanding(event["repayment"])
            if outstanding <= 0:
                raise Rejection("insufficient_funds", "nothing is outstanding")
            amount = parse_pence(event["amount"]) if "amount" in event else outstanding
            if amount > outstanding:
                raise Rejection("insufficient_funds",
                                f"outstanding {format_pence(outstanding)} < "
                                f"{format_pence(amount)}")
            return amount
        if event_type in NEW_TYPES:
            return None
        amount = model.Ledger.check_funds(budget, event, pot_name, target)
        if event_type == "recovery" and "repayment" in event:
            outstanding = budget_state(budget).outstanding(event["repayment"])
            if amount > outstanding:
                raise Rejection("insufficient_funds",
                                f"outstanding {format_pence(outstanding)} < "
                                f"{format_pence(amount)}")
        return amount


# ----------------------------------------------------------------------------------------
# Views

def view_events(ledger: model.Ledger, as_of_seq: int | None = None,
                as_of_date: str | None = None) -> list:
    """SPEC 3 views: events up to a seq and/or dated on or before a date, in seq order;
    a reversal counts only if the event it reverses counts too."""
    included: dict[str, object] = {}
    for stored in ledger.events.values():  # insertion order is seq order
        if as_of_seq is not None and stored.seq > as_of_seq:
            continue
        if as_of_date is not None and stored.date > as_of_date:
            continue
        if stored.type == "reversal" and stored.fields["reverses"] not in included:
            continue
        included[stored.event_id] = stored
    return list(included.values())


def states_by_budget(events: list) -> dict[str, CarePlanState]:
    grouped: dict[str, list] = {}
    for stored in events:
        grouped.setdefault(stored.budget, []).append(stored)
    return {budget: CarePlanState(group) for budget, group in grouped.items()
            if group[0].type == "budget_opened"}


def byte_key(text: str) -> bytes:
    return text.encode("utf-8")


# ----------------------------------------------------------------------------------------
# Reports

def due_instalments(ledger: model.Ledger, to_date: str, budget_id: str | None = None) -> list:
    """The instalment events (dicts, canonical field order) due on or before to_date."""
    rows = []
    for budget in ledger.budgets.values():
        if budget_id is not None and budget.budget_id != budget_id:
            continue
        state = budget_state(budget)
        if state.closed:
            continue
        for name, schedule in state.schedules.items():
            for date, segment in state.instalments(name, to_date):
                kind = segment.fields["kind"]
                if kind == "direct_payment_transfer" and state.payments_stopped_on(date):
                    continue
                event_id = f"schedule:{budget.budget_id}:{name}:{date}"
                if event_id in ledger.events:
                    continue
                instalment = {"id": event_id, "type": kind, "budget": budget.budget_id,
                              "date": date}
                if kind == "third_party_transfer":
                    instalment["organisation"] = segment.fields["organisation"]
                instalment["amount"] = format_pence(parse_pence(segment.fields["amount"]))
                rows.append(instalment)
    rows.sort(key=lambda e: (e["date"], byte_key(e["budget"]), byte_key(e["id"].split(":")[2])))
    return rows


def due_lines(ledger, to_date, budget_id=None) -> list[dict]:
    rows = due_instalments(ledger, to_date, budget_id)
    total = sum(parse_pence(r["amount"]) for r in rows)
    return rows + [{"due": len(rows), "amount": format_pence(total)}]


def plan_lines(ledger, budget_id, as_of_seq=None, as_of_date=None) -> list[dict]:
    state = states_by_budget(view_events(ledger, as_of_seq, as_of_date)).get(budget_id)
    if state is None:
        raise KeyError(budget_id)
    committed = {name: 0 for name in state.lines}
    spent = {name: 0 for name in state.lines}
    for commitment in state.commitments.values():
        if commitment["line"] in committed:  # a view may leave the line out
            committed[commitment["line"]] += commitment["open"]
    unattributed = [0, 0]
    outside = [0, 0]
    for payment in state.live_payments():
        line = state.payment_line(payment)
        if line is not None:
            spent[line] += payment.amount
            continue
        categories = {entry["category"] for entry in state.lines.values()
                      if entry["pot"] == payment.pot}
        bucket = unattributed if payment.fields["category"] in categories else outside
        bucket[0] += 1
        bucket[1] += payment.amount
    rows = []
    for name, entry in state.lines.items():
        left = entry["planned"] - committed[name] - spent[name]
        rows.append({"line": name, "pot": entry["pot"], "category": entry["category"],
                     "funding": entry["funding"], "planned": format_pence(entry["planned"]),
                     "committed": format_pence(committed[name]),
                     "spent": format_pence(spent[name]), "left": format_pence(left)})
    allocated = allocated_total(view_events(ledger, as_of_seq, as_of_date), budget_id)
    rows.append({
        "unattributed": {"count": unattributed[0], "amount": format_pence(unattributed[1])},
        "outside_plan": {"count": outside[0], "amount": format_pence(outside[1])},
        "planned": format_pence(sum(e["planned"] for e in state.lines.values())),
        "allocated": format_pence(allocated),
    })
    return rows


def money_movements(events: list, budget_id: str | None = None) -> dict[str, dict[str, int]]:
    """allocated/spent/recovered per pot over a view (reversals already filtered)."""
    by_id = {e.event_id: e for e in events}
    money = {pot: {"allocated": 0, "spent": 0, "recovered": 0} for pot in model.POT_NAMES}

    def movement(stored, sign):
        if stored.type == "allocation":
            direction = -1 if stored.fields.get("direction", "increase") == "decrease" else 1
            money[stored.pot]["allocated"] += sign * direction * stored.amount
        elif stored.type == "payment":
            money[stored.pot]["spent"] += sign * stored.amount
        elif stored.type == "recovery":
            money[stored.pot]["recovered"] += sign * stored.amount

    for stored in events:
        if budget_id is not None and stored.budget != budget_id:
            continue
        if stored.type == "reversal":
            movement(by_id[stored.fields["reverses"]], -1)
        else:
            movement(stored, 1)
    return money


def allocated_total(events, budget_id) -> int:
    return sum(m["allocated"] for m in money_movements(events, budget_id).values())


def reviews_lines(ledger, due_by, as_of_seq=None, as_of_date=None) -> list[dict]:
    rows = []
    for budget_id, state in states_by_budget(view_events(ledger, as_of_seq, as_of_date)).items():
        next_review = state.next_review()
        if next_review is None or next_review > due_by:
            continue
        latest = state.latest_review()
        rows.append({"budget": budget_id, "next_review": next_review,
                     "days_overdue": (parse_date(due_by) - parse_date(next_review)).days,
                     "last_outcome": latest.fields["outcome"] if latest else None})
    rows.sort(key=lambda r: (r["next_review"], byte_key(r["budget"])))
    return rows


def repayments_lines(ledger, on_date, budget_id=None, as_of_seq=None,
                     as_of_date=None) -> list[dict]:
    rows = []
    for name_budget, state in states_by_budget(view_events(ledger, as_of_seq, as_of_date)).items():
        if budget_id is not None and name_budget != budget_id:
            continue
        for name, request in state.requests.items():
            fields = request["event"].fields
            outstanding = state.outstanding(name)
            rows.append({"budget": name_budget, "repayment": name,
                         "pot": request["event"].pot, "grounds": fields["grounds"],
                         "requested": format_pence(request["event"].amount),
                         "recovered": format_pence(request["recovered"]),
                         "waived": format_pence(request["waived"]),
                         "outstanding": format_pence(outstanding), "due": fields["due"],
                         "overdue": outstanding > 0 and fields["due"] < on_date})
    rows.sort(key=lambda r: (r["due"], byte_key(r["budget"]), byte_key(r["repayment"])))
    return rows


def quarter_bounds(quarter: str) -> tuple[str, str]:
    match = re.fullmatch(r"([0-9]{4})-Q([1-4])", quarter)
    if match is None:
        raise ValueError(f"quarter must be YYYY-Qn: {quarter!r}")
    year, number = int(match.group(1)), int(match.group(2))
    start = datetime.date(year, 4, 1)
    first = add_months(start, 3 * (number - 1))
    last = add_months(first, 3) - datetime.timedelta(days=1)
    return first.isoformat(), last.isoformat()


def report_quarter(ledger, quarter: str) -> dict:
    start, end = quarter_bounds(quarter)
    day_before = (parse_date(start) - datetime.timedelta(days=1)).isoformat()
    by_model = {name: 0 for name in model.HOLDING_MODELS}
    by_cohort: dict[str, int] = {}
    total = 0
    new_budgets = 0
    for budget in ledger.budgets.values():
        opened = budget.events[0]
        closed_before = any(e.type == "budget_closed" and e.date < end for e in budget.events)
        if start <= opened.date <= end:
            new_budgets += 1
        if opened.date > end or closed_before:
            continue
        total += 1
        by_model[budget.holding_model] += 1
        cohort = opened.fields.get("cohort", "unspecified")
        by_cohort[cohort] = by_cohort.get(cohort, 0) + 1
    at_end = money_movements(view_events(ledger, as_of_date=end))
    before = money_movements(view_events(ledger, as_of_date=day_before))
    money = {pot: {name: format_pence(at_end[pot][name] - before[pot][name])
                   for name in ("allocated", "spent", "recovered")}
             for pot in model.POT_NAMES}
    return {"quarter": quarter, "from": start, "to": end,
            "budgets": {"total": total, "by_holding_model": by_model,
                        "by_cohort": dict(sorted(by_cohort.items(),
                                                 key=lambda kv: byte_key(kv[0])))},
            "new_budgets": new_budgets, "money": money}


# ----------------------------------------------------------------------------------------
# Posting and the command line

def post_files(paths, partial=False):
    ledger = CarePlanLedger()
    results = []
    for path in paths:
        ledger, rows, summary = model.post_file(ledger, path, partial)
        results.append((path, rows, summary))
        if summary["rejected"]:
            print(f"careplan_model.py: {path}: {summary['rejected']} rejected", file=sys.stderr)
    return ledger, results


def post_events(ledger, events: list, partial=False):
    """Posts a list of event dicts as one input (lines 1..N), exactly as `post` posts a file:
    returns (ledger after it, result rows, summary)."""
    import os
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8",
                                     delete=False) as handle:
        for event in events:
            handle.write(model.dumps(event) + "\n")
        path = handle.name
    try:
        return model.post_file(ledger, path, partial)
    finally:
        os.unlink(path)


def take_option(args: list, name: str, flag=False):
    if name not in args:
        return False if flag else None
    index = args.index(name)
    if flag:
        del args[index]
        return True
    value = args[index + 1]
    del args[index:index + 2]
    return value


def main(argv) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], list(argv[1:])
    partial = take_option(args, "--partial", flag=True)
    as_of_date = take_option(args, "--as-of-date")
    as_of_seq = take_option(args, "--as-of-seq")
    as_of_seq = int(as_of_seq) if as_of_seq is not None else None
    budget_id = take_option(args, "--budget")
    out = sys.stdout

    def emit(rows):
        for row in rows:
            out.write(model.dumps(row) + "\n")

    if command == "post":
        ledger, results = post_files(args[:-1])
        ledger, rows, summary = model.post_file(ledger, args[-1], partial)
        emit(rows + [summary])
        return 3 if summary["rejected"] else 0
    if command == "balances":
        ledger, _ = post_files(args)
        for line in model.balances_lines(ledger):
            out.write(line + "\n")
        return 0
    if command == "due":
        to_date = take_option(args, "--to")
        post = take_option(args, "--post", flag=True)
        ledger, _ = post_files(args)
        if post:
            events = due_instalments(ledger, to_date, budget_id)
            _, rows, summary = post_events(ledger, events, partial)
            emit(rows + [summary])
            return 3 if summary["rejected"] else 0
        emit(due_lines(ledger, to_date, budget_id))
        return 0
    if command == "plan":
        budget = args.pop(0)
        ledger, _ = post_files(args)
        emit(plan_lines(ledger, budget, as_of_seq, as_of_date))
        return 0
    if command == "reviews":
        due_by = take_option(args, "--due-by")
        ledger, _ = post_files(args)
        emit(reviews_lines(ledger, due_by, as_of_seq, as_of_date))
        return 0
    if command == "repayments":
        on_date = take_option(args, "--on")
        ledger, _ = post_files(args)
        emit(repayments_lines(ledger, on_date, budget_id, as_of_seq, as_of_date))
        return 0
    if command == "report":
        quarter = take_option(args, "--quarter")
        ledger, _ = post_files(args)
        emit([report_quarter(ledger, quarter)])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.exit(main(sys.argv[1:]))
