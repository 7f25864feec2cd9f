"""The register served as in production, in subprocesses, for tests that need a real server:
gunicorn with councilgov/gunicorn.conf.py, `manage.py db_worker`, `manage.py` commands, plain
HTTP requests to them, and a TCP proxy that can cut a server off from its database.

Each server runs in its own process group with its output in a log file, so that a test can
stop it and everything it started, and show its log when something fails.
"""

import functools
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.client import HTTPMessage
from http.cookiejar import CookieJar
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN_CONFIG = BASE_DIR / "councilgov" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database_url: str, **overrides: str) -> dict[str, str]:
    """The environment of `make serve`: DEBUG off, a random key, plain http on 127.0.0.1."""
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environment.update(overrides)
    return environment


def manage(*arguments: str, environment: dict[str, str]) -> str:
    """Run `manage.py <arguments>`; its output, or AssertionError with it when it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {' '.join(arguments)}:\n{done.stdout}{done.stderr}"
    return done.stdout


@functools.cache
def _migrated_sqlite_template() -> Path:
    """One migrated SQLite file per test session (migrating takes seconds), copied for each use."""
    path = Path(tempfile.mkdtemp(prefix="councilgov-sqlite-")) / "template.sqlite3"
    manage("migrate", "--no-input", environment=production_environment(f"sqlite:///{path}"))
    return path


def migrated_sqlite(directory: Path) -> Path:
    """A fresh, migrated SQLite database file in `directory`, its own to change."""
    path = directory / "db.sqlite3"
    shutil.copyfile(_migrated_sqlite_template(), path)
    return path


@dataclass
class Answer:
    status: int
    headers: HTTPMessage
    text: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments: object) -> None:
        return None


def request(
    url: str,
    *,
    data: bytes | None = None,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = 30,
) -> Answer:
    """GET (or POST `data`) without following redirects; an HTTP error is an answer too."""
    opener = opener or urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(url, data=data, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read().decode())


def browser_opener(jar: CookieJar) -> urllib.request.OpenerDirector:
    """An opener that keeps cookies in `jar`, as one visitor's browser would."""
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirects)


class Served:
    """A command started in its own process group, with its output kept in a log file."""

    def __init__(self, command: list[str], environment: dict[str, str], log: Path) -> None:
        self.log_path = log
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def is_running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.is_running():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


class Server(Served):
    """gunicorn serving the register on a free port of 127.0.0.1."""

    def __init__(
        self, environment: dict[str, str], log: Path, *, workers: int = 2, threads: int = 4
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {
            **environment,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        super().__init__([str(BIN / "gunicorn"), "-c", str(GUNICORN_CONFIG)], environment, log)
        self.wait_until_listening()

    def wait_until_listening(self, timeout: float = 60) -> None:
        """Until the server answers anything over HTTP (its database may be down on purpose)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.is_running(), f"gunicorn stopped:\n{self.log()}"
            try:
                request(f"{self.url}/healthz", timeout=5)
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer within {timeout}s:\n{self.log()}")

    def get(self, path: str, **options: object) -> Answer:
        return request(self.url + path, **options)


@contextmanager
def serving(environment: dict[str, str], log: Path, **options: int) -> Iterator[Server]:
    server = Server(environment, log, **options)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def worker(environment: dict[str, str], log: Path) -> Iterator[Served]:
    """`manage.py db_worker`, as `make serve` runs it beside the server."""
    running = Served([sys.executable, "manage.py", "db_worker"], environment, log)
    try:
        yield running
    finally:
        running.stop()


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a database server, until `cut()` drops every connection
    and stops listening; `restore()` listens on the same port again."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        if self._listener is not None:
            # Closing alone would leave the accept() in progress listening (Linux keeps the
            # socket while a call holds it); shutting it down ends that accept() at once.
            with suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for connection in self._connections:
                with suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self._connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by cut()
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


@contextmanager
def proxy_to(host: str, port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(host, port)
    proxy.restore()
    try:
        yield proxy
    finally:
        proxy.cut()
