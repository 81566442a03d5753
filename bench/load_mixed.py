#!/usr/bin/env python3
"""Many clients at once, reading and writing, for bench/load_mixed.sh.

Each client is a thread with its own keep-alive connection. Most clients are officers: each
signs in (its own session), then until the deadline it reads pages, the API and downloads, and
every fifth request or so adds an action update with a text no other write has. The rest are
visitors who are not signed in and only read. Every answer must be the status that request
expects (200 for reads, 303 for an update); anything else, a refused connection or a timeout is
an error. The texts of the updates the server acknowledged (303) are written to ACKED, one a
line, so the caller can check that every one of them is in the store.

Only the Python standard library: the clients' work is waiting for the server, so threads are
enough, and nothing needs installing.
"""
import argparse
import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse

READS = [
    "/", "/areas", "/areas/E10000020", "/areas/E07000148", "/indicators",
    "/indicators/All%20crime?area=E10000020", "/api/v1/indicators?area=E10000020",
    "/api/v1/indicators?area=E07000148&format=csv", "/api/v1/plans", "/plans/1", "/priorities/1",
    "/actions/1",
]
OFFICER_READS = ["/imports"]
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


class Client:
    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.conn = None
        self.cookies = {}

    def request(self, method, path, body=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed a kept-alive connection between requests (allowed by HTTP/1.1
                # before a request is sent): once more on a new one. A failure after that, or
                # any other failure, is an error.
                self.conn.close()
                self.conn = None
                if attempt or method != "GET":
                    raise
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                self.cookies[k] = rest.split(";", 1)[0]
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, data

    def sign_in(self, username, password):
        status, page = self.request("GET", "/login")
        token = TOKEN.search(page.decode()).group(1)
        body = urllib.parse.urlencode(
            {"csrf_token": token, "username": username, "password": password})
        status, _ = self.request("POST", "/login", body)
        if status != 303 or "scrutineer_session" not in self.cookies:
            raise RuntimeError(f"could not sign in as {username} ({status})")
        status, page = self.request("GET", "/")
        return TOKEN.search(page.decode()).group(1)


def run(args):
    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()
    totals = {"reads": 0, "writes": 0, "acked": 0, "errors": 0}
    latencies = []
    errors = []
    acked = []
    action_ids = [int(a) for a in args.actions.split(",")]

    def record(kind, started, ok, what):
        with lock:
            totals[kind] += 1
            latencies.append(time.monotonic() - started)
            if not ok:
                totals["errors"] += 1
                if len(errors) < 20:
                    errors.append(what)

    def officer(n):
        c = Client(args.host, args.port, args.timeout)
        rng = random.Random(n)
        try:
            token = c.sign_in(args.username, args.password)
        except Exception as e:  # noqa: BLE001 - every failure is counted and shown
            record("reads", time.monotonic(), False, f"client {n}: sign-in: {e!r}")
            return
        written = 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            if rng.random() < args.write_share:
                written += 1
                text = f"load-{args.run}-{n}-{written}"
                action = rng.choice(action_ids)
                body = urllib.parse.urlencode({"csrf_token": token, "date": "2025-01-31",
                                               "visibility": "public", "text": text})
                try:
                    status, _ = c.request("POST", f"/actions/{action}/updates", body)
                except Exception as e:  # noqa: BLE001
                    record("writes", started, False, f"POST update {text}: {e!r}")
                    continue
                ok = status == 303
                if ok:
                    with lock:
                        totals["acked"] += 1
                        acked.append(text)
                record("writes", started, ok, f"POST update {text}: {status}")
            else:
                read(c, rng.choice(READS + OFFICER_READS), started, "")

    def read(c, path, started, who):
        """One page read, recorded: a 200 is a success, anything else (or no answer) an error."""
        try:
            status, _ = c.request("GET", path)
        except Exception as e:  # noqa: BLE001
            record("reads", started, False, f"GET {path}{who}: {e!r}")
            return
        record("reads", started, status == 200, f"GET {path}{who}: {status}")

    def visitor(n):
        c = Client(args.host, args.port, args.timeout)
        rng = random.Random(1000 + n)
        while time.monotonic() < deadline:
            read(c, rng.choice(READS), time.monotonic(), " (visitor)")

    n_officers = max(1, round(args.clients * args.officer_share))
    threads = [threading.Thread(target=officer, args=(i,)) for i in range(n_officers)]
    threads += [threading.Thread(target=visitor, args=(i,))
                for i in range(args.clients - n_officers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    with open(args.acked, "w") as f:
        f.writelines(t + "\n" for t in acked)
    latencies.sort()

    def pct(p):
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) \
            if latencies else None

    summary = dict(totals, clients=args.clients, officers=n_officers, seconds=round(elapsed, 1),
                   requests_per_second=round((totals["reads"] + totals["writes"]) / elapsed, 1),
                   p50_ms=pct(0.50), p99_ms=pct(0.99), max_ms=pct(1.0), first_errors=errors)
    print(json.dumps(summary))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--actions", required=True, help="action ids to add updates to, a,b,c")
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--officer-share", type=float, default=0.5)
    p.add_argument("--write-share", type=float, default=0.2,
                   help="of an officer's requests, the share that are writes")
    p.add_argument("--seconds", type=float, default=600)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--run", default=str(int(time.time())), help="marks this run's texts")
    p.add_argument("--acked", required=True, help="file for the acknowledged updates' texts")
    sys.exit(run(p.parse_args()))


if __name__ == "__main__":
    main()
