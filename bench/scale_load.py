"""What the scale benchmark measures beside its table: the framework floor and concurrent reads under wrk."""

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from bench.scale_data import ROOT, django_env, log


def framework_floor(url: str, sql: str, params: list, repeats: int) -> str:
    """What Django alone costs: a bare view running the first page's raw SQL and answering it as JSON.

    Same process, middleware, test client and database as the API measurements, timed beside the
    raw SQL the same way; no DRF, no ORM, no authentication.
    """
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import clear_url_caches, path

    import factcheck.urls

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return HttpResponse(json.dumps(rows, default=str), content_type="application/json")

    factcheck.urls.urlpatterns.insert(0, path("bench-floor/", view))
    clear_url_caches()
    client = Client(HTTP_HOST="127.0.0.1")
    times, raw_times = [], []
    with psycopg.connect(url, autocommit=True) as raw:
        for i in range(repeats + 3):
            t0 = time.perf_counter()
            response = client.get("/bench-floor/")
            t1 = time.perf_counter()
            raw.execute(sql, params).fetchall()
            t2 = time.perf_counter()
            assert response.status_code == 200, response.status_code
            if i >= 3:
                times.append((t1 - t0) * 1000)
                raw_times.append((t2 - t1) * 1000)
    floor, raw_p50 = statistics.median(times), statistics.median(raw_times)
    return (
        f"framework floor: a bare Django view running the first page's raw SQL and returning its rows as JSON "
        f"(same middleware and test client; no DRF, ORM or authentication): p50 {floor:.1f} ms beside raw "
        f"{raw_p50:.2f} ms, {floor / raw_p50:.1f}x"
    )


# --- concurrent reads: gunicorn and wrk -----------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_test(url: str, key: str, *, seconds: int, connections: int) -> dict | None:
    wrk = shutil.which("wrk")
    if wrk is None:
        log("wrk is not installed (apt-get install -y wrk): concurrent read test skipped.")
        return None
    port = free_port()
    env = django_env(url, debug=False)
    env.update(FACTCHECK_API_RATE_USER="100000000/minute")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "factcheck.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        target = f"http://127.0.0.1:{port}/api/v1/claims/"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        # Warm both workers (connections, imports) before measuring.
        subprocess.run([wrk, "-t1", "-c2", "-d2s", "-H", f"Authorization: Token {key}", target],
                       check=True, capture_output=True)  # fmt: skip
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        result = subprocess.run(
            [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
             "-H", f"Authorization: Token {key}", target],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        os.unlink(script.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    stats = {k: int(v) for k, v in (item.split("=") for item in line.split()[1:])}
    errors = stats["connect"] + stats["read"] + stats["write"] + stats["status"] + stats["timeout"]
    return {
        "rps": stats["requests"] / (stats["duration_us"] / 1e6),
        "p50_ms": stats["p50_us"] / 1000,
        "p95_ms": stats["p95_us"] / 1000,
        "p99_ms": stats["p99_us"] / 1000,
        "errors": errors,
        "requests": stats["requests"],
        "connections": connections,
        "seconds": seconds,
    }


# --- report --------------------------------------------------------------------------------------
