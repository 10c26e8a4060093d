#!/usr/bin/env python3
"""Times the two heaviest web pages of `budget-ledger serve` (issue 12): the budgets list with
500 budgets and an audit page of 5,000 rows. Not a timed test: a measurement, recorded in
Benchmarks/README.md (target: under 200 ms each on the server).

    python3 Benchmarks/web-pages.py [--binary .build/release/budget-ledger] [--runs 20]

It makes a throw-away ledger (500 direct-payment budgets, one of them with 5,000 events), adds
a finance user, starts `serve` on a free loopback port, signs in through the page, requests each
page --runs times, and prints the server's own durations (the access log's `duration_ms`) and
the client's, as median and worst."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def events(budgets, big_events):
    """JSON Lines: `budgets` budgets of a few events each; the first has `big_events` events."""
    lines = []
    for number in range(1, budgets + 1):
        budget = f"WEB-{number:04d}"
        lines.append({"id": f"{budget}/open", "type": "budget_opened", "budget": budget, "date": "2025-04-01",
                      "person": f"P-{number:05d}", "holding_model": "direct_payment",
                      "period_start": "2025-04-01", "period_end": "2026-03-31"})
        lines.append({"id": f"{budget}/alloc", "type": "allocation", "budget": budget, "date": "2025-04-01", "amount": "100000.00"})
        lines.append({"id": f"{budget}/dpt", "type": "direct_payment_transfer", "budget": budget, "date": "2025-04-02",
                      "amount": "50000.00"})
        payments = big_events - 3 if number == 1 else 3
        for index in range(payments):
            day = 3 + index % 360
            date = time.strftime("%Y-%m-%d", time.gmtime(time.mktime((2025, 4, day, 12, 0, 0, 0, 0, 0))))
            lines.append({"id": f"{budget}/pay-{index}", "type": "payment", "budget": budget, "date": date,
                          "payee": "PA J. Okafor", "category": "personal_care", "amount": "1.25",
                          "reference": f"INV-{index}"})
    return "".join(json.dumps(line) + "\n" for line in lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "budget-ledger"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--budgets", type=int, default=500)
    parser.add_argument("--audit-rows", type=int, default=5000)
    arguments = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="budget-ledger-web-bench.")
    environment = dict(os.environ, BUDGET_LEDGER_DIR=os.path.join(directory, "ledger"))
    server = None
    try:
        def cli(*words, stdin=None):
            return subprocess.run([arguments.binary, *words], input=stdin, capture_output=True, check=True, env=environment).stdout

        cli("init")
        cli("post", stdin=events(arguments.budgets, arguments.audit_rows).encode())
        token = json.loads(cli("users", "add", "bench", "--role", "finance", "--json"))["token"]
        server = subprocess.Popen([arguments.binary, "serve", "--port", "0"], env=environment,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        url = server.stdout.readline().decode().strip().removeprefix("listening on ")
        durations = {}

        def read_log():
            for line in server.stderr:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if "duration_ms" in entry:
                    durations.setdefault(entry.get("path"), []).append(entry["duration_ms"])

        threading.Thread(target=read_log, daemon=True).start()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(urllib.request.Request(url + "/sign-in", data=urllib.parse.urlencode({"token": token}).encode()))
            sys.exit("sign-in did not redirect")
        except urllib.error.HTTPError as answer:
            cookie = answer.headers["Set-Cookie"].split(";")[0]
        pages = {"/budgets": "budgets list, %d budgets" % arguments.budgets,
                 f"/budgets/WEB-0001/audit?per_page={arguments.audit_rows}": "audit page, %d rows" % arguments.audit_rows}
        pages["/budgets/WEB-0001"] = "budget page, %d events" % arguments.audit_rows
        # For comparison: the same audit trail as `audit --json` over the API (use case and JSON only).
        pages["/v1/budgets/WEB-0001/audit"] = "API audit JSON, %d rows" % arguments.audit_rows
        client = {}
        for path in pages:
            headers = {"Authorization": f"Bearer {token}"} if path.startswith("/v1/") else {"Cookie": cookie}
            for _ in range(arguments.runs):
                started = time.perf_counter()
                with opener.open(urllib.request.Request(url + path, headers=headers)) as answer:
                    body = answer.read()
                client.setdefault(path, []).append((time.perf_counter() - started) * 1000)
            print(f"{pages[path]}: {len(body):,} bytes")
        time.sleep(0.5)
        print(f"{'page':<28} {'server median':>14} {'server worst':>13} {'client median':>14} {'client worst':>13}   (ms, {arguments.runs} runs)")
        for path, name in pages.items():
            logged = durations.get(path, []) or durations.get(path.split("?")[0], [])
            print(f"{name:<28} {statistics.median(logged) if logged else float('nan'):>14.0f} {max(logged) if logged else float('nan'):>13.0f} "
                  f"{statistics.median(client[path]):>14.1f} {max(client[path]):>13.1f}")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
