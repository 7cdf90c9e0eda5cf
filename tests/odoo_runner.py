"""Run the addons' Odoo test suites on a real Odoo 18 and PostgreSQL.

Finds Odoo (``ODOO_PYTHON``, else a ``python3`` on PATH that imports odoo, else the
documented default locations), makes sure PostgreSQL answers (starting the local
cluster when it is installed but stopped), makes sure the browser tours can run
(Chromium on PATH and ``websocket-client`` in Odoo's Python, installing them when it
may), installs the addons with ``--test-enable`` in a fresh database with a unique
name, reads the log and always drops the database.

The parsing helpers are plain functions so that pytest checks them without Odoo.
"""

import getpass
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ADDONS = ("migrant_integration", "workshops", "rural_itineraries")

# Where the README tells people to put an Odoo 18 virtualenv, then common places.
DEFAULT_ODOO_PYTHONS = (
    "/opt/odoo18/venv/bin/python",
    "/opt/odoo/venv/bin/python",
    "/usr/bin/python3",
)

RESULT_RE = re.compile(
    r"odoo\.tests\.result: (?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) "
    r"of (?P<total>\d+) tests"
)
LOG_RECORD_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} \d+ (?P<level>[A-Z]+) (?P<rest>.*)$"
)

# The executables Odoo's HttpCase looks for (odoo.tests.common._find_executable).
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")

# "INFO db odoo.addons.x.tests.test_y: skipped TestClass.test_method : reason"
SKIP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} \d+ INFO \S+ (?P<logger>\S+): "
    r"skipped (?P<test>\S+) : (?P<reason>.*)$",
    re.MULTILINE,
)
# The reasons HttpCase gives when it cannot drive a browser (odoo/tests/common.py).
BROWSER_SKIP_RE = re.compile(r"chrome|chromium|websocket|devtools|browser", re.IGNORECASE)

PROBE = (
    "import json, os, odoo.release as r; "
    "print(json.dumps({'version': list(r.version_info[:2]), "
    "'root': os.path.dirname(os.path.dirname(r.__file__))}))"
)


class RunnerError(Exception):
    """A problem of the environment, told in one line with how to fix it."""


@dataclass
class OdooInstall:
    python: str
    root: str  # the folder holding the ``odoo`` package
    version: tuple

    @property
    def core_addons(self):
        return os.path.join(self.root, "odoo", "addons")


@dataclass
class SuiteResult:
    failed: int = 0
    errors: int = 0
    total: int = 0
    error_lines: list = field(default_factory=list)
    returncode: int = 0
    log_path: str = ""
    problems: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (test, reason) of every skipped test
    tour_skips: list = field(default_factory=list)  # those skipped for want of a browser
    tours_expected: bool = True  # Chromium and websocket-client were there
    loud_lines: list = field(default_factory=list)  # "!!!!! ... !!!!!" lines of a docker run

    @property
    def passed(self):
        return max(self.total - self.failed - self.errors - len(self.skipped), 0)

    @property
    def failures(self):
        """What the run counts as failed: failures, errors, tours that should have run."""
        count = self.failed + self.errors
        if self.tours_expected:
            count += len(self.tour_skips)
        return count or (1 if self.problems else 0)

    @property
    def ok(self):
        return not self.problems


# --------------------------------------------------------------------------- parsing
def parse_result(log_text):
    """The (failed, errors, total) of the last ``odoo.tests.result`` line, or None."""
    matches = list(RESULT_RE.finditer(log_text))
    if not matches:
        return None
    last = matches[-1]
    return int(last["failed"]), int(last["errors"]), int(last["total"])


def error_lines(log_text):
    """The ERROR and CRITICAL log records of an Odoo log (their first line)."""
    found = []
    for line in log_text.splitlines():
        match = LOG_RECORD_RE.match(line)
        if match and match["level"] in ("ERROR", "CRITICAL"):
            found.append(line)
    return found


def skipped_tests(log_text):
    """The (test, reason) of each test Odoo skipped, in log order."""
    return [(match["test"], match["reason"].strip()) for match in SKIP_RE.finditer(log_text)]


def is_browser_skip(reason):
    """True when Odoo skipped a test because it could not start or drive Chrome."""
    return bool(BROWSER_SKIP_RE.search(reason))


def judge(log_text, returncode, tours_expected=True):
    """Turn an Odoo test log and exit code into a SuiteResult with its problems.

    A browser tour that Odoo skipped (no Chrome, no websocket-client, Chrome not
    answering) is a failure when the browser was supposed to be there
    (``tours_expected``); otherwise it is only listed in ``tour_skips``.
    """
    result = SuiteResult(returncode=returncode, tours_expected=tours_expected)
    counts = parse_result(log_text)
    result.error_lines = error_lines(log_text)
    result.skipped = skipped_tests(log_text)
    result.tour_skips = [skip for skip in result.skipped if is_browser_skip(skip[1])]
    if counts is None:
        result.problems.append("no 'odoo.tests.result' line: the test suites did not run")
    else:
        result.failed, result.errors, result.total = counts
        if result.failed or result.errors:
            result.problems.append(
                f"{result.failed} failed, {result.errors} error(s) of {result.total} tests"
            )
        if result.total == 0:
            result.problems.append("zero tests ran")
        elif result.total <= len(result.skipped):
            result.problems.append(f"zero tests ran: all {result.total} were skipped")
    if result.tour_skips and tours_expected:
        result.problems.append(
            f"{len(result.tour_skips)} browser tour(s) skipped by Odoo although Chromium "
            f"and websocket-client were there ({result.tour_skips[0][1]})"
        )
    if result.error_lines:
        result.problems.append(f"{len(result.error_lines)} ERROR/CRITICAL log line(s)")
    if returncode != 0:
        result.problems.append(f"Odoo exited with code {returncode}")
    return result


# --------------------------------------------------------------------------- finding Odoo
def probe_python(python):
    """Return (version tuple, root) if ``python`` imports odoo, else raise OSError/ValueError."""
    proc = subprocess.run(
        [python, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise ValueError(last)
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return tuple(data["version"]), data["root"]


def _checked(python, origin):
    try:
        version, root = probe_python(python)
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        if origin == "ODOO_PYTHON":
            raise RunnerError(
                f"ODOO_PYTHON={python} cannot import odoo ({exc}). Point ODOO_PYTHON to "
                "the python of a virtualenv where Odoo 18.0 is installed, or unset it."
            ) from exc
        return None
    if version != (18, 0):
        raise RunnerError(
            f"{python} ({origin}) imports Odoo {'.'.join(map(str, version))}, not 18.0. "
            "Set ODOO_PYTHON to the python of an Odoo 18.0 installation."
        )
    return OdooInstall(python=python, root=root, version=version)


def find_odoo(environ=None):
    """The Odoo 18 to test with, None when there is none, RunnerError when it is wrong."""
    environ = os.environ if environ is None else environ
    explicit = environ.get("ODOO_PYTHON")
    if explicit:
        return _checked(explicit, "ODOO_PYTHON")
    on_path = shutil.which("python3", path=environ.get("PATH"))
    candidates = [(on_path, "python3 on PATH")] if on_path else []
    candidates += [(p, "default location") for p in DEFAULT_ODOO_PYTHONS]
    seen = set()
    for python, origin in candidates:
        if not python or not os.path.exists(python):
            continue
        real = os.path.realpath(python)
        if python in seen:
            continue
        seen.add(python)
        seen.add(real)
        install = _checked(python, origin)
        if install:
            return install
    return None


# --------------------------------------------------------------------------- PostgreSQL
@dataclass
class PgSettings:
    host: str
    port: str
    user: str
    password: str

    @property
    def is_local(self):
        return self.host in ("", "localhost", "127.0.0.1", "::1") or self.host.startswith("/")

    @classmethod
    def from_env(cls, environ=None):
        environ = os.environ if environ is None else environ
        user = environ.get("PGUSER") or getpass.getuser()
        if user == "postgres":
            # Odoo refuses to run as the postgres superuser.
            user = "odoo"
        return cls(
            host=environ.get("PGHOST", "localhost"),
            port=environ.get("PGPORT", "5432"),
            user=user,
            password=environ.get("PGPASSWORD", ""),
        )


def _pg_exec(install, pg, sql, dbname="postgres", user=None):
    """Run one SQL statement with psycopg2 from Odoo's python; return (ok, message)."""
    code = (
        "import sys, psycopg2\n"
        "try:\n"
        "    c = psycopg2.connect(host=sys.argv[1], port=sys.argv[2], user=sys.argv[3],"
        " password=sys.argv[4] or None, dbname=sys.argv[5], connect_timeout=5)\n"
        "    c.autocommit = True\n"
        "    if sys.argv[6]:\n"
        "        c.cursor().execute(sys.argv[6])\n"
        "except psycopg2.Error as e:\n"
        "    print(str(e).strip().splitlines()[0] if str(e).strip() else repr(e))\n"
        "    sys.exit(1)\n"
    )
    proc = subprocess.run(
        [install.python, "-c", code, pg.host, pg.port, user or pg.user, pg.password, dbname, sql],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return proc.returncode == 0, (proc.stdout + proc.stderr).strip()


def _port_open(host, port):
    try:
        with socket.create_connection((host or "localhost", int(port)), timeout=2):
            return True
    except OSError:
        return False


def _start_local_cluster(log):
    """Start the installed-but-stopped local PostgreSQL clusters (Debian's tooling)."""
    if not shutil.which("pg_lsclusters"):
        return False
    listing = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    )
    started = False
    for line in listing.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "online":
            log(f"PostgreSQL cluster {parts[0]}/{parts[1]} is {parts[3]}: starting it")
            cmd = ["pg_ctlcluster", "--skip-systemctl-redirect", parts[0], parts[1], "start"]
            subprocess.run(cmd, capture_output=True, text=True, check=False)
            started = True
    return started


def ensure_postgres(install, pg, log=print):
    """Make sure PostgreSQL answers and our role may create databases."""
    if not _port_open(pg.host, pg.port):
        if pg.is_local and _start_local_cluster(log):
            for _ in range(30):
                if _port_open(pg.host, pg.port):
                    break
                time.sleep(1)
        if not _port_open(pg.host, pg.port):
            hint = (
                "start it (Debian: pg_ctlcluster <version> main start) or set PGHOST/PGPORT"
                if pg.is_local
                else "check PGHOST/PGPORT"
            )
            raise RunnerError(f"PostgreSQL does not answer on {pg.host}:{pg.port}: {hint}.")
    ok, message = _pg_exec(install, pg, "")
    if ok:
        return
    if "does not exist" in message and "role" in message and pg.is_local:
        log(f"creating the PostgreSQL role '{pg.user}' (CREATEDB)")
        created, why = _pg_exec(
            install, pg, f'CREATE ROLE "{pg.user}" LOGIN CREATEDB', user="postgres"
        )
        if created:
            return
        message = why
    raise RunnerError(
        f"cannot connect to PostgreSQL on {pg.host}:{pg.port} as '{pg.user}': {message}. "
        "Set PGUSER/PGPASSWORD to a role with CREATEDB (not 'postgres')."
    )


def drop_database(install, pg, dbname):
    ok, message = _pg_exec(install, pg, f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    return ok, message


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- browser tours
@dataclass
class TourSetup:
    """Whether Odoo's browser tours can run, and why not."""

    browser: str = ""  # the Chrome/Chromium executable found on PATH
    websocket: bool = False  # Odoo's python imports websocket (websocket-client)
    missing: list = field(default_factory=list)  # one reason per missing piece

    @property
    def ready(self):
        return bool(self.browser and self.websocket)


def find_browser(path=None):
    """The first Chrome/Chromium executable on PATH that Odoo's HttpCase would use."""
    for name in BROWSERS:
        found = shutil.which(name, path=path)
        if found:
            return found
    return None


def install_plan(found, is_root, has_apt):
    """What to do about a missing test dependency: 'use', 'install' or 'give up'."""
    if found:
        return "use"
    if is_root and has_apt:
        return "install"
    return "give up"


def _is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages):
    """Install Debian packages quietly, non-interactively; return (ok, last output line)."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    base = ["apt-get", "-q", "-y", "-o", "DPkg::Lock::Timeout=600"]
    install = [*base, "install", "--no-install-recommends", *packages]
    proc = subprocess.run(install, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        # Stale or missing package lists (a fresh container): refresh them once.
        subprocess.run([*base, "update"], capture_output=True, text=True, env=env, check=False)
        proc = subprocess.run(install, capture_output=True, text=True, env=env, check=False)
    lines = (proc.stdout + proc.stderr).strip().splitlines() or ["no output"]
    return proc.returncode == 0, lines[-1]


def python_imports(python, module):
    proc = subprocess.run(
        [python, "-c", f"import {module}"], capture_output=True, timeout=120, check=False
    )
    return proc.returncode == 0


def ensure_browser(log=print, path=None, is_root=None, apt_get=None):
    """Chrome/Chromium on PATH, installing Debian's chromium when root; None if impossible."""
    found = find_browser(path)
    is_root = _is_root() if is_root is None else is_root
    apt_get = shutil.which("apt-get", path=path) if apt_get is None else apt_get
    plan = install_plan(found, is_root, bool(apt_get))
    if plan == "use":
        return found
    if plan == "install":
        log(
            "browser tours: no Chrome/Chromium on PATH, installing Debian's 'chromium' "
            "package with apt-get (once, takes a minute or two)"
        )
        ok, last = apt_install(["chromium"])
        found = find_browser(path)
        if ok and found:
            log(f"browser tours: installed {found}")
            return found
        log(f"browser tours: apt-get install chromium failed: {last}")
    return None


def ensure_websocket(install, log=print, is_root=None):
    """Make Odoo's python import websocket (websocket-client, a test-only dependency)."""
    if python_imports(install.python, "websocket"):
        return True
    log(
        f"browser tours: installing websocket-client into Odoo's python ({install.python}) "
        "with pip, the test-only dependency of Odoo's HttpCase"
    )
    proc = subprocess.run(
        [
            install.python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "websocket-client",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode == 0 and python_imports(install.python, "websocket"):
        return True
    lines = (proc.stdout + proc.stderr).strip().splitlines() or ["no output"]
    log(f"browser tours: pip install websocket-client failed: {lines[-1]}")
    is_root = _is_root() if is_root is None else is_root
    if install.python.startswith("/usr/bin/") and is_root and shutil.which("apt-get"):
        # Debian's own python refuses pip (PEP 668): its package is python3-websocket.
        log("browser tours: installing Debian's 'python3-websocket' package with apt-get")
        ok, last = apt_install(["python3-websocket"])
        if ok and python_imports(install.python, "websocket"):
            return True
        log(f"browser tours: apt-get install python3-websocket failed: {last}")
    return False


def prepare_tours(install, log=print):
    """Make sure the browser tours can run; a TourSetup saying what is missing."""
    setup = TourSetup()
    setup.browser = ensure_browser(log) or ""
    if not setup.browser:
        setup.missing.append(
            "no Chrome/Chromium on PATH (install Debian's 'chromium' package, or run "
            "./run-tests as root with apt-get to have it installed)"
        )
    setup.websocket = ensure_websocket(install, log)
    if not setup.websocket:
        setup.missing.append(
            f"{install.python} cannot import websocket (pip install websocket-client)"
        )
    if setup.ready:
        log(f"browser tours: {setup.browser}, websocket-client in Odoo's python")
    return setup


# --------------------------------------------------------------------------- running
def run_suites(install, pg, repo, log=print, addons=ADDONS, test_tags=None, tours_expected=True):
    """Install ``addons`` with their tests in a fresh database; always drop it."""
    dbname = f"mi_test_{os.getpid()}_{int(time.time())}"
    logs_dir = Path(repo) / "test-logs"
    logs_dir.mkdir(exist_ok=True)
    log_path = logs_dir / f"odoo-{dbname}.log"
    data_dir = tempfile.mkdtemp(prefix="odoo-data-")
    cmd = [
        install.python,
        "-m",
        "odoo",
        f"--addons-path={install.core_addons},{Path(repo) / 'addons'}",
        f"--data-dir={data_dir}",
        f"--db_host={pg.host}",
        f"--db_port={pg.port}",
        f"--db_user={pg.user}",
        "-d",
        dbname,
        f"--db-filter=^{dbname}$",
        "-i",
        ",".join(addons),
        "--test-enable",
        "--stop-after-init",
        "--log-level=info",
        f"--http-port={_free_port()}",
        "--max-cron-threads=0",
        "--workers=0",
    ]
    if pg.password:
        cmd.append(f"--db_password={pg.password}")
    # Only our addons' tests: the core modules installed on the way have thousands.
    cmd.append(f"--test-tags={test_tags or ','.join('/' + name for name in addons)}")
    log(
        f"installing {', '.join(addons)} in the fresh database '{dbname}' "
        f"(Odoo at {install.root}; full log: {log_path})"
    )
    interesting = re.compile(
        r" (ERROR|CRITICAL) |odoo\.tests\.result|: (FAIL|ERROR): |"
        r"odoo\.modules\.loading: Modules loaded|odoo\.tests\.stats: |: skipped |"
        r" INFO \S+ odoo\.addons\.(" + "|".join(addons) + r")\.tests\.\S+: Starting "
    )
    proc = None
    previous = signal.getsignal(signal.SIGTERM)

    def _terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    started = time.monotonic()
    try:
        with open(log_path, "w", encoding="utf-8") as out:
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                start_new_session=True,
            )
            for line in proc.stdout:
                out.write(line)
                if interesting.search(line):
                    log("  " + line.rstrip()[:400])
            returncode = proc.wait()
        text = log_path.read_text(encoding="utf-8", errors="replace")
        result = judge(text, returncode, tours_expected=tours_expected)
        result.log_path = str(log_path)
        log(f"Odoo suites took {time.monotonic() - started:.0f} s")
        return result
    finally:
        if proc and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        signal.signal(signal.SIGTERM, previous)
        dropped, message = drop_database(install, pg, dbname)
        if not dropped:
            log(f"WARNING: could not drop the test database '{dbname}': {message}")
        shutil.rmtree(data_dir, ignore_errors=True)


def docker_compose_available():
    """True when a Docker engine answers and the compose plugin is there."""
    if not shutil.which("docker"):
        return False
    checks = (["docker", "compose", "version"], ["docker", "info"])
    for cmd in checks:
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            return False
        if proc.returncode != 0:
            return False
    return True


def run_in_docker(repo, log=print):
    """Run the Odoo suites in the compose ``tests`` service; returns a SuiteResult."""
    log("no local Odoo 18: running the Odoo suites in the docker compose 'tests' service")
    proc = subprocess.run(
        ["docker", "compose", "run", "--rm", "--build", "tests", "--odoo-only"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    output = proc.stdout + proc.stderr
    sys.stdout.write(output)
    result = SuiteResult(returncode=proc.returncode)
    result.loud_lines = re.findall(r"^!!!!! .* !!!!!$", output, re.MULTILINE)
    match = re.search(r"^odoo: (\d+) passed, (\d+) failed", output, re.MULTILINE)
    if match:
        result.total = int(match[1]) + int(match[2])
        result.failed = int(match[2])
    else:
        result.problems.append("the docker 'tests' service printed no Odoo summary")
    if proc.returncode != 0:
        result.problems.append(f"the docker 'tests' service exited with {proc.returncode}")
    return result
