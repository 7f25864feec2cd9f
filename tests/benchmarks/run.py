"""Load benchmark of the public register on PostgreSQL, served by gunicorn, driven by wrk.

    .venv/bin/python tests/benchmarks/run.py [--decisions 100000] [--seconds 20]

Creates (or reuses) the database councilgov_bench on 127.0.0.1, migrates it, tops it up to
--decisions synthetic decisions with `manage.py generate_register`, starts gunicorn
(councilgov.wsgi, 2 workers, DEBUG off) on a free port of 127.0.0.1 and runs wrk against each
page in turn for a bounded time. It prints requests per second and the 50th and 95th
percentile latencies, and stops gunicorn at the end, on Ctrl-C and on any error.
See tests/benchmarks/README.md.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
DATABASE = "councilgov_bench"
SERVER_URL = f"postgres://postgres@{HOST}:5432"
LUA_REPORTER = Path(__file__).with_name("percentiles.lua")
SERVER_ENVIRONMENT = {
    "DATABASE_URL": f"{SERVER_URL}/{DATABASE}",
    "SECRET_KEY": "benchmark-only-key-not-for-any-real-site",
    "ALLOWED_HOSTS": HOST,
    "DEBUG": "0",
    "LOG_LEVEL": "WARNING",
}


@dataclass
class Result:
    name: str
    path: str
    status: str
    figures: dict[str, float]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=100_000, help="decisions in the database")
    parser.add_argument("--seconds", type=int, default=20, help="how long wrk drives each page")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=8, help="wrk open connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DATABASE_CONN_MAX_AGE for gunicorn: keep database connections (seconds, 60)",
    )
    options = parser.parse_args()
    for name in ("decisions", "seconds", "threads", "connections", "workers"):
        if getattr(options, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return options


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            print(f"Creating the database {DATABASE}.")
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def prepare_data(decisions: int) -> list[tuple[str, str]]:
    """Migrate, top the register up to `decisions`, and name the pages to drive."""
    os.environ.update(SERVER_ENVIRONMENT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilgov.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from decisions.models import Decision

    call_command("migrate", interactive=False, verbosity=0)
    existing = Decision.objects.count()
    if existing < decisions:
        print(f"{existing:,} decisions in {DATABASE}; generating {decisions - existing:,} more.")
        call_command(
            "generate_register", decisions=decisions - existing, seed=existing + 1, verbosity=1
        )
    else:
        print(f"{existing:,} decisions in {DATABASE} already.")
    sample = (
        Decision.objects.public()
        .filter(funding_lines__isnull=False, recommendations__isnull=False)
        .select_related("authority")
        .order_by("-date_of_decision", "-pk")
        .first()
    ) or Decision.objects.public().select_related("authority").first()
    pages = [
        ("register list", "/decisions/"),
        ("search: care, key decisions", "/decisions/?q=care&key_decision=yes"),
    ]
    if sample is not None:
        pages.append(("one decision", sample.get_absolute_url()))
    pages.append(("baseline: admin login", "/admin/login/"))
    connections.close_all()
    return pages


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, workers: int, conn_max_age: int) -> subprocess.Popen:
    environment = {
        **os.environ,
        **SERVER_ENVIRONMENT,
        "DATABASE_CONN_MAX_AGE": str(conn_max_age),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "councilgov.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    # Its own process group, so that stopping it stops its workers too.
    return subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def fetch_status(url: str) -> str:
    """The HTTP status of one GET, or why there was none."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return str(response.status)
    except urllib.error.HTTPError as error:
        return str(error.code)
    except (urllib.error.URLError, OSError) as error:
        return f"no answer ({error})"


def wait_until_up(server: subprocess.Popen, url: str, within: float = 90) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        if not fetch_status(url).startswith("no answer"):
            return
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {within:.0f} s")


def drive(url: str, options: argparse.Namespace) -> dict[str, float]:
    command = [
        "wrk",
        f"--threads={options.threads}",
        f"--connections={options.connections}",
        f"--duration={options.seconds}s",
        "--timeout=30s",
        f"--script={LUA_REPORTER}",
        url,
    ]
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=options.seconds + 60, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed: {finished.stderr.strip() or finished.stdout.strip()}")
    figures = {}
    for line in finished.stdout.splitlines():
        if line.startswith("result "):
            _, name, value = line.split()
            figures[name] = float(value)
    return figures


def print_table(results: list[Result], options: argparse.Namespace) -> None:
    print()
    print(
        f"wrk {options.threads} threads, {options.connections} connections, "
        f"{options.seconds} s per page; gunicorn {options.workers} workers; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )
    header = f"{'page':<30} {'status':>6} {'req/s':>9} {'p50 ms':>9} {'p95 ms':>9} {'errors':>7}"
    print(header)
    print("-" * len(header))
    for result in results:
        figures = result.figures
        label = f"{result.name:<30} {result.status:>6}"
        if not figures:
            print(f"{label}   not driven: the page did not answer 200")
        elif not figures["requests"]:
            print(f"{label}   no request finished in {options.seconds} s")
        else:
            errors = figures["non_2xx_3xx"] + figures["timeouts"] + figures["socket_errors"]
            print(
                f"{label} {figures['requests_per_second']:>9.1f} "
                f"{figures['p50'] / 1000:>9.1f} {figures['p95'] / 1000:>9.1f} {errors:>7.0f}"
            )
    print()
    for result in results:
        print(f"  {result.name}: {result.path}")


def raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    options = arguments()
    if shutil.which("wrk") is None:
        print(
            "wrk is not installed. Install it with: apt-get install wrk (Debian package wrk).",
            file=sys.stderr,
        )
        return 2
    # A kill stops gunicorn too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, raise_keyboard_interrupt)
    server = None
    try:
        ensure_database()
        pages = prepare_data(options.decisions)
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_gunicorn(port, options.workers, options.conn_max_age)
        wait_until_up(server, f"{base}/admin/login/")
        results = []
        for name, path in pages:
            status = fetch_status(base + path)
            figures = {}
            if status == "200":
                print(f"Driving {path} for {options.seconds} s …", flush=True)
                figures = drive(base + path, options)
            else:
                print(f"Skipping {path}: it answered {status}.", flush=True)
            results.append(Result(name, path, status, figures))
        print_table(results, options)
        return 0 if all(result.figures for result in results) else 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except Exception as error:  # report any failure; `finally` stops gunicorn
        print(f"Benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
