"""The runner's judgement of an Odoo test log, without Odoo."""

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
