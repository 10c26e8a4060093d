"""The web pages of `budget-ledger serve` in real headless Chromium (issue 12).

Run by scripts/test after the Swift tests: `python3 -m unittest discover -s Tests/Browser`.
Expected figures come from the command line's own --json outputs of the same ledger, never
from the pages. Screenshots of each page at 1400 px and 360 px go to $BROWSER_SCREENSHOTS
(default .build/browser-screenshots)."""

import json
import os
import re
import unittest
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from ledger_server import FIXTURES, ROOT, LedgerServer

SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS") or os.path.join(ROOT, ".build", "browser-screenshots")
# A statement with matches, rows only on the statement and an event only in the ledger.
STATEMENT = os.path.join(FIXTURES, "statements", "PHB-0004-third_party-2026-03-31.csv")

server = None
driver = None


def setUpModule():
    global server, driver
    server = LedgerServer().start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                     "--lang=en-GB"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    except Exception:
        server.stop()
        raise
    os.makedirs(SCREENSHOTS, exist_ok=True)


def tearDownModule():
    if driver:
        driver.quit()
    if server:
        server.stop()


def amount(text):
    """`1,833.97` as the page shows it → `1833.97` as --json prints it."""
    return text.strip().replace(",", "")


class WebPagesTests(unittest.TestCase):
    # MARK: helpers

    def open(self, path, expect_error_status=None):
        """Loads a page; the console must then hold no error, except the failed load of an
        error page we asked for (a 404 or 401 is logged by Chromium as a failed resource)."""
        driver.get(server.url + path)
        self.assert_console_clean(expect_error_status)

    def submit(self, element, expect_error_status=None):
        """Clicks a button (or submits a field's form) and waits for the next page to load."""
        page = driver.find_element(By.TAG_NAME, "html")
        if element.tag_name in ("button", "a"):
            element.click()
        else:
            element.submit()
        WebDriverWait(driver, 30).until(lambda _: self.is_gone(page))
        WebDriverWait(driver, 30).until(lambda _: driver.execute_script("return document.readyState") == "complete")
        self.assert_console_clean(expect_error_status)

    @staticmethod
    def is_gone(element):
        """Whether the page `element` belonged to has been replaced. Selenium's `staleness_of`
        only counts a StaleElementReferenceException; mid-navigation, Chromium can also answer
        "Node with given id does not belong to the document", which says the same thing."""
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise

    def assert_console_clean(self, expect_error_status=None):
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        if expect_error_status:
            errors = [entry for entry in errors if f"status of {expect_error_status}" not in entry["message"]]
        self.assertEqual(errors, [], "the browser console shows errors")

    def sign_in(self, role):
        driver.delete_all_cookies()
        self.open("/sign-in")
        driver.find_element(By.ID, "token").send_keys(server.tokens[role])
        self.submit(driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button"))
        self.assertTrue(driver.current_url.endswith("/budgets"), driver.current_url)

    def session_cookie(self):
        cookie = driver.get_cookie("ledger_session")
        self.assertIsNotNone(cookie)
        return f"ledger_session={cookie['value']}"

    def csrf_token(self):
        return driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] input[name=csrf]").get_attribute("value")

    def screenshot(self, name):
        for width in (1400, 360):
            driver.set_window_size(width, 900)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(max(height + 140, 600), 6000))
            driver.save_screenshot(os.path.join(SCREENSHOTS, f"{name}-{width}.png"))
        driver.set_window_size(1400, 1000)

    def cells(self, row, field):
        return row.find_element(By.CSS_SELECTOR, f"[data-field='{field}']").text

    # MARK: sign-in

    def test_01_sign_in_with_a_bad_token_is_refused_and_a_good_one_opens_the_budgets(self):
        driver.delete_all_cookies()
        self.open("/")
        self.assertTrue(driver.current_url.endswith("/sign-in"))
        self.assertEqual(driver.find_element(By.ID, "token").get_attribute("type"), "password")
        self.screenshot("sign-in")
        driver.find_element(By.ID, "token").send_keys("0" * 64)
        self.submit(driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button"), expect_error_status=401)
        self.assertIn("There is a problem", driver.find_element(By.CSS_SELECTOR, ".error-summary").text)
        self.assertIsNone(driver.get_cookie("ledger_session"))
        self.sign_in("finance")
        cookie = driver.get_cookie("ledger_session")
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")
        self.assertNotIn(server.tokens["finance"], cookie["value"])
        self.assertNotIn(server.tokens["finance"], driver.page_source)

    def test_02_every_page_sends_the_security_headers(self):
        self.sign_in("finance")
        cookie = self.session_cookie()
        self.assertEqual(server.request("/sign-in")[0], 200)
        for path in ["/budgets", "/budgets/PHB-0008", "/budgets/PHB-0008/audit", "/budgets/PHB-0005/reconcile",
                     "/report", "/budgets/NOPE"]:
            status, headers, body = server.request(path, cookie=cookie)
            self.assertEqual(status, 404 if path == "/budgets/NOPE" else 200, path)
            csp = headers["Content-Security-Policy"]
            self.assertIn("default-src 'none'", csp)
            self.assertNotIn("script-src", csp)
            self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
            self.assertEqual(headers["Referrer-Policy"], "no-referrer")
            self.assertEqual(headers["Cache-Control"], "no-store")
            self.assertNotIn("<script", body)

    # MARK: figures

    def test_03_the_budgets_list_shows_every_budget_with_the_remaining_of_balances_json(self):
        self.sign_in("finance")
        expected = {line["budget"]: line["totals"]["remaining"] for line in server.json_lines("balances")}
        self.open("/budgets")
        rows = driver.find_elements(By.CSS_SELECTOR, "#budgets tbody tr[data-budget]")
        shown = {row.get_attribute("data-budget"): amount(self.cells(row, "remaining")) for row in rows}
        self.assertEqual(shown, expected)
        # Rows needing attention say so in words, not only in colour.
        for row in driver.find_elements(By.CSS_SELECTOR, "#budgets tbody tr.needs-attention"):
            self.assertTrue(row.find_elements(By.CSS_SELECTOR, ".tag-attention"))
        self.screenshot("budgets")
        # The filters: only direct-payment budgets, then a search for one budget.
        self.open("/budgets?holding_model=direct_payment")
        models = {line["budget"] for line in server.json_lines("balances") if line["holding_model"] == "direct_payment"}
        self.assertEqual({row.get_attribute("data-budget") for row in driver.find_elements(By.CSS_SELECTOR, "#budgets tbody tr[data-budget]")}, models)
        self.open("/budgets?q=PHB-0008")
        self.assertEqual([row.get_attribute("data-budget") for row in driver.find_elements(By.CSS_SELECTOR, "#budgets tbody tr[data-budget]")], ["PHB-0008"])
        # Sorting by remaining, largest first, follows the figures of balances --json.
        self.open("/budgets?sort=remaining&order=desc")
        order = [row.get_attribute("data-budget") for row in driver.find_elements(By.CSS_SELECTOR, "#budgets tbody tr[data-budget]")]
        self.assertEqual(order, sorted(expected, key=lambda budget: (-float(expected[budget]), budget)))

    def check_budget_page(self, budget, query=""):
        arguments = ["balance", budget]
        for name, value in urllib.parse.parse_qsl(query):
            arguments += ["--" + name.replace("_", "-"), value]
        expected = server.json_lines(*arguments)[0]
        self.open(f"/budgets/{budget}" + (f"?{query}" if query else ""))
        for pot, figures in expected["pots"].items():
            row = driver.find_element(By.CSS_SELECTOR, f"#balances-table tr[data-pot='{pot}']")
            for field, value in figures.items():
                if isinstance(value, str):
                    self.assertEqual(amount(self.cells(row, field)), value, f"{budget} {pot} {field}")
        total = driver.find_element(By.CSS_SELECTOR, "#balances-table tr[data-pot='total']")
        for field, value in expected["totals"].items():
            self.assertEqual(amount(self.cells(total, field)), value, f"{budget} total {field}")

    def test_04_a_budget_page_shows_the_figures_of_balance_json_in_any_view(self):
        self.sign_in("finance")
        for line in server.json_lines("balances"):
            self.check_budget_page(line["budget"])
        self.check_budget_page("PHB-0008", "as_of_date=2025-09-30")
        self.screenshot("budget")
        # The view form, filled in by keyboard, gives the same page as the URL.
        driver.find_element(By.ID, "as_of_seq").send_keys("400")
        self.submit(driver.find_element(By.ID, "as_of_seq"))
        self.assertIn("as_of_seq=400", driver.current_url)
        self.check_budget_page("PHB-0008", "as_of_date=2025-09-30&as_of_seq=400")

    def test_05_the_audit_page_lists_every_event_and_downloads_the_csv(self):
        self.sign_in("auditor")
        events = server.json_lines("audit", "PHB-0006")
        self.open("/budgets/PHB-0006/audit?per_page=50")
        shown = []
        while True:
            shown += [int(cell.text) for cell in driver.find_elements(By.CSS_SELECTOR, "table tbody tr td:first-child")]
            following = driver.find_elements(By.CSS_SELECTOR, "a[rel=next]")
            if not following:
                break
            self.submit(following[0])
        self.assertEqual(shown, [event["seq"] for event in events])
        self.open("/budgets/PHB-0006/audit")
        self.screenshot("audit")
        cookie = self.session_cookie()
        status, headers, body = server.request("/budgets/PHB-0006/audit.csv", cookie=cookie)
        self.assertEqual(status, 200)
        self.assertEqual(body, server.cli("audit", "PHB-0006", "--csv"))
        self.assertIn("attachment", headers["Content-Disposition"])

    def test_06_the_report_page_shows_the_figures_of_report_json(self):
        self.sign_in("auditor")
        expected = json.loads(server.cli("report", "--from", "2025-04-01", "--to", "2026-03-31", "--json"))
        self.open("/report?from=2025-04-01&to=2026-03-31")
        for pot, totals in expected["pots"].items():
            row = driver.find_element(By.CSS_SELECTOR, f"#pots tr[data-pot='{pot}']")
            for field in ("allocated", "spent", "recovered", "held"):
                if field in totals:
                    self.assertEqual(amount(self.cells(row, field)), totals[field], f"{pot} {field}")
        self.screenshot("report")
        status, _, body = server.request("/report.csv?from=2025-04-01&to=2026-03-31", cookie=self.session_cookie())
        self.assertEqual(status, 200)
        self.assertEqual(body, server.cli("report", "--from", "2025-04-01", "--to", "2026-03-31", "--csv"))

    # MARK: reconciliation

    def upload_statement(self):
        self.open("/budgets/PHB-0004/reconcile")
        driver.find_element(By.CSS_SELECTOR, "#pot option[value='third_party']").click()
        driver.execute_script("arguments[0].value = '2026-03-31'", driver.find_element(By.ID, "period_end"))
        driver.find_element(By.ID, "statement").send_keys(STATEMENT)
        self.submit(driver.find_element(By.ID, "match-statement"))

    def test_07_a_statement_upload_shows_the_matches_of_reconcile_json_and_posting_records_it(self):
        self.sign_in("finance")
        expected = json.loads(server.cli("reconcile", "PHB-0004", "--pot", "third_party", "--statement", STATEMENT,
                                         "--period-end", "2026-03-31", "--json"))
        self.assertTrue(expected["matched"] and expected["statement_only"] and expected["ledger_only"])
        self.upload_statement()
        matched = [(int(row.get_attribute("data-line")), row.get_attribute("data-id"))
                   for row in driver.find_elements(By.CSS_SELECTOR, "#matched tbody tr[data-line]")]
        self.assertEqual(matched, [(pair["line"], pair["id"]) for pair in expected["matched"]])
        self.assertEqual([int(row.get_attribute("data-line")) for row in driver.find_elements(By.CSS_SELECTOR, "#statement-only tbody tr[data-line]")],
                         [row["line"] for row in expected["statement_only"]])
        self.assertEqual([row.get_attribute("data-id") for row in driver.find_elements(By.CSS_SELECTOR, "#ledger-only tbody tr[data-id]")],
                         [event["id"] for event in expected["ledger_only"]])
        summary = driver.find_element(By.ID, "reconciliation-summary")
        for field in ("expected", "statement_balance", "variance", "surplus", "timing"):
            self.assertEqual(amount(self.cells(summary, field)), expected[field], field)
        self.screenshot("reconcile")
        self.submit(driver.find_element(By.ID, "post-reconciliation"))
        seq = int(driver.find_element(By.ID, "posted-seq").text)
        last = server.json_lines("audit", "PHB-0004")[-1]
        self.assertEqual((last["seq"], last["type"], last["id"], last["actor"]),
                         (seq, "reconciliation", "reconciliation:PHB-0004:third_party:2026-03-31", "fin.officer"))
        self.assertEqual(last["matched"], [pair["id"] for pair in expected["matched"]])
        recorded = server.json_lines("balance", "PHB-0004")[0]["pots"]["third_party"]["last_reconciliation"]
        self.assertEqual((recorded["period_end"], recorded["expected"], recorded["statement_balance"], recorded["variance"]),
                         ("2026-03-31", expected["expected"], expected["statement_balance"], expected["variance"]))

    def test_08_an_auditor_sees_no_post_button_and_a_forged_post_is_refused(self):
        self.sign_in("auditor")
        self.upload_statement()
        self.assertTrue(driver.find_elements(By.ID, "matched"))
        self.assertEqual(driver.find_elements(By.ID, "post-reconciliation"), [])
        before = len(server.json_lines("audit", "PHB-0004"))
        form = urllib.parse.urlencode({"csrf": self.csrf_token(), "pending": "0" * 64}).encode()
        status, _, _ = server.request("/budgets/PHB-0004/reconcile/post", data=form, cookie=self.session_cookie(),
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 403)
        self.assertEqual(len(server.json_lines("audit", "PHB-0004")), before)

    def test_09_a_form_without_its_csrf_token_is_refused(self):
        self.sign_in("finance")
        cookie = self.session_cookie()
        for form in [{}, {"csrf": "0" * 64}]:
            status, _, _ = server.request("/sign-out", data=urllib.parse.urlencode(form).encode(), cookie=cookie,
                                          headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(status, 403, form)
            status, _, _ = server.request("/budgets/PHB-0005/reconcile/post", data=urllib.parse.urlencode(dict(form, pending="x")).encode(),
                                          cookie=cookie, headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(status, 403, form)
        # The session still works: nothing above signed it out.
        self.open("/budgets")
        self.assertTrue(driver.current_url.endswith("/budgets"))
        # Signing out with the button ends the session on the server.
        self.submit(driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button"))
        self.assertIn("signed out", driver.find_element(By.TAG_NAME, "h1").text)
        status, headers, _ = server.request("/budgets", cookie=cookie)
        self.assertEqual((status, headers["Location"]), (303, "/sign-in"))

    # MARK: viewers

    def test_10_a_viewer_sees_only_their_budget_and_the_same_404_for_any_other(self):
        self.sign_in("viewer")
        self.open("/budgets")
        self.assertEqual([row.get_attribute("data-budget") for row in driver.find_elements(By.CSS_SELECTOR, "#budgets tbody tr[data-budget]")],
                         ["PHB-0005"])
        self.check_budget_page("PHB-0005")
        cookie = self.session_cookie()
        foreign = server.request("/budgets/PHB-0008", cookie=cookie)
        missing = server.request("/budgets/PHB-9999", cookie=cookie)
        self.assertEqual((foreign[0], missing[0]), (404, 404))
        self.assertEqual(foreign[2], missing[2])
        for path in ["/budgets/PHB-0008/audit", "/budgets/PHB-0008/audit.csv", "/budgets/PHB-0008/reconcile"]:
            self.assertEqual(server.request(path, cookie=cookie)[0], 404, path)
        self.open("/budgets/PHB-0008", expect_error_status=404)
        self.assertIn("Page not found", driver.find_element(By.TAG_NAME, "h1").text)
        self.screenshot("not-found")
        self.assertEqual(server.request("/report", cookie=cookie)[0], 403)


if __name__ == "__main__":
    unittest.main()
