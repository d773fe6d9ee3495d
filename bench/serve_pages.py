"""Benchmark: the demo's public pages served by gunicorn, against a trivial endpoint.

    python bench/serve_pages.py                 # fresh var dir, demo, 2 workers, 30 s of load
    python bench/serve_pages.py --seconds 10 --clients 20 --repeat 30

Steps: migrate a new var dir and load the demo (`klimatkontrakt migrate`, `klimatkontrakt demo`,
and `klimatkontrakt import-kpis` of the national comparison's files for /jamforelse/),
start gunicorn with the project's `gunicorn_conf.py` and two workers on a free port, warm up,
then (1) the median latency of `/healthz` and of each public page of the demo municipality,
sequential requests in rounds (each round asks every path once), and each page's ratio to
`/healthz`; (2) `--clients` concurrent clients
requesting the pages in turn for `--seconds`, counting errors and requests per second.

Prints one JSON object; exits 1 if any request failed (a status other than 200, or no answer).
Never asserts a time: the ratios are the figures to read (docs/deployment.md, "Page cache").
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = "1780"  # the demo municipality (Karlstad)
TRIVIAL = "/healthz"
# The public pages of a municipality; a "+" entry also takes the first detail page linked
# from that list (`<list>/<number>/`).
PAGES = [
    "/kommun/{code}/",
    "/kommun/{code}/kontrakt/",
    "/kommun/{code}/utslapp/",
    "/kommun/{code}/inkop/",
    "+/kommun/{code}/investeringsplan/",
    "+/kommun/{code}/handlingsplaner/",
    "+/kommun/{code}/indikatorer/",
    "+/kommun/{code}/mal/",
    "/kommun/{code}/utbildningar/",
    "+/kommun/{code}/uppfoljning/",
    "/jamforelse/",  # all 290 municipalities: table and map (national files, see --kpis)
]
KPIS = ROOT.parent / "shared" / "data" / "kpis"  # the national comparison's public files


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(var_dir: Path, port: int, workers: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        KLIMATKONTRAKT_VAR_DIR=str(var_dir),
        KLIMATKONTRAKT_BIND=f"127.0.0.1:{port}",
        KLIMATKONTRAKT_WORKERS=str(workers),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
    )
    env.pop("DATABASE_URL", None)  # the fresh var dir's SQLite database
    return env


def get(port: int, path: str, timeout: float = 60.0) -> tuple[int, bytes, str]:
    """One request on a new connection (gunicorn's sync workers close it after each answer)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Language": "sv"})
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Location") or ""
    finally:
        conn.close()


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with code {server.returncode}")
        try:
            if get(port, TRIVIAL, timeout=2)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def resolve_pages(port: int) -> list[str]:
    """The page paths, redirects followed once and detail pages found in their lists."""
    out: list[str] = []
    for entry in PAGES:
        with_detail = entry.startswith("+")
        path = entry.lstrip("+").format(code=CODE)
        status, body, location = get(port, path)
        if status in (301, 302) and location:
            path = location
            status, body, location = get(port, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status} before the measurement")
        out.append(path)
        if with_detail:
            found = re.search(rf'href="({re.escape(path)}\d+/)"', body.decode())
            if found:
                out.append(found.group(1))
    return out


def medians_ms(port: int, paths: list[str], repeat: int) -> dict[str, float]:
    """Median latency of each path over `repeat` rounds; each round requests every path once, in
    turn, so that a busy spell of the machine falls on all of them alike."""
    times: dict[str, list[float]] = {path: [] for path in paths}
    for _ in range(repeat):
        for path in paths:
            start = time.perf_counter()
            status, _body, _loc = get(port, path)
            times[path].append(time.perf_counter() - start)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
    return {path: statistics.median(t) * 1000 for path, t in times.items()}


def load(port: int, paths: list[str], clients: int, seconds: float) -> dict[str, object]:
    """`clients` threads, each requesting the paths in turn until time is up."""
    lock = threading.Lock()
    counts = {"requests": 0, "errors": 0}
    statuses: dict[str, int] = {}
    latencies: list[float] = []
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            i += 1
            start = time.perf_counter()
            try:
                status = get(port, path)[0]
            except OSError as exc:
                status, label = 0, type(exc).__name__
            else:
                label = str(status)
            elapsed = time.perf_counter() - start
            with lock:
                counts["requests"] += 1
                latencies.append(elapsed)
                if status != 200:
                    counts["errors"] += 1
                    statuses[label] = statuses.get(label, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": counts["requests"],
        "errors": counts["errors"],
        "error_kinds": statuses,
        "requests_per_s": round(counts["requests"] / wall, 1),
        "median_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1) if latencies else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=30, help="sequential requests per page")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--var-dir", type=Path, help="use this var dir (default: a new one)")
    parser.add_argument(
        "--kpis",
        type=Path,
        default=KPIS if KPIS.is_dir() else None,
        help="import the national comparison's files from here after the demo "
        f"(default: {KPIS} when present)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kk-serve-") as tmp:
        var_dir = args.var_dir or Path(tmp) / "var"
        port = free_port()
        env = environment(var_dir, port, args.workers)
        setup_start = time.perf_counter()
        commands = [["migrate", "--no-input"], ["demo"]]
        if args.kpis:
            commands.append(["import-kpis", str(args.kpis)])
        for command in commands:
            subprocess.run(
                [sys.executable, "-m", "klimatkontrakt", *command],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        setup_s = time.perf_counter() - setup_start
        log = open(Path(tmp) / "gunicorn.log", "wb")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:klimatkontrakt.gunicorn_conf",
                "klimatkontrakt.wsgi",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port, server)
            paths = resolve_pages(port)
            for _ in range(3):  # warm up: every worker imports, renders and caches each page
                for path in [TRIVIAL, *paths]:
                    get(port, path)
            measured = medians_ms(port, [TRIVIAL, *paths], args.repeat)
            trivial = measured[TRIVIAL]
            pages = {
                path: {
                    "median_ms": round(measured[path], 2),
                    "ratio": round(measured[path] / trivial, 2),
                }
                for path in paths
            }
            concurrent = load(port, [TRIVIAL, *paths], args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        result = {
            "workers": args.workers,
            "kpis": str(args.kpis) if args.kpis else None,
            "setup_s": round(setup_s, 1),
            "repeat": args.repeat,
            "trivial": {"path": TRIVIAL, "median_ms": round(trivial, 2)},
            "pages": pages,
            "max_ratio": max(p["ratio"] for p in pages.values()),
            "concurrent": concurrent,
        }
    print(json.dumps(result, indent=2))
    return 1 if concurrent["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
