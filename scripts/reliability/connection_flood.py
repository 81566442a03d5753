#!/usr/bin/env python3
"""Flood a running `scrutineer serve` with idle connections and check that it still answers.

    scripts/reliability/connection_flood.py --port PORT [--connections N] [--seconds S]
                                            [--flood-addresses K]
    scripts/reliability/connection_flood.py --serve BINARY [same options] [-- SERVE OPTIONS...]

The attack of issue 18 (section 5): a client opens many TCP connections and sends nothing on
them, to use up the server's file descriptors (about 20,000 did, and the server stopped answering
for some 20 s). This script keeps up to N such connections open to 127.0.0.1:PORT for S seconds
(reopening those the server closes, as an attacker would), and meanwhile, twice a second, makes an
ordinary request (GET /) over a new connection and times its answer. It prints what the server
held and how the ordinary requests fared, and exits 1 if any of them went unanswered (no status
within 10 s): an answer 503 (too many connections) counts as answered.

The idle connections come from 127.0.0.1, or spread over K addresses 127.0.1.1, 127.0.1.2, ...
with --flood-addresses K (an attacker with many addresses, past the cap per address); the
ordinary requests from 127.0.0.2, another client (every 127.x.y.z address is this machine's on
Linux).

--port: a server already running on 127.0.0.1 (only loopback is ever attacked).
--serve BINARY: start `BINARY serve` on a fresh SQLite store in a temporary directory, on a free
  port, with the options after `--` (say --max-connections 200), and stop it at the end.
Bounds: N at most 50,000 (and what this process may open), S at most 300. Needs Python 3 only.
"""

import argparse
import errno
import os
import resource
import selectors
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"
PROBE_FROM = "127.0.0.2"
IP_BIND_ADDRESS_NO_PORT = 24  # linux/in.h: the port is chosen at connect(), per destination


def raise_fd_limit(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, wanted + 256)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    except (ValueError, OSError):
        return soft


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def ordinary_request(port, timeout=10.0):
    """GET / over a new connection from PROBE_FROM: (status or 0, seconds)."""
    started = time.monotonic()
    try:
        with socket.create_connection((HOST, port), timeout=timeout,
                                      source_address=(PROBE_FROM, 0)) as s:
            s.settimeout(max(0.1, timeout - (time.monotonic() - started)))
            s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        status = int(data[9:12]) if data.startswith(b"HTTP/1.") else 0
    except (OSError, ValueError):
        status = 0
    return status, time.monotonic() - started


class Flood:
    """Up to `limit` idle connections, reopened as the server closes them."""

    def __init__(self, port, limit, addresses):
        self.port = port
        self.limit = limit
        self.sources = (["127.0.0.1"] if addresses <= 1 else
                        [f"127.0.{1 + i // 250}.{1 + i % 250}" for i in range(addresses)])
        self.next_source = 0
        self.sel = selectors.DefaultSelector()
        self.pending = set()  # connecting
        self.open = set()  # connected, idle
        self.opened = 0
        self.refused = 0  # connect() failed
        self.answered_503 = 0
        self.closed_by_server = 0
        self.peak_open = 0

    def top_up(self, budget):
        while len(self.pending) + len(self.open) < self.limit and budget > 0:
            budget -= 1
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
            s.bind((self.sources[self.next_source], 0))
            self.next_source = (self.next_source + 1) % len(self.sources)
            s.setblocking(False)
            rc = s.connect_ex((HOST, self.port))
            if rc not in (0, errno.EINPROGRESS):
                s.close()
                self.refused += 1
                continue
            self.pending.add(s)
            self.sel.register(s, selectors.EVENT_WRITE | selectors.EVENT_READ)

    def poll(self, timeout):
        for key, events in self.sel.select(timeout):
            s = key.fileobj
            if s in self.pending:
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                self.pending.discard(s)
                if err:
                    self.refused += 1
                    self.sel.unregister(s)
                    s.close()
                    continue
                self.open.add(s)
                self.opened += 1
                self.sel.modify(s, selectors.EVENT_READ)
                if not events & selectors.EVENT_READ:
                    continue
            if s in self.open:
                try:
                    data = s.recv(65536)
                except OSError:
                    data = b""
                if data.startswith(b"HTTP/1.1 503"):
                    self.answered_503 += 1
                if data:
                    continue  # the rest, or the close, comes next
                self.closed_by_server += 1
                self.open.discard(s)
                self.sel.unregister(s)
                s.close()
        self.peak_open = max(self.peak_open, len(self.open))

    def close(self):
        for s in list(self.pending) + list(self.open):
            try:
                self.sel.unregister(s)
            except (KeyError, ValueError):
                pass
            s.close()


def main():
    argv = sys.argv[1:]
    serve_args = []
    if "--" in argv:
        at = argv.index("--")
        argv, serve_args = argv[:at], argv[at + 1:]
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int)
    p.add_argument("--serve", metavar="BINARY")
    p.add_argument("--connections", type=int, default=20000)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--flood-addresses", type=int, default=1)
    a = p.parse_args(argv)
    if (a.port is None) == (a.serve is None):
        p.error("give --port (a server running on 127.0.0.1) or --serve BINARY")
    connections = max(1, min(a.connections, 50000))
    seconds = max(1.0, min(a.seconds, 300.0))
    limit = raise_fd_limit(connections)
    if connections > limit - 200:
        connections = max(1, limit - 200)
        print(f"only {connections} connections: this process may open {limit} files")

    server = None
    workdir = None
    port = a.port
    if a.serve:
        workdir = tempfile.TemporaryDirectory(prefix="scrutineer-flood-")
        port = free_port()
        server = subprocess.Popen(
            [a.serve, "serve", "--database", os.path.join(workdir.name, "flood.db"),
             "--port", str(port), "--address", HOST] + serve_args,
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir.name, "serve.log"), "w"))
        deadline = time.monotonic() + 60
        while ordinary_request(port, 1.0)[0] == 0:
            if server.poll() is not None or time.monotonic() > deadline:
                print("the server did not start:", open(os.path.join(workdir.name,
                                                                     "serve.log")).read())
                return 2
            time.sleep(0.2)

    base_status, base_time = ordinary_request(port)
    print(f"before the flood: GET / answered {base_status} in {base_time * 1000:.1f} ms")
    flood = Flood(port, connections, max(1, min(a.flood_addresses, 10000)))
    answers = []  # (seconds into the flood, status, answer time)
    started = time.monotonic()
    next_probe = started + 0.5
    try:
        while time.monotonic() - started < seconds:
            flood.top_up(2000)
            flood.poll(0.05)
            now = time.monotonic()
            if now >= next_probe:
                status, took = ordinary_request(port)
                answers.append((now - started, status, took))
                next_probe = time.monotonic() + 0.5
        held_at_end = len(flood.open)
    finally:
        flood.close()
    after_status, after_time = ordinary_request(port)
    if server:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        workdir.cleanup()

    times = [t for _, s, t in answers if s]
    statuses = {}
    for _, s, _ in answers:
        statuses[s] = statuses.get(s, 0) + 1
    unanswered = statuses.get(0, 0)
    print(f"flood: {connections} idle connections wanted for {seconds:.0f} s from "
          f"{len(flood.sources)} address(es); "
          f"{flood.opened} opened, at most {flood.peak_open} open at once, "
          f"{held_at_end} open at the end; {flood.closed_by_server} closed by the server "
          f"({flood.answered_503} of them after a 503), {flood.refused} connects failed")
    print("ordinary requests during the flood: " +
          ", ".join(f"{n} x {s if s else 'no answer'}" for s, n in sorted(statuses.items())) +
          (f"; answer time median {statistics.median(times) * 1000:.1f} ms, "
           f"max {max(times) * 1000:.1f} ms" if times else ""))
    print(f"after the flood: GET / answered {after_status} in {after_time * 1000:.1f} ms")
    ok = unanswered == 0 and after_status == 200 and answers
    print("PASS: every ordinary request was answered" if ok else
          f"FAIL: {unanswered} ordinary requests went unanswered (10 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
