#!/usr/bin/env python3
"""Independent reference model of `budget-ledger reconcile --json` (SPEC.md section 7).

Python 3.11, standard library only, written from the SPEC and the README's decisions, not
from the Swift engine: the CSV is read with Python's `csv` module, the ledger is `model.py`.
Money is integer pence; no float ever holds an amount.

Usage
    python3 Fixtures/tools/reconcile_model.py LEDGER.jsonl [MORE.jsonl ...] -- \\
        BUDGET POT STATEMENT.csv PERIOD_END [PERIOD_START] [--surplus-weeks W]

Prints the `reconcile --json` object, or for a malformed statement `line N: KIND` on stderr
and exits 3.

Decisions it shares with the engine (README, "Reconciliation: where SPEC 7 is silent"):
  * Line numbers are physical lines, the header is line 1; a record is named by the line it
    starts on, so a quoted field spanning lines pushes the next record's number down.
  * Header names are compared without case and surrounding spaces; a required name twice
    is an error. Records that are empty or only commas/spaces are skipped.
  * Cells are trimmed. Dates are YYYY-MM-DD; amounts and balances a signed decimal with at
    most 10 digits before the point and 2 after; an empty balance cell is no balance.
  * References compare without case and surrounding spaces.
  * The default period start counts only reconciliations whose period_end is before
    PERIOD_END; the opening balance (no balance column) is the statement_balance of the
    latest reconciliation ending before the period start.
  * A balance column with no filled cell in the period falls back to opening + sum.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import sys

import model

AMOUNT = re.compile(r"[+-]?[0-9]{1,10}(\.[0-9]{1,2})?")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TOLERANCE_DAYS = 5
MOVEMENT_TYPES = ("payment", "recovery", "third_party_transfer", "direct_payment_transfer")
INFLOW_TYPES = ("third_party_transfer", "direct_payment_transfer")


class Malformed(Exception):
    def __init__(self, line: int, kind: str):
        super().__init__(f"line {line}: {kind}")
        self.line = line
        self.kind = kind


def signed_pence(text: str) -> int | None:
    text = text.strip()
    if not AMOUNT.fullmatch(text):
        return None
    sign = -1 if text.startswith("-") else 1
    whole, _, fraction = text.lstrip("+-").partition(".")
    return sign * (int(whole) * 100 + int(fraction.ljust(2, "0") or "0"))


def parse_date(text: str) -> datetime.date | None:
    text = text.strip()
    if not DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def records(text: str):
    """(start line, fields) for each non-blank record, with physical line numbers."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    result = []
    while True:
        start = previous_end + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            kind = "unterminated_quote" if "unexpected end of data" in str(error) else "character_after_quote"
            raise Malformed(start if kind == "unterminated_quote" else reader.line_num, kind)
        previous_end = reader.line_num
        if all(not field.strip() for field in fields):
            continue
        result.append((start, fields))
    return result


def parse_statement(text: str):
    rows = records(text)
    if not rows:
        raise Malformed(1, "missing_column")
    header_line, header = rows[0]
    names = [name.strip().lower() for name in header]
    columns = {}
    for index, name in enumerate(names):
        if name in ("date", "description", "amount", "reference", "balance"):
            if name in columns:
                raise Malformed(header_line, "duplicate_column")
            columns[name] = index
    for name in ("date", "description", "amount"):
        if name not in columns:
            raise Malformed(header_line, "missing_column")

    def cell(fields, name):
        index = columns.get(name)
        return fields[index].strip() if index is not None and index < len(fields) else ""

    statement = []
    for line, fields in rows[1:]:
        date = parse_date(cell(fields, "date"))
        if date is None:
            raise Malformed(line, "bad_date")
        amount = signed_pence(cell(fields, "amount"))
        if amount is None:
            raise Malformed(line, "bad_amount")
        balance = None
        if cell(fields, "balance"):
            balance = signed_pence(cell(fields, "balance"))
            if balance is None:
                raise Malformed(line, "bad_balance")
        statement.append({"line": line, "date": date, "amount": amount,
                          "description": cell(fields, "description"),
                          "reference": cell(fields, "reference") or None, "balance": balance})
    return statement, "balance" in columns


def pot_reconciliations(budget: model.Budget, pot: str):
    return [s for s in budget.events if s.type == "reconciliation" and s.pot == pot]


def latest_before(reconciliations, date: str):
    latest = None
    for stored in reconciliations:  # seq order: a later one wins a tie
        if stored.fields["period_end"] < date and (latest is None or stored.fields["period_end"] >= latest.fields["period_end"]):
            latest = stored
    return latest


def weekly_rate(allocated: int, budget_fields: dict) -> int:
    start = datetime.date.fromisoformat(budget_fields["period_start"])
    end = datetime.date.fromisoformat(budget_fields["period_end"])
    days = (end - start).days + 1
    return max(0, allocated) * 7 // days


def reconcile(ledger: model.Ledger, budget_id: str, pot: str, text: str, period_end: str,
              period_start: str | None, weeks: int) -> dict:
    statement, has_balance = parse_statement(text)
    budget = ledger.budgets[budget_id]
    opening_event = budget.events[0].fields
    recorded = pot_reconciliations(budget, pot)
    if period_start is None:
        previous = latest_before(recorded, period_end)
        period_start = (datetime.date.fromisoformat(previous.fields["period_end"]) + datetime.timedelta(days=1)).isoformat() \
            if previous else opening_event["period_start"]
    start, end = datetime.date.fromisoformat(period_start), datetime.date.fromisoformat(period_end)
    rows = [row for row in statement if start <= row["date"] <= end]
    movements = [s for s in budget.events
                 if s.type in MOVEMENT_TYPES and s.pot == pot and s.reversed_by is None
                 and start <= datetime.date.fromisoformat(s.date) <= end]

    candidates = []
    for row in rows:
        for stored in movements:
            shown = stored.amount if stored.type in INFLOW_TYPES else -stored.amount
            days = abs((row["date"] - datetime.date.fromisoformat(stored.date)).days)
            if shown != row["amount"] or days > TOLERANCE_DAYS:
                continue
            reference = stored.fields.get("reference")
            same_reference = bool(row["reference"] and reference
                                  and row["reference"].strip().lower() == reference.strip().lower())
            candidates.append((0 if same_reference else 1, days, row["line"], stored.seq, row, stored))
    candidates.sort(key=lambda c: c[:4])
    rows_taken, seqs_taken, matched = set(), set(), []
    for _, _, line, seq, row, stored in candidates:
        if line in rows_taken or seq in seqs_taken:
            continue
        rows_taken.add(line)
        seqs_taken.add(seq)
        matched.append((line, stored.event_id))

    previous = latest_before(recorded, period_start)
    opening = model.parse_pence(previous.fields["statement_balance"]) if previous else 0
    filled = [row["balance"] for row in rows if row["balance"] is not None]
    closing = filled[-1] if has_balance and filled else opening + sum(row["amount"] for row in rows)
    expected = model.expected_held(budget, pot, period_end, None)
    allocated = budget.pots[pot].allocated
    surplus = max(0, closing - weeks * weekly_rate(allocated, opening_event))
    return {
        "budget": budget_id,
        "pot": pot,
        "period_start": period_start,
        "period_end": period_end,
        "matched": [{"line": line, "id": event_id} for line, event_id in sorted(matched)],
        "statement_only": [{"line": row["line"], "date": row["date"].isoformat(),
                            "amount": model.format_pence(row["amount"]), "description": row["description"]}
                           for row in rows if row["line"] not in rows_taken],
        "ledger_only": [{"id": s.event_id, "type": s.type, "date": s.date, "amount": model.format_pence(s.amount)}
                        for s in movements if s.seq not in seqs_taken],
        "expected": model.format_pence(expected),
        "statement_balance": model.format_pence(closing),
        "variance": model.format_pence(closing - expected),
        "status": "balanced" if closing == expected else "discrepancy",
        "surplus": model.format_pence(surplus),
    }


def main(argv) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    ledger_files, rest = argv[:split], argv[split + 1:]
    weeks = 8
    if "--surplus-weeks" in rest:
        at = rest.index("--surplus-weeks")
        weeks = int(rest[at + 1])
        rest = rest[:at] + rest[at + 2:]
    budget_id, pot, path, period_end = rest[:4]
    period_start = rest[4] if len(rest) > 4 else None
    ledger, _ = model.post_files(ledger_files, False)
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    try:
        result = reconcile(ledger, budget_id, pot, text, period_end, period_start, weeks)
    except Malformed as error:
        print(error, file=sys.stderr)
        return 3
    print(model.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
