"""Everything ./run-tests runs: ruff, pylint-odoo, pytest, the Odoo suites.

The last line printed is ``N passed, N failed`` over everything that ran.
"""

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_runner

REPO = Path(__file__).resolve().parent.parent
ADDON_DIRS = [str(REPO / "addons" / name) for name in odoo_runner.ADDONS]


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.notes = []

    def add(self, name, passed, failed, note=""):
        self.passed += passed
        self.failed += failed
        status = "ok" if not failed else "FAILED"
        self.notes.append(f"{name}: {passed} passed, {failed} failed ({status}){note}")


def banner(text):
    print(f"\n===== {text} =====", flush=True)


def run(cmd, **kwargs):
    print("$ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=REPO, check=False, **kwargs).returncode


def lint(tally):
    banner("ruff")
    rc = run([sys.executable, "-m", "ruff", "check", "addons", "tests", "benchmarks", "scripts"])
    rc = rc or run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "addons",
            "tests",
            "benchmarks",
            "scripts",
        ]
    )
    tally.add("ruff", int(rc == 0), int(rc != 0))
    banner("pylint + pylint-odoo (OCA mandatory checks)")
    rc = run([sys.executable, "-m", "pylint", "--rcfile", str(REPO / ".pylintrc"), *ADDON_DIRS])
    tally.add("pylint-odoo", int(rc == 0), int(rc != 0))


def pytest(tally):
    banner("pytest (pure logic and static checks, no database)")
    junit = REPO / "test-logs" / "pytest.xml"
    junit.parent.mkdir(exist_ok=True)
    rc = run([sys.executable, "-m", "pytest", "-q", "tests", f"--junitxml={junit}"])
    passed = failed = 0
    if junit.exists():
        root = ET.parse(junit).getroot()
        for suite in root.iter("testsuite"):
            total = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped = int(suite.get("skipped", 0))
            passed += total - bad - skipped
            failed += bad
    if rc not in (0, 1) and not failed:
        failed = 1  # pytest itself broke (usage error, collection crash, no tests)
    if passed == 0 and failed == 0:
        failed = 1
    tally.add("pytest", passed, failed)


def odoo_suites(tally):
    banner("Odoo 18 test suites (real Odoo, real PostgreSQL)")
    try:
        install = odoo_runner.find_odoo()
        if install is None:
            if odoo_runner.docker_compose_available():
                result = odoo_runner.run_in_docker(REPO)
                tally.add("odoo (docker)", result.passed, result.failures)
                tally.notes.extend(result.loud_lines)
                return
            line = (
                "!!!!! The Odoo test suites did NOT run: no Odoo 18 found (set ODOO_PYTHON "
                "to a python that imports Odoo 18.0, or install one at "
                f"{odoo_runner.DEFAULT_ODOO_PYTHONS[0]}) and no Docker engine with compose. "
                "Only lint and pytest ran. !!!!!"
            )
            print(line, flush=True)
            tally.notes.append("odoo: NOT RUN")
            return
        print(f"Odoo {'.'.join(map(str, install.version))} found: {install.python}")
        pg = odoo_runner.PgSettings.from_env()
        odoo_runner.ensure_postgres(install, pg)
        tours = odoo_runner.prepare_tours(install)
        if not tours.ready:
            print(
                "!!!!! The browser tours will NOT run: "
                + "; ".join(tours.missing)
                + ". Odoo skips them; the other Odoo tests run. !!!!!",
                flush=True,
            )
        result = odoo_runner.run_suites(
            install,
            pg,
            str(REPO),
            test_tags=os.environ.get("ODOO_TEST_TAGS"),
            tours_expected=tours.ready,
        )
    except odoo_runner.RunnerError as exc:
        print(f"run-tests: ERROR: {exc}", flush=True)
        tally.add("odoo", 0, 1, " - environment problem, see above")
        return
    except KeyboardInterrupt:
        print("run-tests: interrupted; the test database was dropped", flush=True)
        tally.add("odoo", 0, 1, " - interrupted")
        raise
    report_suites(tally, result)


def report_suites(tally, result):
    """Print and count the outcome of a local Odoo run."""
    for line in result.error_lines[:40]:
        print("  log: " + line[:300])
    for problem in result.problems:
        print(f"odoo: PROBLEM: {problem}")
    for test, reason in result.skipped:
        print(f"odoo: skipped {test}: {reason}")
    tally.add(
        "odoo",
        result.passed,
        result.failures,
        f" - {result.total} tests; log {result.log_path}",
    )
    if result.tour_skips:
        names = ", ".join(test for test, _reason in result.tour_skips)
        verdict = (
            "counted as failed" if result.tours_expected else "Chromium or websocket-client missing"
        )
        tally.notes.append(
            f"!!!!! odoo: {len(result.tour_skips)} browser tour(s) did NOT run "
            f"({verdict}): {names} !!!!!"
        )
    print(f"odoo: {result.passed} passed, {result.failures} failed", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-odoo", action="store_true", help="skip the Odoo suites")
    parser.add_argument("--odoo-only", action="store_true", help="only the Odoo suites")
    args = parser.parse_args()
    tally = Tally()
    try:
        if not args.odoo_only:
            lint(tally)
            pytest(tally)
        if args.no_odoo:
            print("\n!!!!! --no-odoo: the Odoo test suites did NOT run. !!!!!")
            tally.notes.append("odoo: NOT RUN (--no-odoo)")
        else:
            odoo_suites(tally)
    except KeyboardInterrupt:
        tally.failed += 1
    banner("summary")
    for note in tally.notes:
        print(note)
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
