"""The runner's judgement of an Odoo test log, without Odoo."""

import subprocess

import odoo_runner
import pytest

GREEN = """2026-11-22 11:40:01,123 42 INFO db odoo.modules.loading: Modules loaded.
2026-11-22 11:40:02,123 42 WARNING db odoo.something: a warning
2026-11-22 11:40:03,123 42 INFO db odoo.tests.result: 0 failed, 0 error(s) of 17 tests
"""


def test_green_log():
    result = odoo_runner.judge(GREEN, 0)
    assert result.ok
    assert (result.passed, result.failed, result.errors, result.total) == (17, 0, 0, 17)


def test_failures_are_counted():
    log = GREEN.replace("0 failed, 0 error(s) of 17", "2 failed, 1 error(s) of 17")
    result = odoo_runner.judge(log, 1)
    assert not result.ok
    assert result.passed == 14
    assert any("2 failed" in p for p in result.problems)


def test_zero_tests_is_a_failure():
    result = odoo_runner.judge(GREEN.replace("of 17 tests", "of 0 tests"), 0)
    assert "zero tests ran" in result.problems


def test_missing_result_line_is_a_failure():
    result = odoo_runner.judge("2026-11-22 11:40:01,123 42 INFO db x: y\n", 0)
    assert not result.ok


@pytest.mark.parametrize("level", ["ERROR", "CRITICAL"])
def test_error_log_lines_fail_the_run(level):
    log = GREEN + f"2026-11-22 11:40:04,000 42 {level} db odoo.sql_db: bad query\n  traceback\n"
    result = odoo_runner.judge(log, 0)
    assert not result.ok
    assert result.error_lines == [log.splitlines()[3]]


def test_non_zero_exit_fails_even_when_green():
    assert not odoo_runner.judge(GREEN, 1).ok


def test_last_result_line_wins():
    log = GREEN + GREEN.replace("of 17 tests", "of 20 tests")
    assert odoo_runner.parse_result(log) == (0, 0, 20)


def test_wrong_odoo_python_is_one_clear_error(tmp_path):
    with pytest.raises(odoo_runner.RunnerError, match="cannot import odoo"):
        odoo_runner.find_odoo({"ODOO_PYTHON": str(tmp_path / "nope"), "PATH": ""})


def test_odoo_of_another_version_is_refused(tmp_path):
    fake = tmp_path / "odoo" / "release.py"
    fake.parent.mkdir()
    (fake.parent / "__init__.py").write_text("")
    fake.write_text("version_info = (17, 0, 0, 'final', 0, '')\n")
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\nPYTHONPATH={tmp_path} exec python3 "$@"\n')
    python.chmod(0o755)
    with pytest.raises(odoo_runner.RunnerError, match="imports Odoo 17.0, not 18.0"):
        odoo_runner.find_odoo({"ODOO_PYTHON": str(python), "PATH": ""})


def test_pg_settings_never_use_the_postgres_role():
    pg = odoo_runner.PgSettings.from_env({"PGUSER": "postgres"})
    assert pg.user == "odoo"
    assert pg.is_local
    assert not odoo_runner.PgSettings.from_env({"PGHOST": "db"}).is_local


def test_no_odoo_anywhere_is_found_as_none(monkeypatch, tmp_path):
    monkeypatch.setattr(odoo_runner, "DEFAULT_ODOO_PYTHONS", (str(tmp_path / "missing"),))
    assert odoo_runner.find_odoo({"PATH": str(tmp_path)}) is None


def test_without_odoo_and_docker_the_suites_are_loudly_not_run(monkeypatch, capsys):
    import run_all

    monkeypatch.setattr(odoo_runner, "find_odoo", lambda: None)
    monkeypatch.setattr(odoo_runner, "docker_compose_available", lambda: False)
    tally = run_all.Tally()
    run_all.odoo_suites(tally)
    out = capsys.readouterr().out
    assert "Odoo test suites did NOT run" in out
    assert (tally.passed, tally.failed) == (0, 0)
    assert "odoo: NOT RUN" in tally.notes


def test_an_environment_problem_counts_as_a_failure(monkeypatch, capsys):
    import run_all

    def wrong():
        raise odoo_runner.RunnerError("ODOO_PYTHON=/x cannot import odoo")

    monkeypatch.setattr(odoo_runner, "find_odoo", wrong)
    tally = run_all.Tally()
    run_all.odoo_suites(tally)
    assert "run-tests: ERROR: ODOO_PYTHON=/x cannot import odoo" in capsys.readouterr().out
    assert tally.failed == 1


# --------------------------------------------------------------------------- browser tours
TOUR = "odoo.addons.migrant_integration.tests.test_tours"
NO_CHROME = (
    f"2026-11-22 11:40:02,500 42 INFO db {TOUR}: "
    "skipped TestTours.test_technician_registers_a_person : Chrome executable not found\n"
)
NO_WEBSOCKET = NO_CHROME.replace(
    "Chrome executable not found", "websocket-client module is not installed"
)
OTHER_SKIP = (
    "2026-11-22 11:40:02,600 42 INFO db odoo.addons.workshops.tests.test_x: "
    "skipped TestX.test_pdf : wkhtmltopdf is not installed\n"
)


def with_lines(*lines):
    head, result = GREEN.rsplit("\n", 2)[0], GREEN.splitlines()[-1]
    return head + "\n" + "".join(lines) + result + "\n"


def test_skipped_tests_are_read_from_the_log():
    log = with_lines(NO_CHROME, OTHER_SKIP)
    assert odoo_runner.skipped_tests(log) == [
        ("TestTours.test_technician_registers_a_person", "Chrome executable not found"),
        ("TestX.test_pdf", "wkhtmltopdf is not installed"),
    ]


@pytest.mark.parametrize(
    "reason",
    [
        "Chrome executable not found",
        "websocket-client module is not installed",
        "Failed to detect chrome devtools port after 10.0s.",
        "Error during Chrome headless connection",
        "Cannot connect to chrome dev tools",
        "/usr/bin/chromium not found",
    ],
)
def test_the_reasons_odoo_gives_without_a_browser_are_browser_skips(reason):
    assert odoo_runner.is_browser_skip(reason)


def test_other_skips_are_not_browser_skips():
    assert not odoo_runner.is_browser_skip("wkhtmltopdf is not installed")


@pytest.mark.parametrize("skip", [NO_CHROME, NO_WEBSOCKET])
def test_a_skipped_tour_fails_when_the_browser_was_there(skip):
    result = odoo_runner.judge(with_lines(skip), 0, tours_expected=True)
    assert not result.ok
    assert result.passed == 16
    assert result.failures == 1
    assert any("browser tour(s) skipped" in p for p in result.problems)


def test_a_skipped_tour_is_only_listed_when_there_was_no_browser():
    result = odoo_runner.judge(with_lines(NO_CHROME), 0, tours_expected=False)
    assert result.ok
    assert (result.passed, result.failures) == (16, 0)
    assert [test for test, _ in result.tour_skips] == [
        "TestTours.test_technician_registers_a_person"
    ]


def test_other_skips_are_not_passed_nor_failed():
    result = odoo_runner.judge(with_lines(OTHER_SKIP), 0)
    assert result.ok
    assert (result.passed, result.failures, result.tour_skips) == (16, 0, [])


def test_a_run_where_every_test_was_skipped_ran_zero_tests():
    log = NO_CHROME + GREEN.splitlines()[-1].replace("of 17 tests", "of 1 tests")
    result = odoo_runner.judge(log, 0, tours_expected=False)
    assert not result.ok
    assert result.failures == 1


@pytest.mark.parametrize(
    ("found", "is_root", "has_apt", "plan"),
    [
        ("/usr/bin/chromium", False, False, "use"),
        ("/usr/bin/chromium", True, True, "use"),
        (None, True, True, "install"),
        (None, False, True, "give up"),
        (None, True, False, "give up"),
    ],
)
def test_install_plan(found, is_root, has_apt, plan):
    assert odoo_runner.install_plan(found, is_root, has_apt) == plan


def fake_executable(folder, name):
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


@pytest.mark.parametrize("name", ["chromium", "chromium-browser", "google-chrome"])
def test_the_browser_is_found_on_path(tmp_path, name):
    assert odoo_runner.find_browser(str(tmp_path)) is None
    expected = fake_executable(tmp_path, name)
    assert odoo_runner.find_browser(str(tmp_path)) == expected


def test_a_browser_on_path_is_used_and_nothing_installed(tmp_path, monkeypatch):
    browser = fake_executable(tmp_path, "chromium")
    monkeypatch.setattr(odoo_runner, "apt_install", lambda packages: pytest.fail("installed"))
    assert odoo_runner.ensure_browser(path=str(tmp_path), is_root=True, apt_get="x") == browser


def test_without_root_the_browser_is_not_installed(tmp_path, monkeypatch):
    monkeypatch.setattr(odoo_runner, "apt_install", lambda packages: pytest.fail("installed"))
    assert odoo_runner.ensure_browser(path=str(tmp_path), is_root=False, apt_get="x") is None


def test_as_root_with_apt_debian_chromium_is_installed(tmp_path, monkeypatch):
    asked = []

    def apt_install(packages):
        asked.append(packages)
        fake_executable(tmp_path, "chromium")
        return True, "done"

    monkeypatch.setattr(odoo_runner, "apt_install", apt_install)
    said = []
    found = odoo_runner.ensure_browser(
        log=said.append, path=str(tmp_path), is_root=True, apt_get="/usr/bin/apt-get"
    )
    assert found == str(tmp_path / "chromium")
    assert asked == [["chromium"]]
    assert "installing Debian's 'chromium' package" in said[0]


def test_a_failed_install_gives_no_browser(tmp_path, monkeypatch):
    monkeypatch.setattr(odoo_runner, "apt_install", lambda packages: (False, "E: no space"))
    said = []
    found = odoo_runner.ensure_browser(
        log=said.append, path=str(tmp_path), is_root=True, apt_get="/usr/bin/apt-get"
    )
    assert found is None
    assert "E: no space" in said[-1]


def _local_odoo(monkeypatch, tours, log_text):
    import run_all

    install = odoo_runner.OdooInstall(python="/odoo/python", root="/odoo", version=(18, 0))
    monkeypatch.setattr(odoo_runner, "find_odoo", lambda: install)
    monkeypatch.setattr(odoo_runner, "ensure_postgres", lambda install, pg: None)
    monkeypatch.setattr(odoo_runner, "prepare_tours", lambda install: tours)

    def run_suites(install, pg, repo, test_tags=None, tours_expected=True):
        return odoo_runner.judge(log_text, 0, tours_expected=tours_expected)

    monkeypatch.setattr(odoo_runner, "run_suites", run_suites)
    tally = run_all.Tally()
    run_all.odoo_suites(tally)
    return tally


def test_without_a_browser_the_tours_are_loudly_not_run(monkeypatch, capsys):
    tours = odoo_runner.TourSetup(websocket=True, missing=["no Chrome/Chromium on PATH"])
    tally = _local_odoo(monkeypatch, tours, with_lines(NO_CHROME))
    out = capsys.readouterr().out
    loud = [line for line in out.splitlines() if line.startswith("!!!!!")]
    assert len(loud) == 1
    assert "browser tours will NOT run: no Chrome/Chromium on PATH" in loud[0]
    assert (tally.passed, tally.failed) == (16, 0)
    assert any(n.startswith("!!!!! odoo: 1 browser tour(s) did NOT run") for n in tally.notes)


def test_with_a_browser_a_skipped_tour_is_a_failure(monkeypatch, capsys):
    tours = odoo_runner.TourSetup(browser="/usr/bin/chromium", websocket=True)
    tally = _local_odoo(monkeypatch, tours, with_lines(NO_CHROME))
    assert "will NOT run" not in capsys.readouterr().out
    assert (tally.passed, tally.failed) == (16, 1)
    assert any("did NOT run (counted as failed)" in note for note in tally.notes)


def test_websocket_client_is_installed_with_pip_when_missing(monkeypatch):
    install = odoo_runner.OdooInstall(python="/odoo/python", root="/odoo", version=(18, 0))
    state = {"installed": False}
    commands = []

    def run(cmd, **kwargs):
        commands.append(cmd)
        state["installed"] = True
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(odoo_runner, "python_imports", lambda python, module: state["installed"])
    monkeypatch.setattr(odoo_runner.subprocess, "run", run)
    said = []
    assert odoo_runner.ensure_websocket(install, log=said.append, is_root=False)
    assert commands[0][:4] == ["/odoo/python", "-m", "pip", "install"]
    assert commands[0][-1] == "websocket-client"
    assert "installing websocket-client into Odoo's python" in said[0]


def test_websocket_client_already_there_installs_nothing(monkeypatch):
    install = odoo_runner.OdooInstall(python="/odoo/python", root="/odoo", version=(18, 0))
    monkeypatch.setattr(odoo_runner, "python_imports", lambda python, module: True)
    monkeypatch.setattr(odoo_runner.subprocess, "run", lambda *a, **k: pytest.fail("ran"))
    assert odoo_runner.ensure_websocket(install, log=pytest.fail)
