"""Screenshots of the main screens, for the README, from a running demo database.

Drives headless Chromium (Debian's ``chromium``, the browser of the test tours) over
its DevTools protocol: logs in as a demo user of each role, opens each screen at
1366x768 and saves a PNG in ``docs/screenshots/``. Run it against the demo stack
(``docker compose up``) or any database with the demo data, then commit the images:

    python scripts/screenshots.py --url http://localhost:8069 --db migrant

Needs ``websocket-client`` (``pip install websocket-client``) and ``chromium``.
Demo users log in with the password ``demo``; the screens are listed in SCREENS.
"""

import argparse
import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
WIDTH, HEIGHT = 1366, 768

#: (file name, login, path inside /odoo, a selector that shows the screen is ready)
SCREENS = [
    (
        "checkin.png",
        "pablo.herrera",
        "/odoo/action-workshops.workshop_checkin_action",
        ".o_workshops_checkin .o_checkin_attendee",
    ),
    (
        "statistics.png",
        "daniela.montes",
        "/odoo/action-migrant_integration.migrant_statistics_action",
        ".o_pivot_view .o_pivot_cell_value",
    ),
    (
        "annual-report.png",
        "daniela.montes",
        "/odoo/action-migrant_integration.migrant_annual_report_action",
        ".modal .o_field_widget[name='year']",
    ),
    (
        "person.png",
        "lucia.martin",
        "/odoo/action-migrant_integration.res_partner_action_beneficiary/"
        "{migrant_integration.person_carlos_andres_rojas_demo}",
        ".o_form_view .o_field_widget[name='legal_summary']",
    ),
    (
        "people.png",
        "lucia.martin",
        "/odoo/action-migrant_integration.res_partner_action_beneficiary",
        ".o_list_view .o_data_row",
    ),
    (
        "case.png",
        "lucia.martin",
        "/odoo/action-migrant_integration.migrant_case_action/"
        "{migrant_integration.case_02_demo}",
        ".o_form_view .oe_title",
    ),
    (
        "referral.png",
        "lucia.martin",
        "/odoo/action-migrant_integration.migrant_referral_action/"
        "{migrant_integration.referral_rojas_employment_demo}",
        ".o_form_view .o_statusbar_status",
    ),
    (
        "cases-kanban.png",
        "daniela.montes",
        "/odoo/action-migrant_integration.migrant_case_action",
        ".o_kanban_view .o_kanban_record",
    ),
]


class Browser:
    """A headless Chromium and one tab, driven over the DevTools protocol."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="screenshots-")
        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-port=9333",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                with urllib.request.urlopen("http://127.0.0.1:9333/json", timeout=1) as answer:
                    tabs = json.load(answer)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("Chromium did not start")
        page = next(tab for tab in tabs if tab["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.counter = 0
        self.call("Page.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def goto(self, url):
        self.call("Page.navigate", url=url)

    def wait_for(self, selector, timeout=30):
        deadline = time.monotonic() + timeout
        check = f"!!document.querySelector({json.dumps(selector)})"
        while time.monotonic() < deadline:
            if self.evaluate(check):
                return
            time.sleep(0.3)
        raise RuntimeError(f"{selector} did not appear")

    def screenshot(self, path):
        time.sleep(1.0)  # let the last renders settle
        self.evaluate("document.querySelector('.o_notification_manager')?.replaceChildren()")
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def record_id(browser, xml_id):
    """The database id of a demo record, asked to the server as the logged-in user."""
    module, name = xml_id.split(".")
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": "ir.model.data",
                "method": "check_object_reference",
                "args": [module, name],
                "kwargs": {},
            },
        }
    )
    return browser.evaluate(
        f"""fetch("/web/dataset/call_kw", {{method: "POST",
            headers: {{"Content-Type": "application/json"}}, body: {json.dumps(body)}}})
            .then((answer) => answer.json()).then((data) => data.result[1])"""
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="migrant")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    browser = Browser(args.chromium)
    try:
        current = None
        for filename, login, path, ready in SCREENS:
            if login != current:
                browser.goto(f"{args.url}/web/session/logout")
                time.sleep(1)
                browser.goto(f"{args.url}/web/login?db={args.db}")
                browser.wait_for("input[name='login']")
                browser.evaluate(
                    f"""document.querySelector("input[name='login']").value = {json.dumps(login)};
                    document.querySelector("input[name='password']").value = "demo";
                    document.querySelector("form").submit();"""
                )
                browser.wait_for(".o_main_navbar")
                current = login
            while "{" in path:
                start, end = path.index("{"), path.index("}")
                path = f"{path[:start]}{record_id(browser, path[start + 1 : end])}{path[end + 1 :]}"
            browser.goto(f"{args.url}{path}")
            browser.wait_for(ready)
            if browser.evaluate("!!document.querySelector('.o_notification')"):
                # a server just started tells the first pages its assets changed
                browser.goto(f"{args.url}{path}")
                browser.wait_for(ready)
            target = OUT / filename
            browser.screenshot(target)
            print(f"{target.relative_to(REPO)}  ({login})")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
