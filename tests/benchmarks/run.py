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
# Its own database; BENCHMARK_DATABASE names another (a smaller register, say).
DATABASE = os.environ.get("BENCHMARK_DATABASE", "councilgov_bench")
SERVER_URL = f"postgres://postgres@{HOST}:5432"
# The page cache of the register under test: a Redis database of the benchmark's own.
CACHE_URL = f"redis://{HOST}:6379/13"
LUA_REPORTER = Path(__file__).with_name("percentiles.lua")
SERVER_ENVIRONMENT = {
    "DATABASE_URL": f"{SERVER_URL}/{DATABASE}",
    "SECRET_KEY": "benchmark-only-key-not-for-any-real-site",
    "ALLOWED_HOSTS": HOST,
    "DEBUG": "0",
    # Plain HTTP on 127.0.0.1, as behind the TLS-terminating proxy of production.
    "SECURE_SSL_REDIRECT": "0",
    "LOG_LEVEL": "WARNING",
}


@dataclass
class ColdResult:
    name: str
    timings: list[float]
    statuses: list[str]
    target_ms: int


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
    parser.add_argument(
        "--cold-urls", type=int, default=20, help="distinct addresses per kind of page (20)"
    )
    parser.add_argument(
        "--cold-only", action="store_true", help="measure the cold pages only, without wrk"
    )
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
    for name in ("decisions", "seconds", "cold_urls", "threads", "connections", "workers"):
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


def prepare_data(decisions: int) -> None:
    """Migrate, and fill the register to `decisions` generated decisions (the pages to drive
    are named in pages.py)."""
    os.environ.update(SERVER_ENVIRONMENT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilgov.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False, verbosity=0)
    # A target: generate_register writes what the register lacks (carrying on after a run
    # that was stopped), and says so and writes nothing when it holds them all.
    print(f"Filling {DATABASE} to {decisions:,} generated decisions.")
    call_command("generate_register", decisions=decisions, verbosity=1)
    connections.close_all()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(
    port: int, workers: int, conn_max_age: int, app: str = "councilgov.wsgi", **extra: str
) -> subprocess.Popen:
    """gunicorn as the issue measured it: `workers` synchronous workers, no access log. The
    register and the ceiling (tests/benchmarks/ceiling.py) are started with the same options."""
    environment = {
        **os.environ,
        **SERVER_ENVIRONMENT,
        "DATABASE_CONN_MAX_AGE": str(conn_max_age),
        **extra,
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
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


def timed_get(url: str) -> tuple[str, float]:
    """One GET by a single client: its status and how long it took, in milliseconds."""
    started = time.perf_counter()
    status = fetch_status(url)
    return status, (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure_cold(base: str, per_kind: int) -> list[ColdResult]:
    """Each distinct address fetched once, in turn, by one client: nobody asked for it before,
    so the page cache misses and the page is built from the database."""
    from tests.benchmarks.pages import COLD_DEFAULT_TARGET_MS, COLD_TARGET_MS, cold_urls

    # Each worker first builds a page of each kind (other addresses), so that what is measured
    # is the page, not a worker's first import of a module or compilation of a template.
    for urls in cold_urls(2, seed=2).values():
        for url in urls:
            fetch_status(base + url)
    flush_page_cache()
    results = []
    for kind, urls in cold_urls(per_kind).items():
        print(f"Cold: {len(urls)} addresses of {kind} …", flush=True)
        timings, statuses = [], set()
        for url in urls:
            status, elapsed = timed_get(base + url)
            statuses.add(status)
            timings.append(elapsed)
        results.append(
            ColdResult(
                kind, timings, sorted(statuses), COLD_TARGET_MS.get(kind, COLD_DEFAULT_TARGET_MS)
            )
        )
    return results


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{os.cpu_count()} CPUs, load average {one:.2f} {five:.2f} {fifteen:.2f}"


def print_cold(results: list[ColdResult]) -> None:
    print()
    print(f"Cold: one client, each address once, the page cache missing; {load_line()}")
    header = (
        f"{'page':<26} {'urls':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'target':>7}  status"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        if not result.timings:
            print(f"{result.name:<26} {0:>5}   no addresses in this register")
            continue
        p95 = percentile(result.timings, 0.95)
        verdict = "ok" if p95 <= result.target_ms and result.statuses == ["200"] else "OVER"
        if result.statuses != ["200"]:
            verdict = "answered " + ",".join(result.statuses)
        print(
            f"{result.name:<26} {len(result.timings):>5} {percentile(result.timings, 0.5):>8.1f} "
            f"{p95:>8.1f} {max(result.timings):>8.1f} {result.target_ms:>7}  {verdict}"
        )


def print_table(results: list[Result], ceiling: Result, options: argparse.Namespace) -> None:
    print()
    print(
        f"Warm: wrk {options.threads} threads, {options.connections} connections, "
        f"{options.seconds} s per page; gunicorn {options.workers} workers; {load_line()}"
    )
    header = (
        f"{'page':<30} {'status':>6} {'req/s':>9} {'share':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    ceiling_rate = ceiling.figures.get("requests_per_second", 0.0)
    for result in [ceiling, *results]:
        figures = result.figures
        label = f"{result.name:<30} {result.status:>6}"
        if not figures:
            print(f"{label}   not driven: the page did not answer 200")
        elif not figures["requests"]:
            print(f"{label}   no request finished in {options.seconds} s")
        else:
            errors = figures["non_2xx_3xx"] + figures["timeouts"] + figures["socket_errors"]
            rate = figures["requests_per_second"]
            share = f"{rate / ceiling_rate:.0%}" if ceiling_rate else "-"
            print(
                f"{label} {rate:>9.1f} {share:>7} {figures['p50'] / 1000:>8.1f} "
                f"{figures['p95'] / 1000:>8.1f} {errors:>7.0f}"
            )
    print()
    for result in results:
        print(f"  {result.name}: {result.path}")


def raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def flush_page_cache() -> None:
    """Empty the benchmark's own Redis database, so the cold phase starts with nothing cached."""
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


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
    servers: list[subprocess.Popen] = []
    try:
        ensure_database()
        prepare_data(options.decisions)
        from django.core.management import call_command

        from tests.benchmarks.pages import warm_pages

        # As `make serve`: the hashed, compressed static files WhiteNoise serves without DEBUG.
        call_command("collectstatic", interactive=False, verbosity=0)

        pages = warm_pages()
        flush_page_cache()
        port, ceiling_port = free_port(), free_port()
        base, ceiling_base = f"http://{HOST}:{port}", f"http://{HOST}:{ceiling_port}"
        servers.append(
            start_gunicorn(
                port, options.workers, options.conn_max_age, CACHE_URL=CACHE_URL, PAGE_CACHE="1"
            )
        )
        servers.append(
            start_gunicorn(
                ceiling_port, options.workers, options.conn_max_age, app="tests.benchmarks.ceiling"
            )
        )
        wait_until_up(servers[0], f"{base}/healthz")
        wait_until_up(servers[1], f"{ceiling_base}/")
        cold = measure_cold(base, options.cold_urls)
        print_cold(cold)
        if options.cold_only:
            return 0

        print(f"Driving the ceiling for {options.seconds} s …", flush=True)
        ceiling = Result(
            "ceiling: trivial Django view", "/", "200", drive(ceiling_base + "/", options)
        )
        results = []
        for name, path in pages:
            status = fetch_status(base + path)  # also warms the cache
            figures = {}
            if status == "200":
                print(f"Driving {path} for {options.seconds} s …", flush=True)
                figures = drive(base + path, options)
            else:
                print(f"Skipping {path}: it answered {status}.", flush=True)
            results.append(Result(name, path, status, figures))
        print_cold(cold)
        print_table(results, ceiling, options)
        return 0 if all(result.figures for result in results) else 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except Exception as error:  # report any failure; `finally` stops gunicorn
        print(f"Benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        for server in servers:
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
