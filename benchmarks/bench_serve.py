"""Load test of `plancheck serve`: figures printed, never asserted.

    python benchmarks/bench_serve.py [--clients 8] [--seconds 10] [--workers 2] [--format json]

Starts `plancheck serve` on a free loopback port, waits until it answers, then for `--seconds`
lets `--clients` concurrent clients (threads, each with its own keep-alive connection) POST the
bundled sample reports (JSON and XML, round robin) to /api/v1/check. Prints requests/s, p50/p95/
max latency and the status codes seen. The clients share the machine with the server: on a
two-core machine they take CPU from the workers, so the figures are a floor.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"plancheck serve exited: {process.stderr.read() if process.stderr else ''}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/plans")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("plancheck serve did not answer in time")


def client(port: int, bodies: list[tuple[str, bytes]], stop: float, fmt: str,
           latencies: list[float], statuses: Counter, lock: threading.Lock) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for name, body in itertools.cycle(bodies):
        if time.monotonic() >= stop:
            break
        started = time.perf_counter()
        connection.request("POST", f"/api/v1/check?filename={name}&format={fmt}", body=body)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            statuses[response.status] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--format", default="json", choices=["json", "sarif", "html"])
    args = parser.parse_args()
    samples = sorted((REPO / "samples").glob("*/*.json")) + sorted((REPO / "samples").glob("*/*.xml"))
    bodies = [(p.name, p.read_bytes()) for p in samples]
    port = free_port()
    process = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "serve", "--port", str(port),
                                "--workers", str(args.workers)], stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(port, process)
        latencies: list[float] = []
        statuses: Counter = Counter()
        lock = threading.Lock()
        started = time.monotonic()
        stop = started + args.seconds
        threads = [threading.Thread(target=client, args=(port, bodies[i:] + bodies[:i], stop, args.format,
                                                         latencies, statuses, lock))
                   for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
    finally:
        process.terminate()
        process.wait(30)
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else float("nan")
    print(f"plancheck serve: {args.workers} worker(s), {args.clients} clients, {wall:.1f} s, "
          f"{len(samples)} sample reports round robin, format {args.format}")
    print(f"  requests: {len(latencies)}  ({len(latencies) / wall:.1f} requests/s)")
    if ordered:
        print(f"  latency: p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
              f"max {ordered[-1] * 1000:.0f} ms")
    print(f"  statuses: {dict(sorted(statuses.items()))}")


if __name__ == "__main__":
    main()
