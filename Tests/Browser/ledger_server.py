"""A throw-away ledger with the fixture year, three users, and `budget-ledger serve` on a free
loopback port, for the browser tests. Expected figures come from the same binary's --json
outputs of the same ledger (the command line's outputs are tested against the Python models)."""

import json
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Fixtures")


def binary():
    """The built command line: $BUDGET_LEDGER_BIN, else the debug build."""
    path = os.environ.get("BUDGET_LEDGER_BIN") or os.path.join(ROOT, ".build", "debug", "budget-ledger")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{path} is not built: run `swift build` first")
    return path


class LedgerServer:
    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="budget-ledger-browser.")
        self.ledger = os.path.join(self.directory, "ledger")
        self.process = None
        self.tokens = {}

    def cli(self, *arguments, stdin=None):
        result = subprocess.run([binary(), *arguments], input=stdin, capture_output=True, check=False, env=self.environment())
        if result.returncode != 0:
            raise RuntimeError(f"budget-ledger {' '.join(arguments)} exited {result.returncode}: {result.stderr.decode()}")
        return result.stdout.decode()

    def environment(self):
        return dict(os.environ, BUDGET_LEDGER_DIR=self.ledger)

    def json_lines(self, *arguments):
        return [json.loads(line) for line in self.cli(*arguments, "--json").splitlines() if line.strip()]

    def start(self):
        self.cli("init")
        self.cli("post", os.path.join(FIXTURES, "year-2025-26.jsonl"))
        self.cli("post", os.path.join(FIXTURES, "care-plan-2025-26.jsonl"))
        for name, role, budgets in [("fin.officer", "finance", None), ("audit.lead", "auditor", None), ("viewer-0005", "viewer", "PHB-0005")]:
            arguments = ["users", "add", name, "--role", role] + (["--budgets", budgets] if budgets else [])
            self.tokens[role] = self.json_lines(*arguments)[0]["token"]
        self.process = subprocess.Popen([binary(), "serve", "--port", "0"], env=self.environment(),
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        first = self.process.stdout.readline().decode().strip()
        if not first.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"serve did not start: {first!r}")
        self.url = first[len("listening on "):]
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process.stdout.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def request(self, path, data=None, cookie=None, headers=None):
        """(status, headers, body) of a request made without the browser (to forge one)."""
        request = urllib.request.Request(self.url + path, data=data, headers=dict(headers or {}))
        if cookie:
            request.add_header("Cookie", cookie)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()
