#!/usr/bin/env python3
"""Independent reference model of budget-ledger (SPEC.md sections 2-4 and 6.1/6.2).

Python 3.11, standard library only. It is written from the SPEC, not from the Swift engine,
so that the engine's tests can compare their output with this one. Money is integer pence
throughout; no float ever holds an amount.

Usage
    python3 Fixtures/tools/model.py balances [--partial] FILE.jsonl [FILE2.jsonl ...]
        Posts the files in order, each all-or-nothing (SPEC 6 `post`: when any event of a
        file is rejected nothing of that file is written; with --partial the accepted ones
        are), then prints `balances --json`: one object per budget, ordered by budget id
        in byte order, compact separators, "\\n" after each.

    python3 Fixtures/tools/model.py post [--partial] FILE.jsonl [FILE2.jsonl ...]
        Posts every file but the last silently (a rejection there is reported on stderr),
        then prints the `post --json` lines (SPEC 6.1) of the LAST file, and exits 3 when
        that file had a rejection, else 0.

Output of `post` (the differences from SPEC 6.1 are deliberate, for fixtures):
    {"line":N,"id":ID,"status":"accepted","seq":S}
    {"line":N,"id":ID,"status":"duplicate"}
    {"line":N,"id":ID,"status":"rejected","code":"..."}
    {"accepted":A,"duplicates":D,"rejected":R,"written":W}
  * `message` is omitted: it is free text.
  * `seq` is printed on accepted lines only when the line's events are written (no rejection
    in the file, or --partial); in all-or-nothing mode with a rejection nothing is written
    and no seq is shown. `written` is then 0.
  * `id` is the event's `id` when the line parsed as a JSON object whose `id` is a string
    (even an invalid one, e.g. 200 characters), else null (malformed JSON, `id` missing or
    not a string).
  * Line numbers count every physical line from 1; blank lines (only spaces, tabs, CR) are
    counted but print nothing.
  * Output is UTF-8 JSON with "/" not escaped and non-ASCII not escaped: compare parsed
    objects, not bytes, if your encoder escapes differently.

Interpretations (where the SPEC is silent or the brief decided; the engine follows these):
  Parsing
  * A line that is not valid UTF-8 or not valid JSON, or whose top level is not an object,
    or that uses NaN/Infinity, or that repeats a key in one object -> malformed_json.
    A trailing "\\r" (CRLF files) is removed before parsing.
  Order of checks (SPEC 4.1), each stage as follows:
  1 malformed_json.
  2 `id` is a string that exists in the ledger (or on an earlier ACCEPTED line of the same
    file): same content -> duplicate (success, nothing changes), else id_conflict. Content =
    every field except the envelope fields seq/version/recorded_at/hash; the set of field
    names must be equal (so an added `"direction":"increase"` is a conflict); `amount` and
    `statement_balance` are equal when both are valid amounts with the same pence ("12.5"
    equals "12.50"; "12.500" is not a valid amount, so it is compared as text and differs);
    other values compared exactly (JSON equality). Duplicates are decided before the shape
    is checked, so a changed, malformed event under an existing id is an id_conflict.
  3 shape: (a) any of id/type/budget/date absent -> missing_field; (b) `type` not one of the
    11 type strings (any JSON value) -> unknown_type; (c) an own required field absent ->
    missing_field (`pots` is required when holding_model == "mixed"; `pot` is NOT checked
    here, see stage 6); (d) invalid_field: a field name that is neither common, own nor
    envelope; a value of the wrong JSON type (null included); id not 1-128 characters
    U+0020..U+007E; budget not 1-64 of [A-Za-z0-9._-]; dates not a real YYYY-MM-DD
    calendar date; actor > 128 or note > 1024 characters (code points); amounts not a
    string matching [0-9]{1,10}(.[0-9]{1,2})? or equal to zero (statement_balance may be
    zero); category not ^[a-z][a-z0-9_]*$; holding_model not one of the four; pots: for
    mixed an array of 2 or 3 distinct names among notional/third_party/direct_payment, for
    another model present at all; period_start > period_end (budget_opened, and
    reconciliation when period_start is given); direction not increase/decrease; pot
    present but not one of the three pot names; recovery/reconciliation pot present but
    not third_party/direct_payment; payment with commitment whose pot is present and not
    notional. Free-text fields (person, provider, organisation, payee, reason, reference,
    commitment, reverses) only need to be strings. SPEC 4.4 (added 2026-11-30): no string
    anywhere in the event (any field, envelope fields included, inside arrays too) may hold
    a character of general category Cc (U+0000-U+001F, U+007F-U+009F); the budget id may
    not be "." or ".."; a reconciliation's period_end may not be after its own date; the
    envelope fields, when given, must be of the JSON type export writes (seq and version
    numbers, recorded_at and hash strings), their values still ignored.
  4 budget_opened for an existing budget -> budget_exists; any other type for a budget that
    was never opened -> unknown_budget (budget ids are case-sensitive).
 4b an event dated before its budget's budget_opened date -> date_before_opening (SPEC 4.4).
  5 closed budget: only reconciliation, recovery, commitment_release (SPEC 4.2 amended), and
    a reversal whose target is a payment or recovery of this budget pass; everything else ->
    budget_closed (including a second budget_closed, and a reversal whose target is unknown,
    another reversal, an allocation or a transfer).
  6 pot: a `pot` omitted on a mixed budget -> missing_field (payment with commitment
    excepted: it implies notional); omitted on a single-model budget -> that model (so a
    recovery/reconciliation without pot on a notional budget resolves to notional and is
    pot_not_in_budget); the resolved pot, or notional for commitment/release/payment with
    commitment, third_party for third_party_transfer, direct_payment for
    direct_payment_transfer, must be one of the budget's pots -> pot_not_in_budget.
  7 payment/notional_commitment with an excluded category -> excluded_category.
  8 references: notional_commitment whose commitment id exists in the budget (open or not)
    -> duplicate_commitment; release or payment naming a commitment the budget does not
    have -> unknown_commitment; reversal whose target is unknown or of another budget ->
    unknown_event; target not allocation/third_party_transfer/direct_payment_transfer/
    payment/recovery -> not_reversible; target already reversed -> already_reversed;
    (SPEC 7.2) a reconciliation whose `matched` names an id that is not a payment, recovery
    or transfer of this budget and pot -> unknown_event (every element checked first), then
    an id named twice in the array or in an earlier reconciliation of the pot ->
    already_reconciled.
  9 insufficient_funds per SPEC 3; a release when the commitment's open amount is 0, or
    for more than the open amount -> insufficient_funds; a reversal of an allocation
    increase needs available >= amount, of a transfer held >= amount.
 10 budget_closed while a commitment has open amount > 0 -> open_commitments.
  * Overflow: an allocation increase (or the reversal of a decrease) that would take the
    budget's total allocated past 9,223,372,036,854,775,807 pence -> invalid_field, checked
    at the insufficient_funds stage. Every other amount and total is bounded by that total
    because balances stay >= 0. Unreachable with the shipped fixtures.
  Reconciliation
  * expected = the pot's held over this budget's events accepted before it whose date <=
    period_end, a reversal counting only when its own date <= period_end and its target
    counts. It is recorded when the event is accepted and never recomputed.
  * last_reconciliation = the one with the latest period_end, on a tie the later recorded.
  * unreconciled = payments of the pot, not reversed, dated after that period_end (all of
    them before any reconciliation): count and sum.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import sys

# ----------------------------------------------------------------------------------------
# Constants of the contract

POT_NAMES = ("notional", "third_party", "direct_payment")
HOLDING_MODELS = ("notional", "third_party", "direct_payment", "mixed")
HOLDER_POTS = ("third_party", "direct_payment")
ENVELOPE_FIELDS = frozenset({"seq", "version", "recorded_at", "hash"})
NUMERIC_ENVELOPE_FIELDS = frozenset({"seq", "version"})
COMMON_REQUIRED = ("id", "type", "budget", "date")
COMMON_OPTIONAL = ("actor", "note")
MONEY_FIELDS = ("amount", "statement_balance")
MOVEMENT_TYPES = frozenset({"payment", "recovery", "third_party_transfer", "direct_payment_transfer"})
REVERSIBLE_TYPES = frozenset(
    {"allocation", "third_party_transfer", "direct_payment_transfer", "payment", "recovery"}
)
EXCLUDED_CATEGORIES = frozenset({
    "gp_services", "acute_unplanned_care", "surgical_procedures", "medication",
    "nhs_charges", "vaccination", "screening", "tobacco", "alcohol", "gambling",
    "debt_repayment", "illegal",
})

# type -> (own required fields, own optional fields)
EVENT_FIELDS = {
    "budget_opened": (("person", "holding_model", "period_start", "period_end"), ("pots",)),
    "allocation": (("amount",), ("pot", "direction")),
    "notional_commitment": (("commitment", "provider", "category", "amount"), ()),
    "commitment_release": (("commitment",), ("amount",)),
    "third_party_transfer": (("organisation", "amount"), ()),
    "direct_payment_transfer": (("amount",), ()),
    "payment": (("payee", "category", "amount"), ("pot", "commitment", "reference")),
    "recovery": (("amount", "reason"), ("pot",)),
    "reconciliation": (("period_end", "statement_balance"), ("pot", "period_start", "matched")),
    "reversal": (("reverses", "reason"), ()),
    "budget_closed": ((), ()),
}

# Fields whose value must be a JSON string (checked in the shape stage).
STRING_FIELDS = frozenset({
    "id", "type", "budget", "date", "actor", "note", "person", "holding_model",
    "period_start", "period_end", "pot", "amount", "direction", "commitment", "provider",
    "category", "organisation", "payee", "reference", "reason", "statement_balance",
    "reverses",
})

ID_LENGTH_MAX = 128
BUDGET_ID_LENGTH_MAX = 64
ACTOR_LENGTH_MAX = 128
NOTE_LENGTH_MAX = 1024
PENCE_MAX = 9_223_372_036_854_775_807

AMOUNT_PATTERN = re.compile(r"[0-9]{1,10}(?:\.[0-9]{1,2})?")
BUDGET_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CATEGORY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")


class Rejection(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# ----------------------------------------------------------------------------------------
# Value parsing

def parse_pence(text) -> int | None:
    """A valid amount string -> pence, else None. Zero is returned as 0 (callers decide)."""
    if not isinstance(text, str) or not AMOUNT_PATTERN.fullmatch(text):
        return None
    whole, _, fraction = text.partition(".")
    return int(whole) * 100 + int(fraction.ljust(2, "0") or "0")


def format_pence(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    magnitude = abs(pence)
    return f"{sign}{magnitude // 100}.{magnitude % 100:02d}"


def parse_date(text) -> datetime.date | None:
    if not isinstance(text, str) or not DATE_PATTERN.fullmatch(text):
        return None
    try:
        return datetime.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        return None


def is_valid_event_id(text) -> bool:
    return (isinstance(text, str) and 1 <= len(text) <= ID_LENGTH_MAX
            and all(0x20 <= ord(c) <= 0x7E for c in text))


def is_control(character: str) -> bool:
    """Unicode general category Cc: U+0000-U+001F and U+007F-U+009F (SPEC 4.4)."""
    code = ord(character)
    return code <= 0x1F or 0x7F <= code <= 0x9F


def strings_in(value):
    """Every string in a JSON value, inside arrays and objects too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for element in value:
            yield from strings_in(element)
    elif isinstance(value, dict):
        for element in value.values():
            yield from strings_in(element)


def same_content(stored: dict, incoming: dict) -> bool:
    """SPEC 4.2: same fields and values, amounts compared as money, envelope ignored."""
    left = {k: v for k, v in stored.items() if k not in ENVELOPE_FIELDS}
    right = {k: v for k, v in incoming.items() if k not in ENVELOPE_FIELDS}
    if left.keys() != right.keys():
        return False
    for key, value in left.items():
        other = right[key]
        if key in MONEY_FIELDS:
            a, b = parse_pence(value), parse_pence(other)
            if a is not None and b is not None:
                if a != b:
                    return False
                continue
        if type(value) is not type(other) or value != other:
            return False
    return True


# ----------------------------------------------------------------------------------------
# State

class Pot:
    def __init__(self, name: str):
        self.name = name
        self.allocated = 0
        self.committed = 0
        self.transferred = 0
        self.spent = 0
        self.recovered = 0

    @property
    def held(self) -> int:
        return self.transferred - self.spent - self.recovered

    @property
    def available(self) -> int:
        if self.name == "notional":
            return self.allocated - self.committed - self.spent
        return self.allocated - self.transferred

    @property
    def remaining(self) -> int:
        return self.allocated - self.committed - self.spent - self.recovered

    def assert_non_negative(self):
        values = [self.allocated, self.committed, self.transferred, self.spent,
                  self.recovered, self.available, self.remaining]
        if self.name != "notional":
            values.append(self.held)
        assert all(v >= 0 for v in values), f"negative balance in pot {self.name}"


class Commitment:
    def __init__(self, commitment_id: str, amount: int):
        self.commitment_id = commitment_id
        self.amount = amount
        self.open = amount


class StoredEvent:
    """An accepted event: its posted fields (envelope removed) and what the rules need."""

    def __init__(self, fields: dict, seq: int, pot: str | None, amount: int | None):
        self.fields = fields
        self.seq = seq
        self.event_id = fields["id"]
        self.type = fields["type"]
        self.budget = fields["budget"]
        self.date = fields["date"]
        self.pot = pot
        self.amount = amount
        self.reversed_by: str | None = None
        # reconciliation results (recorded once, when accepted)
        self.expected: int | None = None


class Budget:
    def __init__(self, budget_id: str, person: str, holding_model: str, pot_names: list,
                 opened_on: str):
        self.budget_id = budget_id
        self.opened_on = opened_on  # the budget_opened event's date, YYYY-MM-DD
        self.person = person
        self.holding_model = holding_model
        self.pot_names = list(pot_names)
        self.pots = {name: Pot(name) for name in pot_names}
        self.closed = False
        self.version = 0
        self.commitments: dict[str, Commitment] = {}
        self.events: list[StoredEvent] = []  # in seq order
        self.ledger_events: dict[str, StoredEvent] = {}  # the ledger's id index (shared)


class Ledger:
    def __init__(self):
        self.seq = 0
        self.budgets: dict[str, Budget] = {}
        self.events: dict[str, StoredEvent] = {}

    # ---- the checks of SPEC 4, in order -------------------------------------------------

    def check(self, event: dict) -> str:
        """Returns "duplicate" or "accepted" (and applies), or raises Rejection."""
        event_id = event.get("id")
        if isinstance(event_id, str) and event_id in self.events:
            if same_content(self.events[event_id].fields, event):
                return "duplicate"
            raise Rejection("id_conflict", f"id {event_id!r} exists with different content")

        self.check_shape(event)

        event_type = event["type"]
        budget_id = event["budget"]
        budget = self.budgets.get(budget_id)
        if event_type == "budget_opened":
            if budget is not None:
                raise Rejection("budget_exists", f"budget {budget_id} exists")
            self.apply_budget_opened(event)
            return "accepted"
        if budget is None:
            raise Rejection("unknown_budget", f"budget {budget_id} was never opened")

        # Dates are valid YYYY-MM-DD here, so they compare as text.
        if event["date"] < budget.opened_on:
            raise Rejection("date_before_opening",
                            f"dated {event['date']}, before {budget_id} opened on {budget.opened_on}")

        if budget.closed and not self.allowed_after_close(budget, event):
            raise Rejection("budget_closed", f"budget {budget_id} is closed")

        pot_name = self.resolve_pot(budget, event)

        if event_type in ("payment", "notional_commitment") and \
                event["category"] in EXCLUDED_CATEGORIES:
            raise Rejection("excluded_category", f"category {event['category']} is excluded")

        target = self.check_references(budget, event)
        amount = self.check_funds(budget, event, pot_name, target)

        if event_type == "budget_closed":
            open_count = sum(1 for c in budget.commitments.values() if c.open > 0)
            if open_count:
                raise Rejection("open_commitments", f"{open_count} commitment(s) still open")

        self.apply(budget, event, pot_name, amount, target)
        return "accepted"

    def check_shape(self, event: dict):
        for name in COMMON_REQUIRED:
            if name not in event:
                raise Rejection("missing_field", f"missing {name}")
        event_type = event["type"]
        if not isinstance(event_type, str) or event_type not in EVENT_FIELDS:
            raise Rejection("unknown_type", f"unknown type {event_type!r}")
        required, optional = EVENT_FIELDS[event_type]
        for name in required:
            if name not in event:
                raise Rejection("missing_field", f"missing {name}")
        if event_type == "budget_opened" and event["holding_model"] == "mixed" \
                and "pots" not in event:
            raise Rejection("missing_field", "missing pots (required for mixed)")

        def invalid(message):
            raise Rejection("invalid_field", message)

        allowed = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL) | set(required) | set(optional) \
            | ENVELOPE_FIELDS
        for name in event:
            if name not in allowed:
                invalid(f"unknown field {name!r}")
        for name, value in event.items():
            if name in STRING_FIELDS and not isinstance(value, str):
                invalid(f"{name} must be a string")
        for name in ENVELOPE_FIELDS & event.keys():
            value = event[name]
            if name in NUMERIC_ENVELOPE_FIELDS:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    invalid(f"{name} must be a number")
            elif not isinstance(value, str):
                invalid(f"{name} must be a string")
        for name, value in event.items():
            if any(is_control(c) for text in strings_in(value) for c in text):
                invalid(f"{name} holds a control character")

        if not is_valid_event_id(event["id"]):
            invalid("id must be 1-128 printable ASCII characters")
        if not BUDGET_PATTERN.fullmatch(event["budget"]):
            invalid("budget must be 1-64 of A-Z a-z 0-9 . _ -")
        if event["budget"] in (".", ".."):
            invalid("budget may not be . or ..")
        for name in ("date", "period_start", "period_end"):
            if name in event and parse_date(event[name]) is None:
                invalid(f"{name} is not a calendar date YYYY-MM-DD")
        if len(event.get("actor", "")) > ACTOR_LENGTH_MAX:
            invalid("actor longer than 128 characters")
        if len(event.get("note", "")) > NOTE_LENGTH_MAX:
            invalid("note longer than 1024 characters")
        if "amount" in event:
            pence = parse_pence(event["amount"])
            if pence is None or pence == 0:
                invalid("amount must be a decimal string > 0 with at most 2 places")
        if "statement_balance" in event and parse_pence(event["statement_balance"]) is None:
            invalid("statement_balance must be a decimal string with at most 2 places")
        if "category" in event and not CATEGORY_PATTERN.fullmatch(event["category"]):
            invalid("category must be lower-case snake_case")
        if "direction" in event and event["direction"] not in ("increase", "decrease"):
            invalid("direction must be increase or decrease")
        if "pot" in event and event["pot"] not in POT_NAMES:
            invalid(f"unknown pot name {event['pot']!r}")
        if "period_start" in event and "period_end" in event \
                and event["period_start"] > event["period_end"]:
            invalid("period_start after period_end")
        if event_type == "reconciliation" and event["period_end"] > event["date"]:
            invalid("period_end after the reconciliation's own date")

        if event_type == "budget_opened":
            model = event["holding_model"]
            if model not in HOLDING_MODELS:
                invalid(f"unknown holding_model {model!r}")
            if model == "mixed":
                pots = event["pots"]
                if not isinstance(pots, list) or not 2 <= len(pots) <= 3 \
                        or not all(isinstance(p, str) and p in POT_NAMES for p in pots) \
                        or len(set(pots)) != len(pots):
                    invalid("pots must list 2 or 3 distinct pot names")
            elif "pots" in event:
                invalid("pots is only for a mixed budget")
        elif "pots" in event:  # unreachable: not an allowed field; kept for clarity
            invalid("pots")
        if "matched" in event and (not isinstance(event["matched"], list)
                                   or not all(isinstance(item, str) for item in event["matched"])):
            invalid("matched must be an array of event ids")
        if event_type in ("recovery", "reconciliation") and "pot" in event \
                and event["pot"] not in HOLDER_POTS:
            invalid(f"{event_type} pot must be third_party or direct_payment")
        if event_type == "payment" and "commitment" in event and "pot" in event \
                and event["pot"] != "notional":
            invalid("a payment against a commitment is a notional payment")

    @staticmethod
    def allowed_after_close(budget: Budget, event: dict) -> bool:
        event_type = event["type"]
        if event_type in ("reconciliation", "recovery", "commitment_release"):
            return True
        if event_type == "reversal":
            target = budget_target(budget, event["reverses"])
            return target is not None and target.type in ("payment", "recovery")
        return False

    @staticmethod
    def resolve_pot(budget: Budget, event: dict) -> str | None:
        event_type = event["type"]
        if event_type in ("notional_commitment", "commitment_release"):
            pot_name = "notional"
        elif event_type == "third_party_transfer":
            pot_name = "third_party"
        elif event_type == "direct_payment_transfer":
            pot_name = "direct_payment"
        elif event_type == "payment" and "commitment" in event:
            pot_name = "notional"
        elif event_type in ("allocation", "payment", "recovery", "reconciliation"):
            if "pot" in event:
                pot_name = event["pot"]
            elif budget.holding_model == "mixed":
                raise Rejection("missing_field", "missing pot (required for a mixed budget)")
            else:
                pot_name = budget.holding_model
        else:
            return None
        if pot_name not in budget.pots:
            raise Rejection("pot_not_in_budget", f"budget {budget.budget_id} has no {pot_name} pot")
        return pot_name

    def check_references(self, budget: Budget, event: dict) -> StoredEvent | None:
        event_type = event["type"]
        if event_type == "notional_commitment":
            if event["commitment"] in budget.commitments:
                raise Rejection("duplicate_commitment", "commitment id exists in this budget")
        elif event_type == "commitment_release" or \
                (event_type == "payment" and "commitment" in event):
            if event["commitment"] not in budget.commitments:
                raise Rejection("unknown_commitment", "no such commitment in this budget")
        elif event_type == "reversal":
            target = budget_target(budget, event["reverses"])
            if target is None:
                raise Rejection("unknown_event", "no such event in this budget")
            if target.type not in REVERSIBLE_TYPES:
                raise Rejection("not_reversible", f"a {target.type} cannot be reversed")
            if target.reversed_by is not None:
                raise Rejection("already_reversed", f"already reversed by {target.reversed_by}")
            return target
        elif event_type == "reconciliation" and "matched" in event:
            pot_name = self.resolve_pot(budget, event)
            for event_id in event["matched"]:
                target = budget_target(budget, event_id)
                if target is None or target.type not in MOVEMENT_TYPES or target.pot != pot_name:
                    raise Rejection("unknown_event", f"{event_id} is not a payment, recovery or transfer of the {pot_name} pot")
            earlier = {event_id for stored in budget.events
                       if stored.type == "reconciliation" and stored.pot == pot_name
                       for event_id in stored.fields.get("matched", [])}
            for index, event_id in enumerate(event["matched"]):
                if event_id in earlier or event_id in event["matched"][:index]:
                    raise Rejection("already_reconciled", f"{event_id} is already matched by a reconciliation of the pot")
        return None

    @staticmethod
    def check_funds(budget: Budget, event: dict, pot_name: str | None,
                    target: StoredEvent | None) -> int | None:
        """Returns the amount in pence the event moves (None when it moves nothing)."""
        event_type = event["type"]
        pot = budget.pots.get(pot_name) if pot_name else None

        def need(have: int, amount: int, what: str):
            if have < amount:
                raise Rejection("insufficient_funds",
                                f"{what} {format_pence(have)} < {format_pence(amount)}")

        if event_type == "allocation":
            amount = parse_pence(event["amount"])
            if event.get("direction", "increase") == "decrease":
                need(pot.available, amount, "available")
            else:
                check_no_overflow(budget, amount)
            return amount
        if event_type == "notional_commitment":
            amount = parse_pence(event["amount"])
            need(pot.available, amount, "available")
            return amount
        if event_type == "commitment_release":
            commitment = budget.commitments[event["commitment"]]
            if commitment.open == 0:
                raise Rejection("insufficient_funds", "the commitment has nothing open")
            amount = parse_pence(event["amount"]) if "amount" in event else commitment.open
            need(commitment.open, amount, "open commitment")
            return amount
        if event_type in ("third_party_transfer", "direct_payment_transfer"):
            amount = parse_pence(event["amount"])
            need(pot.available, amount, "available")
            return amount
        if event_type == "payment":
            amount = parse_pence(event["amount"])
            if "commitment" in event:
                need(budget.commitments[event["commitment"]].open, amount, "open commitment")
            elif pot_name == "notional":
                need(pot.available, amount, "available")
            else:
                need(pot.held, amount, "held")
            return amount
        if event_type == "recovery":
            amount = parse_pence(event["amount"])
            need(pot.held, amount, "held")
            return amount
        if event_type == "reversal":
            target_pot = budget.pots[target.pot]
            if target.type == "allocation" and \
                    target.fields.get("direction", "increase") == "increase":
                need(target_pot.available, target.amount, "available")
            elif target.type == "allocation":
                check_no_overflow(budget, target.amount)
            elif target.type in ("third_party_transfer", "direct_payment_transfer"):
                need(target_pot.held, target.amount, "held")
            return target.amount
        return None

    # ---- applying -----------------------------------------------------------------------

    def store(self, event: dict, budget: Budget, pot: str | None, amount: int | None) -> StoredEvent:
        self.seq += 1
        fields = {k: v for k, v in event.items() if k not in ENVELOPE_FIELDS}
        stored = StoredEvent(fields, self.seq, pot, amount)
        self.events[stored.event_id] = stored
        budget.events.append(stored)
        budget.version += 1
        return stored

    def apply_budget_opened(self, event: dict):
        model = event["holding_model"]
        pot_names = event["pots"] if model == "mixed" else [model]
        budget = Budget(event["budget"], event["person"], model, pot_names, event["date"])
        budget.ledger_events = self.events
        self.budgets[budget.budget_id] = budget
        self.store(event, budget, None, None)

    def apply(self, budget: Budget, event: dict, pot_name, amount, target):
        event_type = event["type"]
        pot = budget.pots.get(pot_name) if pot_name else None
        if event_type == "allocation":
            sign = -1 if event.get("direction", "increase") == "decrease" else 1
            pot.allocated += sign * amount
        elif event_type == "notional_commitment":
            pot.committed += amount
            budget.commitments[event["commitment"]] = Commitment(event["commitment"], amount)
        elif event_type == "commitment_release":
            pot.committed -= amount
            budget.commitments[event["commitment"]].open -= amount
        elif event_type in ("third_party_transfer", "direct_payment_transfer"):
            pot.transferred += amount
        elif event_type == "payment":
            pot.spent += amount
            if "commitment" in event:
                pot.committed -= amount
                budget.commitments[event["commitment"]].open -= amount
        elif event_type == "recovery":
            pot.recovered += amount
        elif event_type == "reversal":
            pot_name = target.pot
            pot = budget.pots[pot_name]
            if target.type == "allocation":
                sign = -1 if target.fields.get("direction", "increase") == "decrease" else 1
                pot.allocated -= sign * amount
            elif target.type in ("third_party_transfer", "direct_payment_transfer"):
                pot.transferred -= amount
            elif target.type == "payment":
                pot.spent -= amount
                if "commitment" in target.fields:
                    pot.committed += amount
                    budget.commitments[target.fields["commitment"]].open += amount
            elif target.type == "recovery":
                pot.recovered -= amount
        elif event_type == "budget_closed":
            budget.closed = True

        stored = self.store(event, budget, pot_name, amount)
        if event_type == "reversal":
            target.reversed_by = stored.event_id
        if event_type == "reconciliation":
            stored.expected = expected_held(budget, pot_name, event["period_end"], stored)
        for p in budget.pots.values():
            p.assert_non_negative()


def check_no_overflow(budget: Budget, added: int):
    """Every other amount of a budget is bounded by its total allocated (all balances stay
    >= 0), so bounding that total bounds every sum and every total."""
    total = sum(p.allocated for p in budget.pots.values())
    if total + added > PENCE_MAX:
        raise Rejection("invalid_field", "the budget's allocated total would overflow")


def budget_target(budget: Budget, event_id: str) -> StoredEvent | None:
    """The accepted event `event_id` if it belongs to this budget."""
    stored = budget.ledger_events.get(event_id)
    return stored if stored is not None and stored.budget == budget.budget_id else None


def held_delta(stored: StoredEvent, pot_name: str) -> int:
    """How an event (not a reversal) moves `held` of the pot."""
    if stored.pot != pot_name or stored.amount is None:
        return 0
    if stored.type in ("third_party_transfer", "direct_payment_transfer"):
        return stored.amount
    if stored.type in ("payment", "recovery"):
        return -stored.amount
    return 0


def expected_held(budget: Budget, pot_name: str, period_end: str, current: StoredEvent) -> int:
    """held over the budget's events recorded before `current` with date <= period_end."""
    by_id = {}
    held = 0
    for stored in budget.events:
        if stored is current:
            break
        by_id[stored.event_id] = stored
        if stored.date > period_end:
            continue
        if stored.type == "reversal":
            target = by_id[stored.fields["reverses"]]
            if target.date <= period_end:
                held -= held_delta(target, pot_name)
        else:
            held += held_delta(stored, pot_name)
    return held


# ----------------------------------------------------------------------------------------
# Reading and posting files

def read_lines(path: str):
    """Yields (line number, parsed object or None when malformed) for non-blank lines."""
    with open(path, "rb") as handle:
        data = handle.read()
    pieces = data.split(b"\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    for number, raw in enumerate(pieces, start=1):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if raw.strip(b" \t\r") == b"":
            continue
        yield number, parse_json_object(raw)


def parse_json_object(raw: bytes):
    def no_constants(name):
        raise ValueError(f"non-standard constant {name}")

    def no_duplicate_keys(pairs):
        result = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate key {key}")
            result[key] = value
        return result

    try:
        text = raw.decode("utf-8")
        value = json.loads(text, parse_constant=no_constants,
                           object_pairs_hook=no_duplicate_keys)
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def post_file(ledger: Ledger, path: str, partial: bool):
    """Posts one file onto `ledger`. Returns (ledger after the post, result rows, summary)."""
    working = copy.deepcopy(ledger)
    rows = []
    for number, event in read_lines(path):
        event_id = event.get("id") if isinstance(event, dict) else None
        row = {"line": number, "id": event_id if isinstance(event_id, str) else None}
        if event is None:
            row.update(status="rejected", code="malformed_json")
            rows.append(row)
            continue
        try:
            status = working.check(event)
        except Rejection as rejection:
            row.update(status="rejected", code=rejection.code)
            rows.append(row)
            continue
        row["status"] = status
        if status == "accepted":
            row["seq"] = working.seq
        rows.append(row)
    accepted = sum(1 for r in rows if r["status"] == "accepted")
    duplicates = sum(1 for r in rows if r["status"] == "duplicate")
    rejected = sum(1 for r in rows if r["status"] == "rejected")
    if rejected and not partial:
        for r in rows:
            r.pop("seq", None)
        written = 0
        result_ledger = ledger
    else:
        written = accepted
        result_ledger = working
    summary = {"accepted": accepted, "duplicates": duplicates, "rejected": rejected,
               "written": written}
    return result_ledger, rows, summary


# ----------------------------------------------------------------------------------------
# Reports

def balance_object(budget: Budget) -> dict:
    totals = {"allocated": 0, "committed": 0, "spent": 0, "recovered": 0, "remaining": 0}
    pots = {}
    latest = {}
    for stored in budget.events:
        if stored.type == "reconciliation":
            current = latest.get(stored.pot)
            if current is None or stored.fields["period_end"] >= current.fields["period_end"]:
                latest[stored.pot] = stored
    for name in budget.pot_names:
        pot = budget.pots[name]
        totals["allocated"] += pot.allocated
        totals["committed"] += pot.committed
        totals["spent"] += pot.spent
        totals["recovered"] += pot.recovered
        totals["remaining"] += pot.remaining
        if name == "notional":
            pots[name] = {
                "allocated": format_pence(pot.allocated),
                "committed": format_pence(pot.committed),
                "spent": format_pence(pot.spent),
                "available": format_pence(pot.available),
                "remaining": format_pence(pot.remaining),
                "open_commitments": sum(1 for c in budget.commitments.values() if c.open > 0),
            }
            continue
        reconciliation = latest.get(name)
        cutoff = reconciliation.fields["period_end"] if reconciliation else None
        count, amount = 0, 0
        for stored in budget.events:
            if stored.type == "payment" and stored.pot == name and stored.reversed_by is None \
                    and (cutoff is None or stored.date > cutoff):
                count += 1
                amount += stored.amount
        last = None
        if reconciliation is not None:
            statement = parse_pence(reconciliation.fields["statement_balance"])
            variance = statement - reconciliation.expected
            last = {
                "period_end": reconciliation.fields["period_end"],
                "expected": format_pence(reconciliation.expected),
                "statement_balance": format_pence(statement),
                "variance": format_pence(variance),
                "status": "balanced" if variance == 0 else "discrepancy",
            }
        pots[name] = {
            "allocated": format_pence(pot.allocated),
            "transferred": format_pence(pot.transferred),
            "spent": format_pence(pot.spent),
            "recovered": format_pence(pot.recovered),
            "held": format_pence(pot.held),
            "available": format_pence(pot.available),
            "remaining": format_pence(pot.remaining),
            "unreconciled": {"count": count, "amount": format_pence(amount)},
            "last_reconciliation": last,
        }
    return {
        "budget": budget.budget_id,
        "holding_model": budget.holding_model,
        "status": "closed" if budget.closed else "open",
        "person": budget.person,
        "version": budget.version,
        "totals": {k: format_pence(v) for k, v in totals.items()},
        "pots": pots,
    }


def dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def balances_lines(ledger: Ledger) -> list[str]:
    ordered = sorted(ledger.budgets.values(), key=lambda b: b.budget_id.encode("utf-8"))
    return [dumps(balance_object(b)) for b in ordered]


def post_files(paths, partial):
    """Posts every file in order; returns (ledger, rows and summary of each file)."""
    ledger = Ledger()
    results = []
    for path in paths:
        ledger, rows, summary = post_file(ledger, path, partial)
        results.append((path, rows, summary))
    return ledger, results


def main(argv):
    usage = "usage: model.py balances|post [--partial] FILE.jsonl [FILE.jsonl ...]"
    if len(argv) < 2 or argv[0] not in ("balances", "post"):
        print(usage, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    partial = "--partial" in rest
    paths = [a for a in rest if a != "--partial"]
    if not paths:
        print(usage, file=sys.stderr)
        return 2
    ledger, results = post_files(paths, partial)
    out = sys.stdout
    if command == "balances":
        for path, rows, summary in results:
            if summary["rejected"]:
                print(f"model.py: {path}: {summary['rejected']} rejected", file=sys.stderr)
        for line in balances_lines(ledger):
            out.write(line + "\n")
        return 0
    for path, rows, summary in results[:-1]:
        if summary["rejected"]:
            print(f"model.py: {path}: {summary['rejected']} rejected", file=sys.stderr)
    _, rows, summary = results[-1]
    for row in rows:
        out.write(dumps(row) + "\n")
    out.write(dumps(summary) + "\n")
    return 3 if summary["rejected"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
