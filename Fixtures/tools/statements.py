#!/usr/bin/env python3
"""Writes the bank and card statements of Fixtures/statements/ and their expected
`reconcile --json` outputs, deterministically, from the year file.

    python3 Fixtures/tools/statements.py

Each statement is what the holder's bank (or the ISF provider) would send for a period: the
pot's recorded movements as the bank shows them (card payments settle a day late, descriptions
in the bank's words, references echoed where a payment carried one), plus the story written
below for that file: spending the ledger lacks, lines the bank has not shown yet, twins,
references that decide a match. Malformed files are the PHB-0004 statement with one defect.

Outputs (relative to Fixtures/):
    statements/*.csv                       the statements
    statements/PHB-0005-2026-04-receipts.jsonl
                                           April receipts the person hands in (posted after the year)
    statements/manifest.jsonl              one line per case: the command's arguments, the ledger
                                           files posted first, and the expected output or error
    expected/statements/*.json             `reconcile --json`, computed by reconcile_model.py

The expected outputs come from reconcile_model.py (the independent model). This script then
checks each file tells its story: the rows it added are exactly the statement-only rows, the
movements it left out exactly the ledger-only ones, and the model finds each defect where it
was put.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
FIXTURES = TOOLS.parent
sys.dont_write_bytecode = True  # keep __pycache__ out of Fixtures/
sys.path.insert(0, str(TOOLS))
import model  # noqa: E402
import reconcile_model  # noqa: E402

STATEMENTS = FIXTURES / "statements"
EXPECTED = FIXTURES / "expected" / "statements"
YEAR = "year-2025-26.jsonl"
RECEIPTS = "statements/PHB-0005-2026-04-receipts.jsonl"
INFLOWS = ("third_party_transfer", "direct_payment_transfer")

LEDGER = model.post_files([str(FIXTURES / YEAR)], False)[0]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def movements(budget: str, pot: str, start: str, end: str):
    """The pot's non-reversed movements dated in the period, in seq order."""
    return [s for s in LEDGER.budgets[budget].events
            if s.type in reconcile_model.MOVEMENT_TYPES and s.pot == pot and s.reversed_by is None
            and start <= s.date <= end]


def bank_row(stored, style: str) -> dict:
    """How a bank (style "bank") or an ISF provider's ledger (style "isf") shows a movement."""
    fields = stored.fields
    signed = stored.amount if stored.type in INFLOWS else -stored.amount
    date = day(stored.date)
    reference = fields.get("reference", "")
    if stored.type == "direct_payment_transfer":
        description = "NHS ICB DIRECT PAYMENT"
    elif stored.type == "third_party_transfer":
        description = "Funding received from NHS ICB"
    elif stored.type == "recovery":
        description = "Surplus returned to NHS ICB" if style == "isf" else "BANK TRANSFER TO NHS ICB"
    elif style == "isf":
        description = f"Invoice paid: {fields['payee']}"
    elif fields["category"] in ("transport", "social_activities"):
        description = f"CARD PAYMENT {fields['payee'].upper()}"
        date += dt.timedelta(days=1)  # card payments settle the next day
        reference = ""
    elif fields["payee"].startswith("PA "):
        description = f"FASTER PAYMENT {fields['payee'].upper().replace('.', '')}"
    else:
        description = f"BACS {fields['payee'].upper()}"
    return {"date": date, "description": description, "amount": signed, "reference": reference,
            "source": stored.event_id}


def extra(date: str, description: str, amount: str, reference: str = "") -> dict:
    """A row the ledger has not recorded (its `source` marks it for the story check)."""
    return {"date": day(date), "description": description, "amount": reconcile_model.signed_pence(amount),
            "reference": reference, "source": None}


def in_bank_order(rows):
    return sorted(rows, key=lambda row: row["date"])  # stable: the ledger's order within a day


def money(pence: int) -> str:
    return model.format_pence(pence)


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def write_csv(name: str, header: list, rows: list, opening: int | None = None, end_of_day_balance: bool = False) -> list:
    """Writes rows under `header` (names as the bank spells them, any order). With `opening`,
    a running balance goes in the Balance column: on every row, or only on a day's last row."""
    lines = [",".join(header)]
    balance = opening
    for index, row in enumerate(rows):
        cells = {"date": row["date"].isoformat(), "description": row["description"], "amount": money(row["amount"]),
                 "reference": row.get("reference", ""), "type": "DR" if row["amount"] < 0 else "CR"}
        if opening is not None:
            balance += row["amount"]
            last_of_day = index + 1 == len(rows) or rows[index + 1]["date"] != row["date"]
            cells["balance"] = money(balance) if last_of_day or not end_of_day_balance else ""
        lines.append(",".join(csv_cell(cells[name.strip().lower()]) for name in header))
    (STATEMENTS / name).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return rows


# ------------------------------------------------------------------------------------------
# The statements, each with its story

def phb0004_q4():
    """Northgate ISF Services' statement for PHB-0004's third-party pot, January to March 2026
    (the ledger has no Q4 reconciliation yet, so the period defaults to 2026-01-01).
    Balance column filled on each day's last row; reference column before amount."""
    rows = [bank_row(s, "isf") for s in movements("PHB-0004", "third_party", "2026-01-01", "2026-03-31")]
    # The ISF has not paid Supreme Care's 13 March invoice yet: ledger only.
    rows = [r for r in rows if r["source"] != "PHB-0004/2026-03-13/pay-59"]
    # The recorded invoice SCA-202602-79 (13 Feb) was paid on 16 Feb; on 13 Feb the ISF paid
    # another Supreme Care invoice of the same amount, SCA-202602-80, that the ledger lacks.
    # Only the reference tells which row is the recorded one.
    for row in rows:
        if row["source"] == "PHB-0004/2026-02-13/pay-53":
            row["date"] = day("2026-02-16")
    rows.append(extra("2026-02-13", "Invoice paid: Supreme Care Agency", "-553.54", "SCA-202602-80"))
    for month_end in ("2026-01-31", "2026-02-28", "2026-03-31"):
        rows.append(extra(month_end, "ISF management fee", "-45.00", "FEE-" + month_end[:7]))
    rows.append(extra("2026-04-01", "ISF management fee", "-45.00", "FEE-2026-04"))  # after the period: ignored
    rows = in_bank_order(rows)
    return write_csv("PHB-0004-third_party-2026-03-31.csv", ["Date", "Description", "Reference", "Amount", "Balance"], rows,
                     opening=model.parse_pence("4656.95"), end_of_day_balance=True)


def phb0012_year():
    """Northgate ISF Services' statement for PHB-0012's third-party pot, which has never been
    reconciled: the period defaults to the budget's period_start, 2025-07-01. No balance
    column (closing = 0 + the period's amounts), no reference column, an extra `Type` column
    first, a description with a comma and quotes, and one spanning two lines."""
    rows = [bank_row(s, "isf") for s in movements("PHB-0012", "third_party", "2025-07-01", "2026-03-31")]
    for row in rows:
        if row["source"] == "PHB-0012/2025-07-13/pay-2":
            row["description"] = 'Invoice paid: Supreme Care Agency, "July block"'
        if row["source"] == "PHB-0012/2025-07-15/pay-3":
            row["description"] = "Timesheet paid: PA K. Wilson\nweek ending 2025-07-13"
        # Paid on 2 April, after the period: the row is ignored and the payment is ledger only.
        if row["source"] == "PHB-0012/2026-03-27/pay-81":
            row["date"] = day("2026-04-02")
    # The PA's February timesheet was paid twice, four days apart: the nearer row matches.
    rows.append(extra("2026-02-09", "Timesheet paid: PA K. Wilson", "-255.00"))
    rows = in_bank_order(rows)
    return write_csv("PHB-0012-third_party-2026-03-31.csv", ["Type", "Date", "Amount", "Description"], rows)


def phb0005_q2():
    """The direct payment account of PHB-0005, July to September 2025, asked for again to
    explain the 5.00 variance recorded at the time (the period defaults to 2025-07-01: the
    reconciliation before it ended 2025-06-30). No balance column: closing = the Q1
    statement's 1658.38 + the period's amounts, which is the 2783.84 recorded then.
    The payslip keyed twice in August was reversed: the one bank row matches the other."""
    rows = [bank_row(s, "bank") for s in movements("PHB-0005", "direct_payment", "2025-07-01", "2025-09-30")]
    # The PA paid in a cheque 11 days after the payslip date: too far apart to match, so the
    # same amount is on both sides.
    for row in rows:
        if row["source"] == "PHB-0005/2025-09-13/pay-34":
            row.update(date=day("2025-09-24"), description="CHEQUE 000123", reference="", source=None)
    rows.append(extra("2025-09-30", "ACCOUNT FEE", "-5.00"))
    rows = in_bank_order(rows)
    return write_csv("PHB-0005-direct_payment-2025-09-30.csv", ["date", "description", "amount", "reference"], rows)


APRIL_RECEIPTS = [
    # (day, payee, category, amount, reference) — what the person hands in for April
    ("2026-04-03", "PA M. Byrne", "personal_care", "378.00", "PAYSLIP-202604-21"),
    ("2026-04-07", "Dial-a-Ride", "transport", "14.80", None),
    ("2026-04-09", "Dial-a-Ride", "transport", "14.80", None),
    ("2026-04-10", "Riverside Leisure Centre", "social_activities", "24.00", None),
    ("2026-04-13", "PA J. Okafor", "personal_care", "394.50", "PAYSLIP-202604-58"),
    ("2026-04-22", "Payroll Plus Ltd", "payroll_services", "49.20", "PP-202604-31"),
    ("2026-04-27", "PA J. Okafor", "personal_care", "355.05", "PAYSLIP-202604-77"),
    ("2026-04-29", "Riverside Leisure Centre", "social_activities", "60.00", "CHQ-000124"),
]


def phb0005_april():
    """The direct payment account of PHB-0005 for April 2026, the month after the year end
    (period defaults to 2026-04-01). Balance on every row; the export starts with the last
    March row, which is outside the period. Two Dial-a-Ride fares of the same amount two days
    apart; a card payment nobody has a receipt for; the account fee. The 60.00 cheque to the
    leisure centre has not been paid in yet (ledger only once the receipts are posted)."""
    receipts = []
    for number, (date, payee, category, amount, reference) in enumerate(APRIL_RECEIPTS, start=76):
        event = {"id": f"PHB-0005/{date}/pay-{number}", "type": "payment", "budget": "PHB-0005", "date": date,
                 "payee": payee, "category": category, "amount": amount}
        if reference:
            event["reference"] = reference
        event["actor"] = "finance.officer@icb.nhs.uk"
        receipts.append(event)
    (FIXTURES / RECEIPTS).write_text("".join(model.dumps(e) + "\n" for e in receipts), encoding="utf-8")
    with_receipts = model.post_files([str(FIXTURES / YEAR), str(FIXTURES / RECEIPTS)], False)[0]
    rows = [bank_row(s, "bank") for s in with_receipts.budgets["PHB-0005"].events
            if s.fields.get("reference") != "CHQ-000124" and s.type == "payment" and s.date >= "2026-04-01"]
    march = bank_row(LEDGER.budgets["PHB-0005"].events[-2], "bank")  # pay-75, the last March payment
    assert march["source"] == "PHB-0005/2026-03-27/pay-75"
    rows.append(extra("2026-04-17", "CARD PAYMENT AMAZON MARKETPLACE", "-36.99"))
    rows.append(extra("2026-04-30", "ACCOUNT FEE", "-5.00"))
    rows = [march] + in_bank_order(rows)
    # The March statement closed at 4480.78, which is the balance after its last row.
    return write_csv("PHB-0005-direct_payment-2026-04-30.csv", ["Date", "Description", "Amount", "Balance", "Reference"], rows,
                     opening=model.parse_pence("4480.78") + march["amount"] * -1)


# ------------------------------------------------------------------------------------------
# Statements as other banks and card providers export them (SPEC 7.1)

def write_lines(name: str, lines: list, encoding: str = "utf-8", bom: bool = False) -> None:
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    (STATEMENTS / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def running(rows: list, opening: int) -> list:
    """Each row's balance after it."""
    balances, balance = [], opening
    for row in rows:
        balance += row["amount"]
        balances.append(balance)
    return balances


def uk_date(date: dt.date) -> str:
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def pounds(pence: int) -> str:
    """£1,234.50 (no sign)."""
    return "£" + f"{abs(pence) // 100:,}.{abs(pence) % 100:02d}"


# PHB-0011's ISF paid the PA's March timesheet (pay-109, 159.60, 21 March) by cheque; the PA
# paid it in on 22 April, a month late. It is outstanding after the quarter and clears in April.
LATE_CHEQUE = "PHB-0011/2026-03-21/pay-109"


def split_columns(name: str, rows: list, opening: int) -> list:
    """Brightpath ISF Ltd's bank: `Date,Type,Description,Paid out,Paid in,Balance`, DD/MM/YYYY."""
    lines = ["Date,Type,Description,Paid out,Paid in,Balance"]
    for row, balance in zip(rows, running(rows, opening)):
        out = money(-row["amount"]) if row["amount"] < 0 else ""
        into = money(row["amount"]) if row["amount"] > 0 else ""
        kind = "CHQ" if row["description"].startswith("CHEQUE") else ("BGC" if row["amount"] > 0 else "DEB")
        lines.append(",".join([uk_date(row["date"]), kind, csv_cell(row["description"]), out, into, money(balance)]))
    write_lines(name, lines)
    return rows


def phb0011_q4():
    """Brightpath ISF Ltd's bank statement for PHB-0011's third-party pot, January to March
    2026, with separate Paid out and Paid in columns and DD/MM/YYYY dates (`auto` places it).
    Everything recorded is on it but the cheque for the PA's March timesheet: the variance is
    all timing. The README's quarter-end walk-through."""
    rows = [bank_row(s, "isf") for s in movements("PHB-0011", "third_party", "2026-01-01", "2026-03-31")]
    rows = in_bank_order([r for r in rows if r["source"] != LATE_CHEQUE])
    return split_columns("PHB-0011-third_party-2026-03-31.csv", rows, model.parse_pence("2790.64"))


def phb0011_april(q4_closing: int):
    """The same account in April: the cheque is paid in on 22 April (an outstanding item,
    matched 32 days after its date), and the bank's annual charge."""
    cheque = next(bank_row(s, "isf") for s in LEDGER.budgets["PHB-0011"].events if s.event_id == LATE_CHEQUE)
    cheque.update(date=day("2026-04-22"), description="CHEQUE 000417")
    rows = [extra("2026-04-01", "ACCOUNT CHARGE 2026-27", "-12.00"), cheque]
    return split_columns("PHB-0011-third_party-2026-04-30.csv", rows, q4_closing)


def card_portal(name: str, rows: list, preamble: list) -> list:
    """A prepaid card provider's portal export: a preamble, a blank line, then
    `Transaction Date,Merchant,Debit,Credit,Ref` with DD-Mon-YY dates."""
    lines = preamble + [""] + ["Transaction Date,Merchant,Debit,Credit,Ref"]
    for row in rows:
        debit = money(-row["amount"]) if row["amount"] < 0 else ""
        credit = money(row["amount"]) if row["amount"] > 0 else ""
        lines.append(",".join([row["date"].strftime("%d-%b-%y"), csv_cell(row["description"]), debit, credit, row.get("reference", "")]))
    write_lines(name, lines)
    return rows


PHB0008_APRIL_RECEIPTS = [
    # (day, payee, category, amount, reference)
    ("2026-04-02", "PA J. Okafor", "personal_care", "184.10", "PAYSLIP-202604-11"),
    ("2026-04-09", "Riverside Leisure Centre", "social_activities", "18.50", None),
    ("2026-04-16", "PA M. Byrne", "personal_care", "176.40", "PAYSLIP-202604-40"),
    ("2026-04-20", "Payroll Plus Ltd", "payroll_services", "23.99", "PP-202604-12"),
]
PHB0008_RECEIPTS = "statements/PHB-0008-2026-04-receipts.jsonl"


def phb0008_april():
    """PHB-0008's direct payment prepaid card, April 2026, from the card portal: an account
    preamble before the header (`auto` skips it), Debit/Credit columns, DD-Mon-YY dates. The
    person's receipts are posted; a cinema ticket has none (statement only) and the payroll
    bureau's fee has not been taken yet (ledger only)."""
    receipts = []
    for number, (date, payee, category, amount, reference) in enumerate(PHB0008_APRIL_RECEIPTS, start=90):
        event = {"id": f"PHB-0008/{date}/pay-{number}", "type": "payment", "budget": "PHB-0008", "date": date,
                 "pot": "direct_payment", "payee": payee, "category": category, "amount": amount}
        if reference:
            event["reference"] = reference
        receipts.append(event)
    (FIXTURES / PHB0008_RECEIPTS).write_text("".join(model.dumps(e) + "\n" for e in receipts), encoding="utf-8")
    with_receipts = model.post_files([str(FIXTURES / YEAR), str(FIXTURES / PHB0008_RECEIPTS)], False)[0]
    rows = [bank_row(s, "bank") for s in with_receipts.budgets["PHB-0008"].events
            if s.type == "payment" and s.pot == "direct_payment" and s.date >= "2026-04-01" and s.fields["payee"] != "Payroll Plus Ltd"]
    rows.append(extra("2026-04-25", "ODEON CINEMAS", "-11.40"))
    rows = in_bank_order(rows)
    preamble = ["Prepaid card account statement", "Account name:,PHB-0008 direct payment card", "Card number:,**** **** **** 4417",
                "Statement period:,01-Apr-26 to 30-Apr-26"]
    return card_portal("PHB-0008-direct_payment-2026-04-30-card.csv", rows, preamble)


def phb0009_q4():
    """Brightpath ISF Ltd's statement for PHB-0009's third-party pot, January to March 2026,
    from a bank that writes `DD Mon YYYY` dates, `£` amounts with thousands separators, money
    out in parentheses and a `Running Balance`; exported in Windows-1252 (`£` is byte A3).
    A PA timesheet paid twice (the second is statement only) and the March Brightpath fee
    not yet taken (ledger only)."""
    rows = [bank_row(s, "isf") for s in movements("PHB-0009", "third_party", "2026-01-01", "2026-03-31")]
    rows = [r for r in rows if r["source"] != "PHB-0009/2026-03-22/pay-107"]
    rows.append(extra("2026-02-06", "Timesheet paid: PA D. Mensah", "-199.50"))
    rows = in_bank_order(rows)
    lines = ["Date,Description,Amount,Running Balance"]
    for row, balance in zip(rows, running(rows, model.parse_pence("3079.59"))):
        amount = f"({pounds(row['amount'])})" if row["amount"] < 0 else pounds(row["amount"])
        date = f"{row['date'].day} {row['date'].strftime('%b')} {row['date'].year}"
        lines.append(",".join([date, csv_cell(row["description"]), csv_cell(amount), csv_cell(pounds(balance))]))
    write_lines("PHB-0009-third_party-2026-03-31.csv", lines, encoding="cp1252")
    return rows


PHB0004_MAPPING = {"date": "Txn Date", "date_format": "DD-MM-YYYY", "description": "Memo", "reference": "Our Ref",
                   "amount": "Amt", "balance": "Bal", "skip_lines": 3, "delimiter": ";"}


def phb0004_semicolons():
    """The PHB-0004 Q4 statement again, as Northgate's other bank exports it: three lines of
    preamble, semicolons, DD-MM-YYYY dates, decimal points and a BOM, under names `auto`
    cannot place (`Txn Date;Memo;Our Ref;Amt;Bal`): read with the mapping file beside it.
    Same rows, same matches: only the line numbers move down by the preamble."""
    source = (STATEMENTS / "PHB-0004-third_party-2026-03-31.csv").read_bytes().decode("utf-8").split("\r\n")
    lines = ["Northgate ISF Services - client account", "Sort code 40-11-62;Account 71234567", ""]
    lines.append(";".join(PHB0004_MAPPING[k] for k in ("date", "description", "reference", "amount", "balance")))
    for line in filter(None, source[1:]):
        date, description, reference, amount, balance = line.split(",")
        iso = day(date)
        lines.append(";".join([f"{iso.day:02d}-{iso.month:02d}-{iso.year}", description, reference, amount, balance]))
    write_lines("PHB-0004-third_party-2026-03-31-semicolons.csv", lines, bom=True)
    (STATEMENTS / "PHB-0004-third_party-2026-03-31-semicolons.mapping.json").write_text(
        json.dumps(PHB0004_MAPPING, ensure_ascii=False) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------------------
# Malformed statements: the PHB-0004 statement with one defect each, after a description that
# spans two lines (so the line numbers prove that physical lines are counted).

OTHER_FORMS = "DD/MM/YYYY, DD-MM-YYYY, DD Mon YYYY, DD-Mon-YYYY, DD-Mon-YY"
MALFORMED = [
    # (file, defect, line of the defect, kind, the engine's message, --format)
    ("malformed-bad-date.csv", "bad_date", 6,
     f'date "2026-02-30" is not a date YYYY-MM-DD, and no other form ({OTHER_FORMS}) reads every row', "auto"),
    ("malformed-bad-amount.csv", "bad_amount", 6, 'amount "-£537,16" is not an amount such as -12.50 (money out) or 40.00 (money in)', "auto"),
    # `auto` knows `Details` for the description; SPEC 7's own header does not.
    ("malformed-missing-column.csv", "missing_column", 1,
     'the header has no "description" column; a statement needs date, description and amount', "standard"),
    ("malformed-unterminated-quote.csv", "unterminated_quote", 6, "a quoted field opened on this line is never closed", "auto"),
]

# The split-column PHB-0011 statement with one defect each (SPEC 7.1).
MALFORMED_SPLIT = [
    # (file, line of the defect, kind, the engine's message)
    ("malformed-mixed-dates.csv", 2, "bad_date",
     f'date "01/01/2026" is not a date YYYY-MM-DD, and no other form ({OTHER_FORMS}) reads every row'),
    ("malformed-both-out-and-in.csv", 4, "bad_amount", 'both money out "272.50" and money in "272.50" are filled: a row is one or the other'),
    ("malformed-undefined-byte.csv", 5, "bad_encoding", "the file is neither UTF-8 nor Windows-1252: byte 81 has no meaning in either"),
    ("malformed-no-header.csv", 1, "missing_column",
     'no header in the first 20 lines names a date column and an amount column (or money out and money in); '
     'the first line reads "When,What,How much": name the columns with --format FILE.json'),
]


def malformed_split(name: str, kind: str) -> None:
    lines = (STATEMENTS / "PHB-0011-third_party-2026-03-31.csv").read_bytes().split(b"\r\n")
    if name == "malformed-mixed-dates.csv":
        lines[5] = lines[5].replace(b"07/02/2026", b"2026-02-07")
    elif name == "malformed-both-out-and-in.csv":
        cells = lines[3].split(b",")
        cells[4] = cells[3]
        lines[3] = b",".join(cells)
    elif name == "malformed-undefined-byte.csv":
        lines[4] = lines[4].replace(b"Helping", b"Help\x81ing")
    else:
        lines[0] = b"When,What,How much"
    (STATEMENTS / name).write_bytes(b"\r\n".join(lines))


def malformed(name: str, kind: str) -> None:
    good = (STATEMENTS / "PHB-0004-third_party-2026-03-31.csv").read_bytes().decode("utf-8").split("\r\n")
    header, rows = good[0], good[1:5]
    # Line 2: a description that spans lines 2 and 3.
    rows[0] = rows[0].replace("Funding received from NHS ICB", '"Funding received from NHS ICB\nquarterly transfer"')
    defect = {
        "bad_date": "2026-02-30,Invoice paid: Supreme Care Agency,SCA-202601-71,-537.16,",
        "bad_amount": '2026-01-13,Invoice paid: Supreme Care Agency,SCA-202601-71,"-£537,16",',
        "missing_column": None,
        "unterminated_quote": '2026-01-13,"Invoice paid: Supreme Care Agency,SCA-202601-71,-537.16,',
    }[kind]
    if kind == "missing_column":
        header = header.replace("Description", "Details")
    lines = [header] + rows[:3] + ([defect] if defect else []) + rows[3:]
    (STATEMENTS / name).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


# ------------------------------------------------------------------------------------------

def check_story(name: str, rows: list, result: dict, ledger: model.Ledger, budget: str, pot: str) -> None:
    """The model must find exactly the rows whose event the ledger does not hold (the ones
    this script added, or receipts not posted yet) and the movements left off the statement."""
    start, end = day(result["period_start"]), day(result["period_end"])
    recorded = {s.event_id for s in ledger.budgets[budget].events}
    in_period = [r for r in rows if start <= r["date"] <= end]
    added = sorted(money(r["amount"]) + " " + r["description"] for r in in_period if r["source"] not in recorded)
    found = sorted(row["amount"] + " " + row["description"] for row in result["statement_only"])
    assert added == found, f"{name}: statement-only rows {found} are not the ones added {added}"
    shown = {r["source"] for r in in_period}
    left_out = [s.event_id for s in ledger.budgets[budget].events
                if s.type in reconcile_model.MOVEMENT_TYPES and s.pot == pot and s.reversed_by is None
                and result["period_start"] <= s.date <= result["period_end"] and s.event_id not in shown]
    assert left_out == [row["id"] for row in result["ledger_only"]], f"{name}: ledger-only {result['ledger_only']} != {left_out}"


def reconcile(ledger: model.Ledger, budget: str, pot: str, name: str, period_end: str, format_: str = "auto") -> dict:
    """What the model says `reconcile BUDGET --pot POT --statement NAME --period-end END
    --format FORMAT --json` prints (FORMAT auto, standard or a mapping file under Fixtures/)."""
    text = reconcile_model.decode((STATEMENTS / name).read_bytes())
    if format_ not in ("auto", "standard"):
        format_ = reconcile_model.load_mapping((FIXTURES / format_).read_bytes())
    return reconcile_model.reconcile(ledger, budget, pot, text, period_end, None, 8, format_)


Q4_RECONCILIATION = "statements/PHB-0011-2026-03-31-reconciliation.jsonl"


def main() -> int:
    STATEMENTS.mkdir(exist_ok=True)
    EXPECTED.mkdir(parents=True, exist_ok=True)
    cases = [
        # (rows, file, budget, pot, period_end, ledger files, expected file, --format, story)
        (phb0004_q4(), "PHB-0004-third_party-2026-03-31.csv", "PHB-0004", "third_party", "2026-03-31", [YEAR],
         "PHB-0004-third_party-2026-03-31.json", "auto", "added"),
        (phb0012_year(), "PHB-0012-third_party-2026-03-31.csv", "PHB-0012", "third_party", "2026-03-31", [YEAR],
         "PHB-0012-third_party-2026-03-31.json", "auto", "added"),
        # SPEC 7.2: the quarter was reconciled by PHB-0005/2025-10-14/recon-2 (no `matched`, so it
        # cleared everything dated to 2025-09-30); asked for again, no event is offered.
        (phb0005_q2(), "PHB-0005-direct_payment-2025-09-30.csv", "PHB-0005", "direct_payment", "2025-09-30", [YEAR],
         "PHB-0005-direct_payment-2025-09-30.json", "auto", "cleared elsewhere"),
    ]
    april = phb0005_april()
    cases.append((april, "PHB-0005-direct_payment-2026-04-30.csv", "PHB-0005", "direct_payment", "2026-04-30", [YEAR],
                  "PHB-0005-direct_payment-2026-04-30.before-receipts.json", "auto", "added"))
    cases.append((april, "PHB-0005-direct_payment-2026-04-30.csv", "PHB-0005", "direct_payment", "2026-04-30", [YEAR, RECEIPTS],
                  "PHB-0005-direct_payment-2026-04-30.json", "auto", "added"))
    # The standard reader gives the same result for the files in SPEC 7's own header.
    cases.append((april, "PHB-0005-direct_payment-2026-04-30.csv", "PHB-0005", "direct_payment", "2026-04-30", [YEAR, RECEIPTS],
                  "PHB-0005-direct_payment-2026-04-30.json", "standard", "added"))
    # SPEC 7.1 layouts.
    cases.append((phb0011_q4(), "PHB-0011-third_party-2026-03-31.csv", "PHB-0011", "third_party", "2026-03-31", [YEAR],
                  "PHB-0011-third_party-2026-03-31.json", "auto", "added"))
    cases.append((phb0009_q4(), "PHB-0009-third_party-2026-03-31.csv", "PHB-0009", "third_party", "2026-03-31", [YEAR],
                  "PHB-0009-third_party-2026-03-31.json", "auto", "added"))
    cases.append((phb0008_april(), "PHB-0008-direct_payment-2026-04-30-card.csv", "PHB-0008", "direct_payment", "2026-04-30",
                  [YEAR, PHB0008_RECEIPTS], "PHB-0008-direct_payment-2026-04-30-card.json", "auto", "added"))
    phb0004_semicolons()
    cases.append((None, "PHB-0004-third_party-2026-03-31-semicolons.csv", "PHB-0004", "third_party", "2026-03-31", [YEAR],
                  "PHB-0004-third_party-2026-03-31-semicolons.json",
                  "statements/PHB-0004-third_party-2026-03-31-semicolons.mapping.json", "same as PHB-0004"))
    manifest = []
    results = {}
    for rows, name, budget, pot, period_end, ledger_files, expected_name, format_, story in cases:
        ledger = model.post_files([str(FIXTURES / f) for f in ledger_files], False)[0]
        result = reconcile(ledger, budget, pot, name, period_end, format_)
        if story == "added":
            check_story(name, rows, result, ledger, budget, pot)
        elif story == "cleared elsewhere":
            assert not result["matched"] and not result["ledger_only"] and not result["outstanding"], result
        else:
            original = results["PHB-0004-third_party-2026-03-31.json"]
            moved = lambda pairs: [{**p, "line": p["line"] + 3} for p in pairs]  # noqa: E731 (the preamble)
            assert result == {**original, "matched": moved(original["matched"]),
                              "statement_only": moved(original["statement_only"])}, result
        results[expected_name] = result
        (EXPECTED / expected_name).write_text(model.dumps(result) + "\n", encoding="utf-8")
        case = {"statement": f"statements/{name}", "budget": budget, "pot": pot, "period_end": period_end}
        if format_ != "auto":
            case["format"] = format_
        manifest.append({**case, "ledger": ledger_files, "expected": f"expected/statements/{expected_name}"})
    # The Q2 statement closes at the balance recorded in the ledger when it was reconciled.
    q2 = results["PHB-0005-direct_payment-2025-09-30.json"]
    assert q2["statement_balance"] == "2783.84" and q2["variance"] == "-5.00", q2
    # PHB-0011's quarter: the one difference is the cheque not yet paid in, all of it timing.
    q4 = results["PHB-0011-third_party-2026-03-31.json"]
    assert [row["id"] for row in q4["ledger_only"]] == [LATE_CHEQUE] and not q4["statement_only"], q4
    assert reconcile_model.signed_pence(q4["variance"]) + reconcile_model.signed_pence(q4["timing"]) == 0 != reconcile_model.signed_pence(q4["variance"]), q4
    # Posted (as `reconcile --post` writes it), the cheque stays outstanding and clears in April.
    (FIXTURES / Q4_RECONCILIATION).write_text(model.dumps(reconcile_model.reconciliation_event(q4)) + "\n", encoding="utf-8")
    after_q4 = model.post_files([str(FIXTURES / YEAR), str(FIXTURES / Q4_RECONCILIATION)], False)[0]
    assert after_q4.budgets["PHB-0011"].events[-1].type == "reconciliation", "the Q4 reconciliation is accepted"
    april_rows = phb0011_april(model.parse_pence(q4["statement_balance"]))
    before_post = reconcile(LEDGER, "PHB-0011", "third_party", "PHB-0011-third_party-2026-04-30.csv", "2026-04-30")
    assert before_post["period_start"] == "2026-01-01", "not posted: April is read as part of the open quarter"
    result = reconcile(after_q4, "PHB-0011", "third_party", "PHB-0011-third_party-2026-04-30.csv", "2026-04-30")
    assert result["period_start"] == "2026-04-01" and result["matched"] == [{"line": 3, "id": LATE_CHEQUE}], result
    assert not result["outstanding"] and [row["amount"] for row in result["statement_only"]] == ["-12.00"], result
    assert len(april_rows) == 2
    (EXPECTED / "PHB-0011-third_party-2026-04-30.json").write_text(model.dumps(result) + "\n", encoding="utf-8")
    manifest.append({"statement": "statements/PHB-0011-third_party-2026-04-30.csv", "budget": "PHB-0011", "pot": "third_party",
                     "period_end": "2026-04-30", "ledger": [YEAR, Q4_RECONCILIATION],
                     "expected": "expected/statements/PHB-0011-third_party-2026-04-30.json"})
    for name, kind, line, message, format_ in MALFORMED:
        malformed(name, kind)
        try:
            reconcile(LEDGER, "PHB-0004", "third_party", name, "2026-03-31", format_)
            raise AssertionError(f"{name} is not malformed")
        except reconcile_model.Malformed as error:
            assert (error.line, error.kind) == (line, kind), f"{name}: model found {error}, written for line {line} {kind}"
        case = {"statement": f"statements/{name}", "budget": "PHB-0004", "pot": "third_party", "period_end": "2026-03-31"}
        if format_ != "auto":
            case["format"] = format_
        manifest.append({**case, "ledger": [YEAR], "error": f"line {line}: {message}"})
    for name, line, kind, message in MALFORMED_SPLIT:
        malformed_split(name, kind)
        try:
            reconcile(LEDGER, "PHB-0011", "third_party", name, "2026-03-31")
            raise AssertionError(f"{name} is not malformed")
        except reconcile_model.Malformed as error:
            assert (error.line, error.kind) == (line, kind), f"{name}: model found {error}, written for line {line} {kind}"
        manifest.append({"statement": f"statements/{name}", "budget": "PHB-0011", "pot": "third_party", "period_end": "2026-03-31",
                         "ledger": [YEAR], "error": f"line {line}: {message}"})
    (STATEMENTS / "manifest.jsonl").write_text("".join(model.dumps(m) + "\n" for m in manifest), encoding="utf-8")
    print(f"wrote {len(manifest)} manifest cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
