"""Test helpers for the real thing: Celery worker and beat processes on Redis against the test database.

Used through the `celery_worker_process`, `make_celery_beat` and `celery_broker` fixtures in the root conftest.py.
Outside CI a missing REDIS_URL or PostgreSQL skips the test; with CI set it fails instead, so CI
can never go green by skipping the tests that matter most.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent


def require_real_services() -> str:
    """The Redis URL to use; skips (locally) or fails (CI) when Redis or PostgreSQL is missing."""
    from django.conf import settings
    from django.db import connection

    missing = []
    if not settings.REDIS_URL:
        missing.append("REDIS_URL")
    if connection.vendor != "postgresql":
        missing.append("DATABASE_URL pointing at PostgreSQL")
    if missing:
        _skip_or_fail(f"needs a real worker: set {' and '.join(missing)}")
    return settings.REDIS_URL


def require_postgresql() -> None:
    """Skip (locally) or fail (CI) a test about PostgreSQL itself: plans, statistics, row locks."""
    from django.db import connection

    if connection.vendor != "postgresql":
        _skip_or_fail("needs PostgreSQL: set DATABASE_URL")


def _skip_or_fail(reason: str) -> None:
    # A developer without the services gets a skip; CI must run these tests, so it fails instead.
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI never skips these tests)")
    pytest.skip(reason)


def database_url() -> str:
    """A DATABASE_URL for the database this process uses now (under pytest: the test database)."""
    from django.db import connection

    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.05, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what or condition.__name__}")
        time.sleep(interval)


class WorkerProcess:
    """`celery -A factcheck worker` as a child process in its own process group."""

    def __init__(
        self,
        *,
        database_url: str,
        redis_url: str,
        concurrency: int = 1,
        pool: str = "prefork",
        env: dict[str, str] | None = None,
        name: str = "test",
    ):
        self.concurrency = concurrency
        self.pool = pool
        self.name = name
        self.env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, **(env or {})}
        # The worker reads settings itself; nothing of this process's Django setup leaks in.
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.env["DJANGO_SETTINGS_MODULE"] = "factcheck.settings"
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self._log = tempfile.NamedTemporaryFile(prefix="celery-worker-", suffix=".log", delete=False)  # noqa: SIM115

    @property
    def log_text(self) -> str:
        return Path(self._log.name).read_text(encoding="utf-8", errors="replace")

    # What the log says once the process is ready for work.
    ready_marker = " ready."

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "factcheck",
            "worker",
            "--pool",
            self.pool,
            "--concurrency",
            str(self.concurrency),
            "--loglevel",
            "INFO",
            "--hostname",
            f"{self.name}-{os.getpid()}-{self.starts}@%h",
            "--without-gossip",
            "--without-mingle",
        ]

    def start(self, *, timeout: float = 30) -> None:
        assert self.process is None or self.process.poll() is not None, "the process is already running"
        self.starts += 1
        marker = f"--- start {self.starts} ---\n"
        with open(self._log.name, "a", encoding="utf-8") as log:
            log.write(marker)
        log = open(self._log.name, "a", encoding="utf-8")  # noqa: SIM115 - the child writes to it
        self.process = subprocess.Popen(
            self.command(), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited with {self.process.returncode}:\n{self.log_text[-4000:]}")
            return self.ready_marker in self.log_text.split(marker, 1)[-1]

        wait_until(ready, timeout=timeout, interval=0.1, what=f"{self.name} to be ready")

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once: no clean shutdown, no acks."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, *, timeout: float = 20) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def close(self) -> None:
        self.stop()
        Path(self._log.name).unlink(missing_ok=True)


class BeatProcess(WorkerProcess):
    """`celery -A factcheck beat` as a child process: sends the periodic sweeps on the settings' schedule."""

    ready_marker = "beat: Starting..."

    def __init__(self, **options):
        super().__init__(name="beat", **options)
        self._schedule_dir = tempfile.mkdtemp(prefix="celery-beat-")

    def command(self) -> list[str]:
        schedule = str(Path(self._schedule_dir) / "schedule")
        return [sys.executable, "-m", "celery", "-A", "factcheck", "beat", "--loglevel", "INFO", "-s", schedule]

    def close(self) -> None:
        import shutil

        super().close()
        shutil.rmtree(self._schedule_dir, ignore_errors=True)


def flush_broker(redis_url: str) -> None:
    """Empty the test's Redis database: no message of an earlier test reaches this one's worker."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
    finally:
        client.close()


def queued_messages(redis_url: str, queue: str = "celery") -> int:
    """Messages waiting in the queue plus those delivered to a worker and not yet acknowledged."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        return client.llen(queue) + client.hlen("unacked")
    finally:
        client.close()


def queued_tasks(redis_url: str, queue: str = "celery") -> list[tuple[str, list]]:
    """(task name, positional arguments) of each message waiting in the queue, oldest first."""
    import base64
    import json

    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        raw = client.lrange(queue, 0, -1)
    finally:
        client.close()
    tasks = []
    for item in reversed(raw):  # kombu pushes to the head of the list
        message = json.loads(item)
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        tasks.append((message["headers"]["task"], args))
    return tasks


@contextmanager
def celery_broker_url(url: str):
    """Point this process's Celery app at another broker (e.g. one that is down), then back."""
    from factcheck.celery import app

    previous = app.conf.broker_url, app.conf.broker_write_url

    def reset_pools():
        # The app caches its connection and producer pools for the URL it first used.
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.broker_url, app.conf.broker_write_url = url, None
    reset_pools()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_write_url = previous
        reset_pools()


class RedisServer:
    """A `redis-server` of the test's own on a free port in 6391-6399; stop() and start() it at will.

    For outage tests: the shared Redis others' tests use is never stopped.
    """

    PORTS = range(6391, 6400)

    def __init__(self):
        import shutil

        self.binary = shutil.which("redis-server")
        if self.binary is None:
            _skip_or_fail("needs the redis-server binary")
        self._dir = tempfile.mkdtemp(prefix="fc-redis-")
        self.process: subprocess.Popen | None = None
        self.port = None
        for port in self.PORTS:
            self.port = port
            if self._start():
                return
        raise AssertionError(f"no free port for redis-server in {self.PORTS}")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _answers(self) -> bool:
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5)
        try:
            return client.ping()
        except redis.RedisError:
            return False
        finally:
            client.close()

    def _start(self) -> bool:
        if self._answers():
            return False  # someone else's server has this port
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--dir", self._dir, "--loglevel", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False  # the port was taken between the check and the bind
            if self._answers():
                return True
            time.sleep(0.05)
        self.stop()
        return False

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, "redis-server is already running"
        if not self._start():
            raise AssertionError(f"redis-server did not start again on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def close(self) -> None:
        import shutil

        self.stop()
        shutil.rmtree(self._dir, ignore_errors=True)


class Route:
    """One answer of a LocalSite: a status, headers and a body, with the bad habits of real servers.

    `delay`: seconds before answering; `trickle`: seconds between the body's bytes; `endless`: a
    body of this many bytes sent without a length (bounded, so the server always stops by itself);
    `etag` / `last_modified`: answer 304 to a matching conditional GET.
    """

    def __init__(
        self,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict | None = None,
        delay: float = 0,
        trickle: float = 0,
        endless: int = 0,
        etag: str = "",
        last_modified: str = "",
    ):
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.status = status
        self.headers = {**({"Content-Type": content_type} if content_type else {}), **(headers or {})}
        self.delay, self.trickle, self.endless = delay, trickle, endless
        self.etag, self.last_modified = etag, last_modified


class LocalServer:
    """A real HTTP server on 127.0.0.1 (an ephemeral port) in a thread, answering with `handler`."""

    def __init__(self, handler):
        import threading
        from http.server import ThreadingHTTPServer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_port}"

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class LocalSite(LocalServer):
    """A LocalServer serving `routes` by path.

    `routes` maps a path (with its query) to a Route; other paths answer 404. Every request is
    recorded in `requests` as (path, headers). Tests allow it through the fetch guard by listing
    `host` in FACTCHECK_FETCH_ALLOWED_HOSTS; `close()` stops it.
    """

    def __init__(self, routes: dict[str, Route] | None = None):
        from http.server import BaseHTTPRequestHandler

        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[tuple[str, dict]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path) or Route(b"Not found", status=404, content_type="text/plain")
                time.sleep(route.delay)
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
                ):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if not route.endless:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                # The client may give up on a body, as it should on an endless one.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._write_body(route)

            def _write_body(self, route):
                if route.endless:
                    chunk = b"<p>" + b"more " * 13_000 + b"</p>\n"
                    for _ in range(route.endless // len(chunk) + 1):
                        self.wfile.write(chunk)
                elif route.trickle:
                    for byte in range(len(route.body)):
                        self.wfile.write(route.body[byte : byte + 1])
                        self.wfile.flush()
                        time.sleep(route.trickle)
                else:
                    self.wfile.write(route.body)

            def log_message(self, *args):
                pass

        super().__init__(Handler)

    def paths_requested(self) -> list[str]:
        return [path for path, _ in self.requests]
