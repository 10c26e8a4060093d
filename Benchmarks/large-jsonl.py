#!/usr/bin/env python3
"""Writes a JSON Lines file of N valid events over B direct-payment budgets, for measuring the
memory and speed of `budget-ledger post FILE` on files of any size (README, Performance).

    python3 Benchmarks/large-jsonl.py 10000000 /tmp/ten-million.jsonl [budgets=1000]

Each budget is opened, allocated and funded, then paid from (payments of £1.01-£50.99 spread
over the year, well inside the funds), interleaved across budgets as a finance team's daily
postings would be. Every line is accepted on an empty ledger.
"""
import sys


def main() -> None:
    events, path = int(sys.argv[1]), sys.argv[2]
    budgets = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    assert events >= 3 * budgets, "each budget needs its opening, allocation and transfer"
    written = 0
    with open(path, "w", encoding="utf-8", buffering=1 << 22) as out:
        for b in range(budgets):
            budget = f"PHB-{b:06d}"
            out.write(f'{{"id":"{budget}/open","type":"budget_opened","budget":"{budget}","date":"2025-04-01",'
                      f'"person":"P-{b:06d}","holding_model":"direct_payment","period_start":"2025-04-01",'
                      f'"period_end":"2026-03-31"}}\n')
            out.write(f'{{"id":"{budget}/alloc","type":"allocation","budget":"{budget}","date":"2025-04-01",'
                      f'"amount":"99999999"}}\n')
            out.write(f'{{"id":"{budget}/dp","type":"direct_payment_transfer","budget":"{budget}","date":"2025-04-02",'
                      f'"amount":"99999999"}}\n')
            written += 3
        n = 0
        while written < events:
            b = n % budgets
            day = 3 + (n // budgets) % 360
            month, dom = 4 + day // 30, 1 + day % 28
            year = 2025 if month <= 12 else 2026
            month = month if month <= 12 else month - 12
            pounds, pence = 1 + n % 50, 1 + n % 98
            out.write(f'{{"id":"PHB-{b:06d}/pay/{n}","type":"payment","budget":"PHB-{b:06d}",'
                      f'"date":"{year}-{month:02d}-{dom:02d}","payee":"Care agency {n % 37}",'
                      f'"category":"personal_care","amount":"{pounds}.{pence:02d}"}}\n')
            written += 1
            n += 1


if __name__ == "__main__":
    main()
