#!/usr/bin/env python3
"""Independent reference model of `budget-ledger reconcile --json` (SPEC.md section 7).

Python 3.11, standard library only, written from the SPEC and the README's decisions, not
from the Swift engine: the CSV is read with Python's `csv` module, the ledger is `model.py`.
Money is integer pence; no float ever holds an amount.

Usage
    python3 Fixtures/tools/reconcile_model.py LEDGER.jsonl [MORE.jsonl ...] -- \\
        BUDGET POT STATEMENT.csv PERIOD_END [PERIOD_START] [--surplus-weeks W] [--format auto|standard|FILE.json]

Prints the `reconcile --json` object, or for a malformed statement `line N: KIND` on stderr
and exits 3.

Decisions it shares with the engine (README, "Reconciliation: where SPEC 7 is silent"):
  * Line numbers are the file's physical lines; a record is named by the line it
    starts on, so a quoted field spanning lines pushes the next record's number down.
  * `standard`: header names are compared without case and surrounding spaces; a required
    name twice is an error. Records that are empty or only commas/spaces are skipped.
  * `auto` (SPEC 7.1): the first of the first 20 physical lines that, split on whichever of
    `,` `;` tab gives most fields (`,` then `;` on a tie), names a date column and an amount
    column or an out/in pair; no description column there is an error on that line; no such
    line is an error on the first non-blank line.
  * A mapping file's unknown key, wrong type, missing role, amount together with an out/in
    key, or unknown date_format is refused before the statement is read.
  * Cells are trimmed. Dates in the six forms of SPEC 7.1 (the first form reading every row);
    amounts and balances as SPEC 7.1's amount cells, at most 10 digits before the point and
    2 after; an empty balance cell is no balance. Out/in: exactly one filled, its magnitude
    out (negative) or in (positive).
  * SPEC 7.2: items cleared by a reconciliation of the pot whose id is not the one this
    statement would post are left out of the period and of the outstanding items.
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

AMOUNT = re.compile(r"[0-9]{1,10}(\.[0-9]{1,2})?")
GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,2})?")
TOLERANCE_DAYS = 5
OUTSTANDING_DAYS = 90
HEADER_SEARCH_LINES = 20
MOVEMENT_TYPES = ("payment", "recovery", "third_party_transfer", "direct_payment_transfer")
INFLOW_TYPES = ("third_party_transfer", "direct_payment_transfer")
MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
MONTHS["sept"] = 9
DATE_FORMS = ("YYYY-MM-DD", "DD/MM/YYYY", "DD-MM-YYYY", "DD Mon YYYY", "DD-Mon-YYYY", "DD-Mon-YY")
DATE_PATTERNS = {
    "YYYY-MM-DD": re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"),
    "DD/MM/YYYY": re.compile(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})"),
    "DD-MM-YYYY": re.compile(r"(?P<d>[0-9]{1,2})-(?P<m>[0-9]{1,2})-(?P<y>[0-9]{4})"),
    "DD Mon YYYY": re.compile(r"(?P<d>[0-9]{1,2}) (?P<mon>[A-Za-z]{3,4}) (?P<y>[0-9]{4})"),
    "DD-Mon-YYYY": re.compile(r"(?P<d>[0-9]{1,2})-(?P<mon>[A-Za-z]{3,4})-(?P<y>[0-9]{4})"),
    "DD-Mon-YY": re.compile(r"(?P<d>[0-9]{1,2})-(?P<mon>[A-Za-z]{3,4})-(?P<yy>[0-9]{2})"),
}
# SPEC 7.1's names for `auto`, each list in order of preference.
AUTO_NAMES = {
    "date": ["date", "transaction date", "posting date", "value date"],
    "description": ["description", "details", "transaction description", "narrative", "merchant", "name",
                    "counter party", "payee"],
    "amount": ["amount", "amount (gbp)", "value"],
    "reference": ["reference", "ref"],
    "balance": ["balance", "running balance", "balance (gbp)"],
}
AUTO_PAIRS = [("paid out", "paid in"), ("money out", "money in"), ("debit", "credit"),
              ("debit amount", "credit amount"), ("withdrawals", "deposits")]
MAPPING_KEYS = {"date", "date_format", "description", "amount", "paid_out", "paid_in", "reference", "balance",
                "skip_lines", "delimiter"}
STANDARD = {"date", "description", "amount", "reference", "balance"}


class Malformed(Exception):
    def __init__(self, line: int, kind: str):
        super().__init__(f"line {line}: {kind}")
        self.line = line
        self.kind = kind


class BadMapping(Exception):
    """A mapping file that cannot be used; the message names the key."""


def signed_pence(text: str) -> int | None:
    """An amount cell (SPEC 7.1): £, thousands separators, a sign, parentheses, DR/CR."""
    text = text.strip()
    negative, marked = False, False
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        text, negative, marked = text[1:-1], True, True
    if text[-2:].upper() in ("DR", "CR"):
        if marked:
            return None
        negative, marked = text[-2:].upper() == "DR", True
        text = text[:-2].strip()
    if text.startswith("£"):
        text = text[1:]
    if text[:1] in ("-", "+"):
        if marked:
            return None
        negative = text[0] == "-"
        text = text[1:]
        if text.startswith("£"):
            text = text[1:]
    if GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not AMOUNT.fullmatch(text):
        return None
    whole, _, fraction = text.partition(".")
    pence = int(whole) * 100 + int(fraction.ljust(2, "0") or "0")
    return -pence if negative else pence


def parse_date(text: str, form: str) -> datetime.date | None:
    match = DATE_PATTERNS[form].fullmatch(text.strip())
    if not match:
        return None
    parts = match.groupdict()
    if "mon" in parts:
        month = MONTHS.get(parts["mon"].lower())
        if month is None:
            return None
    else:
        month = int(parts["m"])
    year = 2000 + int(parts["yy"]) if "yy" in parts else int(parts["y"])
    try:
        return datetime.date(year, month, int(parts["d"]))
    except ValueError:
        return None


def decode(data: bytes) -> str:
    """UTF-8 (a BOM dropped), else Windows-1252; a byte neither defines names its line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise Malformed(physical_line_of(data[:error.start]), "bad_encoding")


def physical_line_of(prefix: bytes) -> int:
    return 1 + len(re.findall(rb"\r\n|\r|\n", prefix))


def physical_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def records(text: str, delimiter: str = ",", first_line: int = 1):
    """(start line, fields) for each non-blank record, with physical line numbers; `text`
    starts at physical line `first_line` of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous_end = first_line - 1
    result = []
    while True:
        start = previous_end + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            kind = "unterminated_quote" if "unexpected end of data" in str(error) else "character_after_quote"
            raise Malformed(start if kind == "unterminated_quote" else first_line - 1 + reader.line_num, kind)
        previous_end = first_line - 1 + reader.line_num
        if all(not field.strip() for field in fields):
            continue
        result.append((start, fields))
    return result


def text_from_line(text: str, line: int) -> str:
    """The text from physical line `line` on (line breaks kept)."""
    pieces = re.split(r"(\r\n|\r|\n)", text)
    return "".join(pieces[2 * (line - 1):])


def comparable(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def load_mapping(raw: bytes) -> dict:
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            raise BadMapping("a key twice")
        return dict(pairs)
    try:
        mapping = json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadMapping(f"not JSON: {error}")
    if not isinstance(mapping, dict):
        raise BadMapping("not an object")
    for key in mapping:
        if key not in MAPPING_KEYS:
            raise BadMapping(f"unknown key {key}")
    for key in ("date", "date_format", "description", "amount", "paid_out", "paid_in", "reference", "balance"):
        if key in mapping and (not isinstance(mapping[key], str) or not mapping[key].strip()):
            raise BadMapping(f"key {key} must be a non-empty string")
    for key in ("date", "description"):
        if key not in mapping:
            raise BadMapping(f"no {key}")
    has_pair = "paid_out" in mapping or "paid_in" in mapping
    if "amount" in mapping and has_pair:
        raise BadMapping("amount and paid_out/paid_in")
    if "amount" not in mapping and not ("paid_out" in mapping and "paid_in" in mapping):
        raise BadMapping("no amount (or one of paid_out/paid_in only)")
    if "date_format" in mapping and mapping["date_format"] not in DATE_FORMS:
        raise BadMapping("unknown date_format")
    skip = mapping.get("skip_lines", 0)
    if isinstance(skip, bool) or not isinstance(skip, int) or not 0 <= skip <= 1000:
        raise BadMapping("skip_lines")
    if mapping.get("delimiter", ",") not in (",", ";", "\t"):
        raise BadMapping("delimiter")
    return mapping


def locate(text: str, format_: str | dict):
    """(records from the header on, header line, columns): columns maps a role to an index,
    `amount` or `paid_out`/`paid_in`."""
    if format_ == "standard":
        rows = records(text)
        if not rows:
            raise Malformed(1, "missing_column")
        header_line, header = rows[0]
        columns = {}
        for index, name in enumerate(header):
            name = name.strip().lower()
            if name in STANDARD:
                if name in columns:
                    raise Malformed(header_line, "duplicate_column")
                columns[name] = index
        if any(name not in columns for name in ("date", "description", "amount")):
            raise Malformed(header_line, "missing_column")
        return rows, columns
    if isinstance(format_, dict):
        skip = format_.get("skip_lines", 0)
        rows = records(text_from_line(text, skip + 1), format_.get("delimiter", ","), skip + 1)
        if not rows:
            raise Malformed(1, "missing_column")
        header_line, header = rows[0]
        names = [name.strip() for name in header]
        columns = {}
        for role in ("date", "description", "amount", "paid_out", "paid_in", "reference", "balance"):
            if role in format_:
                if format_[role].strip() not in names:
                    raise Malformed(header_line, "missing_column")
                columns[role] = names.index(format_[role].strip())
        return rows, columns
    assert format_ == "auto"
    lines = physical_lines(text)[:HEADER_SEARCH_LINES]
    for number, line in enumerate(lines, start=1):
        best = None
        for delimiter in (",", ";", "\t"):
            try:
                fields = next(csv.reader([line], delimiter=delimiter, strict=True), [])
            except csv.Error:
                continue
            if best is None or len(fields) > len(best[1]):
                best = (delimiter, fields)
        if best is None:
            continue
        delimiter, fields = best
        names = [comparable(field) for field in fields]

        def find(candidates):
            for candidate in candidates:
                if comparable(candidate) in names:
                    return names.index(comparable(candidate))
            return None
        columns = {}
        date = find(AUTO_NAMES["date"])
        amount = find(AUTO_NAMES["amount"])
        pair = next(((find([out]), find([into])) for out, into in AUTO_PAIRS
                     if find([out]) is not None and find([into]) is not None), None)
        if date is None or (amount is None and pair is None):
            continue
        columns["date"] = date
        if amount is not None:
            columns["amount"] = amount
        else:
            columns["paid_out"], columns["paid_in"] = pair
        for role in ("description", "reference", "balance"):
            found = find(AUTO_NAMES[role])
            if found is not None:
                columns[role] = found
        if "description" not in columns:
            raise Malformed(number, "missing_column")
        rows = records(text_from_line(text, number), delimiter, number)
        return rows, columns
    first = next((n for n, line in enumerate(lines, start=1) if line.strip()), 1)
    raise Malformed(first, "missing_column")


def parse_statement(text: str, format_: str | dict = "standard"):
    rows, columns = locate(text, format_)
    body = rows[1:]

    def cell(fields, role):
        index = columns.get(role)
        return fields[index].strip() if index is not None and index < len(fields) else ""

    form = format_.get("date_format") if isinstance(format_, dict) else None
    if form is None:
        dates = [cell(fields, "date") for _, fields in body]
        form = next((f for f in DATE_FORMS if all(parse_date(d, f) for d in dates)), None)
        if form is None:
            line = next(line for (line, _), d in zip(body, dates) if parse_date(d, DATE_FORMS[0]) is None)
            raise Malformed(line, "bad_date")
    statement = []
    for line, fields in body:
        date = parse_date(cell(fields, "date"), form)
        if date is None:
            raise Malformed(line, "bad_date")
        if "amount" in columns:
            amount = signed_pence(cell(fields, "amount"))
            if amount is None:
                raise Malformed(line, "bad_amount")
        else:
            out, into = cell(fields, "paid_out"), cell(fields, "paid_in")
            if bool(out) == bool(into):
                raise Malformed(line, "bad_amount")
            value = signed_pence(out or into)
            if value is None:
                raise Malformed(line, "bad_amount")
            amount = -abs(value) if out else abs(value)
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


def default_id(budget_id: str, pot: str, period_end: str) -> str:
    return f"reconciliation:{budget_id}:{pot}:{period_end}"


def cleared_by(reconciliation, stored) -> bool:
    """SPEC 7.2: named in `matched`, or for a reconciliation without that field, dated on or
    before its period_end."""
    if "matched" in reconciliation.fields:
        return stored.event_id in reconciliation.fields["matched"]
    return stored.date <= reconciliation.fields["period_end"]


def greedy(rows, items, allowed_days, taken_rows):
    """One-to-one pairs in SPEC 7's order: equal references, fewest days, lowest line, lowest
    seq. `allowed_days(row_date, item_date)` says whether the dates may pair."""
    candidates = []
    for row in rows:
        if row["line"] in taken_rows:
            continue
        for stored in items:
            shown = stored.amount if stored.type in INFLOW_TYPES else -stored.amount
            item_date = datetime.date.fromisoformat(stored.date)
            if shown != row["amount"] or not allowed_days(row["date"], item_date):
                continue
            reference = stored.fields.get("reference")
            same_reference = bool(row["reference"] and reference and row["reference"].strip()
                                  and row["reference"].strip().lower() == reference.strip().lower())
            candidates.append((0 if same_reference else 1, abs((row["date"] - item_date).days), row["line"], stored.seq, stored))
    candidates.sort(key=lambda c: c[:4])
    seqs, pairs = set(), []
    for _, _, line, seq, stored in candidates:
        if line in taken_rows or seq in seqs:
            continue
        taken_rows.add(line)
        seqs.add(seq)
        pairs.append((line, stored.event_id))
    return pairs, seqs


def reconcile(ledger: model.Ledger, budget_id: str, pot: str, text: str, period_end: str,
              period_start: str | None, weeks: int, format_: str | dict = "auto", event_id: str | None = None) -> dict:
    statement, has_balance = parse_statement(text, format_)
    budget = ledger.budgets[budget_id]
    opening_event = budget.events[0].fields
    recorded = pot_reconciliations(budget, pot)
    if period_start is None:
        previous = latest_before(recorded, period_end)
        period_start = (datetime.date.fromisoformat(previous.fields["period_end"]) + datetime.timedelta(days=1)).isoformat() \
            if previous else opening_event["period_start"]
    start, end = datetime.date.fromisoformat(period_start), datetime.date.fromisoformat(period_end)
    rows = [row for row in statement if start <= row["date"] <= end]
    own_id = event_id or default_id(budget_id, pot, period_end)
    others = [r for r in recorded if r.event_id != own_id]
    candidates = [s for s in budget.events
                  if s.type in MOVEMENT_TYPES and s.pot == pot and s.reversed_by is None
                  and not any(cleared_by(r, s) for r in others)]
    movements = [s for s in candidates if period_start <= s.date <= period_end]
    outstanding = [s for s in candidates if s.date < period_start]

    taken_rows = set()
    matched, seqs = greedy(rows, movements, lambda r, m: abs((r - m).days) <= TOLERANCE_DAYS, taken_rows)
    cleared, cleared_seqs = greedy(rows, outstanding, lambda r, m: 0 <= (r - m).days <= OUTSTANDING_DAYS, taken_rows)
    ledger_only = [s for s in movements if s.seq not in seqs]
    still_outstanding = [s for s in outstanding if s.seq not in cleared_seqs]
    timing = sum(s.amount if s.type in INFLOW_TYPES else -s.amount for s in ledger_only + still_outstanding)

    previous = latest_before(recorded, period_start)
    opening = model.parse_pence(previous.fields["statement_balance"]) if previous else 0
    filled = [row["balance"] for row in rows if row["balance"] is not None]
    closing = filled[-1] if has_balance and filled else opening + sum(row["amount"] for row in rows)
    expected = model.expected_held(budget, pot, period_end, None)
    allocated = budget.pots[pot].allocated
    surplus = max(0, closing - weeks * weekly_rate(allocated, opening_event))

    def ledger_item(s):
        return {"id": s.event_id, "type": s.type, "date": s.date, "amount": model.format_pence(s.amount)}
    return {
        "budget": budget_id,
        "pot": pot,
        "period_start": period_start,
        "period_end": period_end,
        "matched": [{"line": line, "id": event_id} for line, event_id in sorted(matched + cleared)],
        "statement_only": [{"line": row["line"], "date": row["date"].isoformat(),
                            "amount": model.format_pence(row["amount"]), "description": row["description"]}
                           for row in rows if row["line"] not in taken_rows],
        "ledger_only": [ledger_item(s) for s in ledger_only],
        "expected": model.format_pence(expected),
        "statement_balance": model.format_pence(closing),
        "variance": model.format_pence(closing - expected),
        "status": "balanced" if closing == expected else "discrepancy",
        "surplus": model.format_pence(surplus),
        "outstanding": [ledger_item(s) for s in still_outstanding],
        "timing": model.format_pence(timing),
    }


def reconciliation_event(result: dict, event_id: str | None = None) -> dict:
    """The event `reconcile --post` writes (SPEC 7, 7.2): dated period_end, matched in line order."""
    return {"id": event_id or default_id(result["budget"], result["pot"], result["period_end"]),
            "type": "reconciliation", "budget": result["budget"], "date": result["period_end"], "pot": result["pot"],
            "period_end": result["period_end"], "statement_balance": result["statement_balance"],
            "period_start": result["period_start"], "matched": [pair["id"] for pair in result["matched"]]}


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
    format_ = "auto"
    if "--format" in rest:
        at = rest.index("--format")
        format_ = rest[at + 1]
        rest = rest[:at] + rest[at + 2:]
        if format_ not in ("auto", "standard"):
            with open(format_, "rb") as handle:
                try:
                    format_ = load_mapping(handle.read())
                except BadMapping as error:
                    print(f"mapping: {error}", file=sys.stderr)
                    return 3
    budget_id, pot, path, period_end = rest[:4]
    period_start = rest[4] if len(rest) > 4 else None
    ledger, _ = model.post_files(ledger_files, False)
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        result = reconcile(ledger, budget_id, pot, decode(data), period_end, period_start, weeks, format_)
    except Malformed as error:
        print(error, file=sys.stderr)
        return 3
    print(model.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
