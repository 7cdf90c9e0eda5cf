"""The one-command stack: docker-compose.yml and its Dockerfile, parsed."""

import yaml
from conftest import ADDONS, REPO


def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_postgres_16_and_official_odoo_18():
    services = compose()["services"]
    assert services["db"]["image"] == "postgres:16"
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "FROM odoo:18.0" in dockerfile
    assert "phonenumbers" in dockerfile


def test_odoo_service_answers_on_8069_with_addons_mounted():
    odoo = compose()["services"]["odoo"]
    assert "8069:8069" in odoo["ports"]
    assert "./addons:/mnt/extra-addons" in odoo["volumes"]
    assert odoo["depends_on"]["db"]["condition"] == "service_healthy"
    env = odoo["environment"]
    assert env["HOST"] == "db"
    assert env["USER"] == compose()["services"]["db"]["environment"]["POSTGRES_USER"]


def test_first_start_installs_the_three_addons_with_demo_data():
    command = compose()["services"]["odoo"]["command"]
    assert command[0] == "--", "the official entrypoint must see '--' to add the db options"
    init = next(arg for arg in command if arg.startswith("--init="))
    assert set(init.split("=", 1)[1].split(",")) == set(ADDONS)
    assert not any("without-demo" in arg for arg in command)


def test_tests_service_runs_the_test_command():
    tests = compose()["services"]["tests"]
    assert tests["entrypoint"] == ["./run-tests"]
    assert tests["profiles"] == ["test"], "docker compose up must not start the tests"
    assert tests["environment"]["PGHOST"] == "db"
    assert ".:/mnt/repo" in tests["volumes"]


def test_ci_calls_the_readme_test_command():
    assert "./run-tests" in (REPO / ".ci/run").read_text()
    readme = (REPO / "README.md").read_text()
    assert "./run-tests" in readme
    assert "docker compose up" in readme
