"""`./dev bench`: serve Binnenuit the production way and measure how fast its pages are.

The benchmark builds the demo data in its own data folder (never the developer's database),
starts gunicorn with the production profile and the bench settings (`bench.settings`: the
product's settings plus the hello view), logs in as each demo role and hammers every target
page for a fixed time with concurrent keep-alive clients. It prints requests per second and
p50/p95 latency per page, and each page's throughput relative to the trivial hello view, so
a slow page stands out whatever machine runs the benchmark.

`./dev bench --national` does the same on PostgreSQL, in a database of its own, on the
national data set (`bench.national`: 342 organisations, 170,000 employees, 700 trajectories),
and marks each page against the targets (p95 at most 100 ms, ratio to hello at least 0.15).

`./dev bench --coaching` only times module 2's algorithms (`bench.coaching`): no server; the
default run prints them after its table.

To measure a new page, add a `Target` to `TARGETS`. A path may name a link found on the
role's organisation page, such as ``{trajectory}`` or ``{round}`` (see `LINK_PATTERNS`).

This module talks to the server over HTTP with the standard library and runs Django only in
subprocesses (`manage.py`, `python -m bench.build_national`, gunicorn); psycopg is imported only
to create the national benchmark's database.
"""

# ruff: noqa: T201 (a command-line tool: printing the report is its job)

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
HOST = "127.0.0.1"

ANONYMOUS = "anonymous"
# The demo logins (see binnenuit.demo.builder.LOGINS and DEMO_PASSWORD). Copied rather than
# imported so that this process never has to set up Django.
DEMO_PASSWORD = "binnenuit-demo"  # noqa: S105 (the public demo password)
LOGINS = {
    "adviser": "adviseur@binnenuit.example",
    "project leader": "projectleider@voorbeeld.example",
    "manager": "manager@voorbeeld.example",
    "trainer": "trainer@voorbeeld.example",
    "participant": "deelnemer@voorbeeld.example",
}

HELLO_PATH = "/bench/hello/"
WORKER_WARMUP = 3.0  # seconds of untimed hello requests once gunicorn answers
LOGIN_PATH = "/inloggen/"
# Placeholders in a target's path are filled in with the first link matching the pattern on
# this page, as the target's role sees it. Rounds are listed by trajectory and stage, so the
# first round link is round 1 for whoever sees every round, and "their round" for a trainer
# or participant.
DISCOVERY_PATH = "/o/voorbeeld/"
LINK_PATTERNS = {
    "trajectory": re.compile(r"^/o/voorbeeld/trajecten/\d+/$"),
    "round": re.compile(r"^/o/voorbeeld/rondes/\d+/$"),
}

# Past this share of the CPU taken by other processes while measuring, a page's figures are
# reported as disturbed.
OTHER_CPU_LIMIT = 0.10

# The national targets, for every page but the baseline.
TARGET_P95_MS = 100.0
TARGET_RATIO = 0.15

# The national benchmark's own database, on the server the PostgreSQL tests use.
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
NATIONAL_DATABASE = "binnenuit_bench"


@dataclass(frozen=True)
class Target:
    page: str
    role: str  # ANONYMOUS or a key of LOGINS
    path: str  # may hold {placeholders} from LINK_PATTERNS


# The first target is the baseline every other page is compared with.
TARGETS = [
    Target("hello (baseline)", ANONYMOUS, HELLO_PATH),
    Target("login", ANONYMOUS, LOGIN_PATH),
    Target("organisation list", "adviser", "/organisaties/"),
    Target("organisation", "adviser", "/o/voorbeeld/"),
    Target("employees", "adviser", "/o/voorbeeld/medewerkers/"),
    Target("employee search", "adviser", "/o/voorbeeld/medewerkers/?zoek=jan"),
    Target("trajectory", "adviser", "{trajectory}"),
    Target("catalogue", "adviser", "/catalogus/"),
    Target("organisation", "project leader", "/o/voorbeeld/"),
    Target("employees", "project leader", "/o/voorbeeld/medewerkers/"),
    Target("employee search", "project leader", "/o/voorbeeld/medewerkers/?zoek=jan"),
    Target("trajectory", "project leader", "{trajectory}"),
    Target("round 1", "project leader", "{round}"),
    Target("round 1 with search", "project leader", "{round}?zoek=jan"),
    Target("organisation", "manager", "/o/voorbeeld/"),
    Target("trajectory", "manager", "{trajectory}"),
    Target("organisation", "trainer", "/o/voorbeeld/"),
    Target("their round", "trainer", "{round}"),
    Target("organisation", "participant", "/o/voorbeeld/"),
    Target("their round", "participant", "{round}"),
]


class BenchError(Exception):
    """The benchmark could not be set up; the message says why."""


# --- HTTP helpers -------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def cookies(self) -> dict[str, str]:
        """The cookies this response sets, Secure ones included (we speak plain HTTP)."""
        found: dict[str, str] = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            found.update({name: morsel.value for name, morsel in jar.items()})
        return found


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes | None = None,
) -> Response:
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    return Response(resp.status, resp.headers, resp.read())


class PageParser(HTMLParser):
    """Collects link targets and form input values from an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.inputs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag == "input" and values.get("name"):
            self.inputs.setdefault(values["name"] or "", values.get("value") or "")


def parse_page(body: bytes) -> PageParser:
    parser = PageParser()
    parser.feed(body.decode("utf-8", errors="replace"))
    parser.close()
    return parser


# --- Setting up the data and the server ---------------------------------------------------


def server_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """The production environment, free of anything the developer's shell may set.

    Without `database_url` the data lives in SQLite in `data_dir`.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        # DATABASE_URL would point the benchmark at the developer's (or CI's) database.
        if not name.startswith(("DJANGO_", "BINNENUIT_")) and name != "DATABASE_URL"
    }
    paths = [str(ROOT / "src"), str(TOOLS)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(paths),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            # Plain HTTP on localhost: no TLS proxy in front, so no redirect to https.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "BINNENUIT_DATA_DIR": str(data_dir),
            "BINNENUIT_ALLOW_DEMO": "true",  # a throwaway database of its own
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def python(env: dict[str, str], *args: str, what: str, progress: bool = False) -> str:
    """Run our Python (`manage.py …`, `-m bench.build_national …`); returns its output.

    With `progress` its standard error (where it reports progress) goes straight through.
    """
    say(what)
    done = subprocess.run(  # noqa: S603 (our own Python modules, fixed arguments)
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=None if progress else subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode:
        raise BenchError(f"{what} failed ({done.returncode}):\n{done.stdout}{done.stderr or ''}")
    return done.stdout


def manage(env: dict[str, str], *args: str) -> None:
    python(env, "manage.py", *args, what=f"manage.py {' '.join(args)}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass(frozen=True)
class Server:
    port: int
    pid: int  # gunicorn's master process


@contextmanager
def gunicorn(env: dict[str, str], workers: int, log_path: Path) -> Iterator[Server]:
    """Run gunicorn on a free port until the block ends."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "binnenuit.config.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
    ]
    say(f"gunicorn with {workers} workers on http://{HOST}:{port} (log: {log_path})")
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 (gunicorn from our venv, fixed arguments)
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_until_up(process, port, log_path)
        # One worker answers; the others may still be loading Django and would take CPU from
        # the first pages measured. Load them all, untimed, before measuring anything.
        measure(port, HELLO_PATH, {}, concurrency=workers * 2, seconds=WORKER_WARMUP, warmup=1)
        yield Server(port, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn stopped ({process.returncode}):\n{tail(log_path)}")
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            if request(conn, "GET", HELLO_PATH, {}).status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer {HELLO_PATH} within 30 s:\n{tail(log_path)}")


# --- The national data set on PostgreSQL ---------------------------------------------------


@dataclass
class NationalBuild:
    database: str  # the database URL, without a password
    reused: bool
    seconds: float  # creating, migrating, the demo and the bulk load together (0 when reused)
    load_seconds: float  # the bulk load alone (bench.national)
    counts: dict[str, int]


def postgres_server_url() -> str:
    return os.environ.get("BINNENUIT_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL


def with_database(url: str, name: str) -> str:
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


def without_password(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def _connect(url: str) -> Any:
    try:
        import psycopg  # only the national benchmark needs it
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency of Binnenuit
        raise BenchError("psycopg is not installed") from exc
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        raise BenchError(f"PostgreSQL at {without_password(url)}: {exc}") from exc


def recreate_database(server_url: str, name: str) -> None:
    from psycopg import sql

    say(f"dropping and creating database {name} on {without_password(server_url)}")
    with _connect(server_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def existing_counts(server_url: str, name: str) -> dict[str, int] | None:
    """The national data's counts if database `name` holds a finished build, else None."""
    with _connect(server_url) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not found:
        return None
    with _connect(with_database(server_url, name)) as conn:
        table = conn.execute("SELECT to_regclass('bench_national_build')").fetchone()
        if not table or table[0] is None:
            return None
        row = conn.execute("SELECT counts FROM bench_national_build").fetchone()
    return json.loads(row[0]) if row else None


def prepare_national(env: dict[str, str], *, reuse: bool) -> NationalBuild:
    """Build (or, with `reuse`, keep) the national data set; `env` names its database."""
    server_url = postgres_server_url()
    url = env["DATABASE_URL"]
    if reuse:
        counts = existing_counts(server_url, NATIONAL_DATABASE)
        if counts is not None:
            say(f"reusing the national data set in {without_password(url)}")
            manage(env, "migrate", "--noinput", "-v0")
            return NationalBuild(without_password(url), True, 0.0, 0.0, counts)
        say(f"no finished national data set in {NATIONAL_DATABASE}: building it")
    began = time.perf_counter()
    recreate_database(server_url, NATIONAL_DATABASE)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    output = python(
        env, "-m", "bench.build_national", "--json", what="bulk-loading the data set", progress=True
    )
    seconds = time.perf_counter() - began
    report = json.loads(output.strip().splitlines()[-1])
    with _connect(url) as conn:
        conn.execute("CREATE TABLE bench_national_build (counts text NOT NULL)")
        conn.execute("INSERT INTO bench_national_build VALUES (%s)", [json.dumps(report["counts"])])
    say(f"national data set built in {seconds:.0f} s (bulk load {report['seconds']:.0f} s)")
    return NationalBuild(without_password(url), False, seconds, report["seconds"], report["counts"])


# --- Other processes' share of the CPU -----------------------------------------------------


class CpuWatch:
    """How much CPU processes other than the benchmark's took while it measured (Linux).

    Server and client share the machine's cores; a test suite running beside them takes CPU
    from both and makes the figures meaningless. The benchmark's own processes are this one,
    gunicorn and its workers, and the PostgreSQL backends of `database` (when given).
    """

    def __init__(self, gunicorn_pid: int, database: str | None = None) -> None:
        self.gunicorn_pid = gunicorn_pid
        self.database = database
        self.cpus = os.cpu_count() or 1
        self.hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self.available = Path("/proc/stat").exists()
        self.start: tuple[float, int, dict[int, int]] = (0.0, 0, {})

    @staticmethod
    def _stat(pid: str) -> tuple[int, list[str]]:
        """(parent pid, the fields after the command name) of a process."""
        text = Path(f"/proc/{pid}/stat").read_text()
        fields = text[text.rindex(")") + 2 :].split()
        return int(fields[1]), fields

    def _ours(self) -> dict[int, int]:
        """CPU ticks used so far by each of the benchmark's processes (with reaped children)."""
        ticks: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                parent, fields = self._stat(entry.name)
                pid = int(entry.name)
                mine = pid in (os.getpid(), self.gunicorn_pid) or parent == self.gunicorn_pid
                if not mine and self.database:
                    command = (entry / "cmdline").read_bytes()
                    mine = command.startswith(b"postgres: ") and self.database.encode() in command
            except (OSError, ValueError):
                continue  # gone meanwhile
            if mine:
                ticks[pid] = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        return ticks

    @staticmethod
    def _busy() -> int:
        """CPU ticks all processors spent busy since boot."""
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return sum(values) - values[3] - values[4]  # all but idle and iowait

    def begin(self) -> None:
        if self.available:
            self.start = (time.monotonic(), self._busy(), self._ours())

    def foreign_share(self) -> float | None:
        """Since `begin`, the other processes' CPU as a share of all cores (0 to 1)."""
        if not self.available:
            return None
        began, busy, ours = self.start
        seconds = time.monotonic() - began
        if seconds <= 0:
            return None
        # A process that ended meanwhile (a database connection closed after its maximum age)
        # takes its ticks along: only what the processes there at the end used counts as ours.
        used = sum(max(0, now - ours.get(pid, 0)) for pid, now in self._ours().items())
        other = (self._busy() - busy - used) / (seconds * self.hz * self.cpus)
        return min(1.0, max(0.0, other))


# --- Logging in and finding pages ---------------------------------------------------------


def log_in(port: int, email: str) -> dict[str, str]:
    """Log in through the login form; returns the cookies to send (csrftoken, sessionid)."""
    origin = f"http://{HOST}:{port}"
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        page = request(conn, "GET", LOGIN_PATH, {})
        if page.status != 200:
            raise BenchError(f"GET {LOGIN_PATH} answered {page.status}")
        cookies = page.cookies()
        token = parse_page(page.body).inputs.get("csrfmiddlewaretoken")
        if not token or "csrftoken" not in cookies:
            raise BenchError(f"{LOGIN_PATH} has no CSRF token (cookie or form field)")
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": email,
                "password": DEMO_PASSWORD,
                "next": "",
            }
        ).encode()
        answer = request(
            conn,
            "POST",
            LOGIN_PATH,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie_header(cookies),
                "Origin": origin,
                "Referer": origin + LOGIN_PATH,
            },
            form,
        )
        cookies.update(answer.cookies())
        if answer.status != 302 or "sessionid" not in cookies:
            raise BenchError(f"logging in as {email} failed: {answer.status}, no session")
        return cookies
    finally:
        conn.close()


def discover_links(port: int, headers: dict[str, str], role: str) -> dict[str, str]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        page = request(conn, "GET", DISCOVERY_PATH, headers)
    finally:
        conn.close()
    if page.status != 200:
        raise BenchError(f"{role}: GET {DISCOVERY_PATH} answered {page.status}")
    links: dict[str, str] = {}
    for href in parse_page(page.body).links:
        path = urllib.parse.urlsplit(href).path
        for name, pattern in LINK_PATTERNS.items():
            if pattern.match(path):
                links.setdefault(name, path)
    return links


def placeholders(path: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(path) if name}


# --- Measuring ----------------------------------------------------------------------------


@dataclass
class Result:
    page: str
    role: str
    path: str
    requests: int = 0
    errors: int = 0  # responses other than 200, warm-up included
    statuses: dict[str, int] = field(default_factory=dict)  # warm-up included
    seconds: float = 0.0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    ratio: float | None = None
    other_cpu: float | None = None  # other processes' share of the CPU while measuring

    @property
    def disturbed(self) -> bool:
        return self.other_cpu is not None and self.other_cpu > OTHER_CPU_LIMIT

    @property
    def is_baseline(self) -> bool:
        return self.path == HELLO_PATH

    def misses(self) -> list[str]:
        """The national targets this page misses (none for the baseline)."""
        if self.is_baseline:
            return []
        missed = []
        if self.p95_ms > TARGET_P95_MS:
            missed.append(f"p95 > {TARGET_P95_MS:g} ms")
        if self.ratio is None or self.ratio < TARGET_RATIO:
            missed.append(f"ratio < {TARGET_RATIO:g}")
        return missed


@dataclass
class Window:
    start: float = 0.0
    deadline: float = 0.0


def measure(
    port: int,
    path: str,
    headers: dict[str, str],
    *,
    concurrency: int,
    seconds: float,
    warmup: int,
) -> tuple[int, list[float], Counter[str], float]:
    """Hammer one path from `concurrency` threads for `seconds`.

    Returns (requests, latencies in seconds, status counts, elapsed seconds). Each thread
    first sends `warmup` untimed requests (their statuses still count) so that every worker
    has loaded its templates and code before the clock starts.
    """
    window = Window()

    def open_window() -> None:
        window.start = time.perf_counter()
        window.deadline = window.start + seconds

    barrier = threading.Barrier(concurrency + 1, action=open_window, timeout=120)
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    statuses: list[Counter[str]] = [Counter() for _ in range(concurrency)]
    finished = [0.0] * concurrency

    def one(conn: http.client.HTTPConnection, counts: Counter[str]) -> None:
        try:
            counts[str(request(conn, "GET", path, headers).status)] += 1
        except (OSError, http.client.HTTPException) as exc:
            counts[type(exc).__name__] += 1
            conn.close()  # http.client reconnects on the next request

    def client(index: int) -> None:
        # http.client keeps the connection alive when the server allows it; gunicorn's
        # sync workers close it after each response, and the next request reconnects.
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine, counts = latencies[index], statuses[index]
        try:
            for _ in range(warmup):
                one(conn, counts)
            barrier.wait()
            while (began := time.perf_counter()) < window.deadline:
                one(conn, counts)
                mine.append(time.perf_counter() - began)
            finished[index] = time.perf_counter()
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        raise BenchError(f"the clients for {path} did not get going") from None
    finally:
        for thread in threads:
            thread.join()
    every = [latency for mine in latencies for latency in mine]
    total = Counter[str]()
    for counts in statuses:
        total.update(counts)
    elapsed = max(finished) - window.start
    return len(every), every, total, elapsed


def percentile_ms(latencies: list[float], percent: int) -> float:
    if not latencies:
        return 0.0
    if len(latencies) == 1:
        return latencies[0] * 1000
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[percent - 1] * 1000


def selected_targets(only: list[str] | None) -> list[Target]:
    """The targets matching --only; the baseline always."""
    return [
        target
        for index, target in enumerate(TARGETS)
        if index == 0
        or not only
        or any(
            word.lower() in f"{target.page} {target.role} {target.path}".lower() for word in only
        )
    ]


def run(args: argparse.Namespace, data_dir: Path) -> tuple[list[Result], NationalBuild | None]:
    if args.national:
        env = server_env(data_dir, with_database(postgres_server_url(), NATIONAL_DATABASE))
        national: NationalBuild | None = prepare_national(env, reuse=args.reuse)
    else:
        env = server_env(data_dir)
        national = None
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v0")

    targets = selected_targets(args.only)
    with gunicorn(env, args.workers, data_dir / "gunicorn.log") as server:
        port = server.port
        watch = CpuWatch(server.pid, NATIONAL_DATABASE if national else None)
        headers: dict[str, dict[str, str]] = {ANONYMOUS: {}}
        links: dict[str, dict[str, str]] = {}
        for role in dict.fromkeys(t.role for t in targets if t.role != ANONYMOUS):
            say(f"logging in as {role} ({LOGINS[role]})")
            headers[role] = {"Cookie": cookie_header(log_in(port, LOGINS[role]))}
            if any(placeholders(t.path) for t in targets if t.role == role):
                links[role] = discover_links(port, headers[role], role)

        results: list[Result] = []
        for target in targets:
            missing = placeholders(target.path) - links.get(target.role, {}).keys()
            if missing:
                raise BenchError(
                    f"{target.role} sees no {', '.join(sorted(missing))} link on {DISCOVERY_PATH}"
                )
            path = target.path.format_map(links.get(target.role, {}))
            say(f"{target.page} as {target.role}: {path}")
            watch.begin()
            count, latencies, statuses, elapsed = measure(
                port,
                path,
                headers[target.role],
                concurrency=args.concurrency,
                seconds=args.seconds,
                warmup=args.warmup,
            )
            results.append(
                Result(
                    page=target.page,
                    role=target.role,
                    path=path,
                    requests=count,
                    errors=sum(n for status, n in statuses.items() if status != "200"),
                    statuses=dict(sorted(statuses.items())),
                    seconds=round(elapsed, 3),
                    rps=count / elapsed if elapsed > 0 else 0.0,
                    p50_ms=percentile_ms(latencies, 50),
                    p95_ms=percentile_ms(latencies, 95),
                    other_cpu=watch.foreign_share(),
                )
            )
        if any(result.errors for result in results):
            say(f"gunicorn log (last lines):\n{tail(data_dir / 'gunicorn.log')}")

    baseline = results[0].rps
    for result in results:
        result.ratio = result.rps / baseline if baseline else None
    return results, national


# --- Reporting ----------------------------------------------------------------------------


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def print_table(results: list[Result], *, mark_targets: bool = False) -> None:
    rows = [
        (
            r.page,
            r.role,
            r.path,
            f"{r.rps:.0f}",
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
            "" if r.ratio is None else f"{r.ratio:.2f}",
            str(r.errors) if r.errors else "",
            *([] if not mark_targets else ["" if r.is_baseline else "; ".join(r.misses()) or "ok"]),
        )
        for r in results
    ]
    header = ("page", "role", "path", "req/s", "p50 ms", "p95 ms", "ratio", "errors")
    if mark_targets:
        header = (*header, "target")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {3, 4, 5, 6, 7}

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def print_national(build: NationalBuild) -> None:
    counts = build.counts
    print(
        f"National data set in {build.database}: {counts['organisations']} organisations, "
        f"{counts['employees']} employees (largest {counts['largest_organisation']}), "
        f"{counts['trajectories']} trajectories, {counts['rounds']} rounds, "
        f"{counts['modules']} modules, {counts['meetings']} meetings, "
        f"{counts['enrolments']} enrolments."
    )
    if build.reused:
        print("Reused (--reuse): not built in this run.")
    else:
        print(
            f"Built in {build.seconds:.0f} s (database, migrations and demo included; "
            f"bulk load {build.load_seconds:.0f} s)."
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="./dev bench",
        description="Serve Binnenuit with gunicorn (production profile, demo data in a "
        "separate data folder) and measure requests/s and p50/p95 latency per page.",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--concurrency", type=int, default=8, help="concurrent client threads (default 8)"
    )
    parser.add_argument(
        "--seconds", type=float, default=5.0, help="measuring time per page (default 5)"
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="untimed requests per thread per page (default 3)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="only pages whose page, role or path contains TEXT (repeatable; "
        "the hello baseline always runs)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="data folder to build the demo in and keep (default: a temporary folder)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--national",
        action="store_true",
        help=f"on PostgreSQL (BINNENUIT_TEST_POSTGRES_URL's server, database "
        f"{NATIONAL_DATABASE}, dropped and created anew) with the national data set: "
        f"342 organisations, 170,000 employees, 700 trajectories; marks each page against "
        f"the targets (p95 <= {TARGET_P95_MS:g} ms, ratio >= {TARGET_RATIO:g})",
    )
    parser.add_argument(
        "--coaching",
        action="store_true",
        help="only time module 2's algorithms (pairing 14 x 14 and 2,000 x 2,000, theme "
        "choice 20 x 14) against the issue's figures; no server",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --national: keep the data set a previous run built, when there is one",
    )
    args = parser.parse_args(argv)
    if args.workers < 1 or args.concurrency < 1 or args.seconds <= 0 or args.warmup < 0:
        parser.error("--workers and --concurrency must be >= 1, --seconds > 0, --warmup >= 0")
    if args.reuse and not args.national:
        parser.error("--reuse goes with --national")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.coaching:
        from bench import coaching

        return coaching.main()
    started = datetime.now(UTC)
    if args.data_dir:
        data_dir = args.data_dir.resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
    else:
        data_dir = Path(tempfile.mkdtemp(prefix="binnenuit-bench-"))
    try:
        results, national = run(args, data_dir)
    except BenchError as exc:
        say(str(exc))
        return 2
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)

    print()
    if national:
        print_national(national)
    print(
        f"{args.workers} gunicorn workers, {args.concurrency} client threads, "
        f"{args.seconds:g} s per page, {os.cpu_count()} CPUs shared by server and client, "
        f"{'PostgreSQL' if national else 'SQLite'}\n"
    )
    print_table(results, mark_targets=national is not None)
    if national:
        missed = [r for r in results if r.misses()]
        print(
            f"\nTargets: p95 <= {TARGET_P95_MS:g} ms and ratio to hello >= {TARGET_RATIO:g}: "
            + (
                f"{len(missed)} of {len(results) - 1} pages miss them."
                if missed
                else f"all {len(results) - 1} pages meet them."
            )
        )
    disturbed = [r for r in results if r.disturbed]
    if disturbed:
        pages = ", ".join(f"{r.page} ({r.role}, {r.other_cpu:.0%})" for r in disturbed)
        print(
            f"\nOther processes took more than {OTHER_CPU_LIMIT:.0%} of the CPU while measuring "
            f"{pages}: those figures are unreliable. Measure on a quiet machine."
        )
    if not national:  # the default run also times module 2's algorithms (issue 10)
        from bench import coaching

        print()
        coaching.main()
    if args.json:
        report = {
            "started_at": started.isoformat(timespec="seconds"),
            "workers": args.workers,
            "concurrency": args.concurrency,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "database": "postgresql" if national else "sqlite",
            "national": asdict(national) if national else None,
            "targets": {"p95_ms": TARGET_P95_MS, "ratio": TARGET_RATIO} if national else None,
            "results": [
                {**asdict(result), "misses": result.misses() if national else None}
                for result in results
            ],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        say(f"results written to {args.json}")
    errors = sum(result.errors for result in results)
    for result in results:
        if result.errors:
            got = ", ".join(f"{n} x {status}" for status, n in result.statuses.items())
            say(f"{result.page} as {result.role} ({result.path}): {got}")
    if errors:
        say(f"{errors} responses were not 200 OK")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
