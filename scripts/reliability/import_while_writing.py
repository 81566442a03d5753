#!/usr/bin/env python3
"""Writes made while imports run, for scripts/reliability/import_while_writing.sh.

Signs in an officer, uploads a police.uk archive on the Imports page (imported by the server
meanwhile), starts the command-line import given after `--`, then posts --applications public
ASB Case Review applications (each from its own loopback address, 127.0.0.10 upwards, as
separate members of the public) and --updates action updates, alternately, as fast as the server
answers. Prints one JSON object: every write's status and time, how many were made while the
command-line import was still running, its time and exit status, and the upload's outcome. Only
the Python standard library.
"""
import argparse
import datetime
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import uuid

TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


class Client:
    def __init__(self, port, source="127.0.0.1", timeout=60):
        self.port, self.source, self.timeout = port, source, timeout
        self.cookies = {}

    def request(self, method, path, body=None, content_type="application/x-www-form-urlencoded"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout,
                                          source_address=(self.source, 0))
        headers = {"Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                self.cookies[k] = rest.split(";", 1)[0]
        conn.close()
        return r.status, data.decode("utf-8", "replace"), dict(r.getheaders())

    def token(self, page):
        _, html, _ = self.request("GET", page)
        m = TOKEN.search(html)
        return m.group(1) if m else ""

    def post(self, path, fields, token_page):
        fields = [("csrf_token", self.token(token_page))] + list(fields)
        return self.request("POST", path, urllib.parse.urlencode(fields))


def application(n, district):
    today = datetime.date.today()
    f = [("action", "send"), ("incidents", "3"), ("applicant-type", "victim"),
         ("victim-name", f"Applicant {n}"), ("victim-address", "12 Elm Row, Norwich"),
         ("victim-postcode", "NR2 4XY"), ("victim-phone", "01603 555123"),
         ("district", district), ("summary", f"import-while-writing application {n}")]
    for row in (1, 2, 3):
        behaviour = today - datetime.timedelta(days=70 - 20 * row)
        reported = behaviour + datetime.timedelta(days=1)
        p = f"incident-{row}"
        for name, d in ((p + "-behaviour", behaviour), (p + "-reported", reported)):
            f += [(name + "-day", str(d.day)), (name + "-month", str(d.month)),
                  (name + "-year", str(d.year))]
        f += [(p + "-agency", "Norfolk Constabulary"), (p + "-reference", f"NC-{n}-{row}"),
              (p + "-description", "Stones at the window")]
    return f


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--action", type=int, required=True)
    p.add_argument("--district", required=True)
    p.add_argument("--upload", required=True, help="a police.uk archive to upload")
    p.add_argument("--import-log", required=True, help="where the import's output goes")
    p.add_argument("--applications", type=int, default=20)
    p.add_argument("--updates", type=int, default=20)
    p.add_argument("command", nargs=argparse.REMAINDER, help="-- the import command")
    a = p.parse_args()
    command = a.command[1:] if a.command[:1] == ["--"] else a.command

    officer = Client(a.port)
    officer.post("/login", [("username", a.username), ("password", a.password)], "/login")
    if "scrutineer_session" not in officer.cookies:
        sys.exit("import_while_writing.py: could not sign in")

    boundary = uuid.uuid4().hex
    with open(a.upload, "rb") as f:
        archive = f.read()
    parts = []
    for name, value in (("csrf_token", officer.token("/imports")), ("kind", "police_uk")):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f'{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{os.path.basename(a.upload)}"\r\nContent-Type: application/zip'
                 f'\r\n\r\n'.encode() + archive + f'\r\n--{boundary}--\r\n'.encode())
    status, _, headers = officer.request("POST", "/imports", b"".join(parts),
                                         f"multipart/form-data; boundary={boundary}")
    job = headers.get("Location", "")
    if status != 303 or not job:
        sys.exit(f"import_while_writing.py: the upload was answered {status}")

    log = open(a.import_log, "wb")
    started = time.monotonic()
    cli = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    writes = []
    for i in range(max(a.applications, a.updates)):
        if i < a.applications:
            visitor = Client(a.port, source=f"127.0.0.{10 + i}")
            during = cli.poll() is None
            start = time.monotonic()
            status, _, _ = visitor.post("/asb-case-review/apply", application(i, a.district),
                                        "/asb-case-review/apply")
            writes.append({"kind": "application", "status": status, "during_import": during,
                           "ms": round((time.monotonic() - start) * 1000, 1)})
        if i < a.updates:
            during = cli.poll() is None
            start = time.monotonic()
            status, _, _ = officer.post(
                f"/actions/{a.action}/updates",
                [("date", datetime.date.today().isoformat()),
                 ("text", f"import-while-writing update {i}"), ("visibility", "public")],
                f"/actions/{a.action}")
            writes.append({"kind": "update", "status": status, "during_import": during,
                           "ms": round((time.monotonic() - start) * 1000, 1)})

    import_status = cli.wait()
    import_seconds = time.monotonic() - started
    upload = {}
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        _, text, _ = officer.request("GET", job + ".json")
        upload = json.loads(text)
        if upload.get("finished"):
            break
        time.sleep(0.2)
    print(json.dumps({"writes": writes, "upload": upload, "import_status": import_status,
                      "import_seconds": round(import_seconds, 2)}))


if __name__ == "__main__":
    main()
