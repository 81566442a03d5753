#!/usr/bin/env bash
# Writes each fuzz target's seed corpus into OUT/<target>/: small cuts of the real files in data/
# (police.uk months, ONS population and lookups, GOV.UK bank holidays, the demo plans) and the
# examples of docs/data-formats.md, docs/plans.md and the tests. Usage: fuzz/seed_corpus.sh OUT
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: fuzz/seed_corpus.sh OUT}
exec /usr/bin/env python3 - "$root" "$out" <<'EOF'
import gzip, io, json, os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
data = os.path.join(root, "data")

def put(target, name, content):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(content)

def head(path, n, opener=open):
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return "".join(line for _, line in zip(range(n), f))

# police.uk: the first rows of real months (Norfolk, City of London), rows with quoted fields,
# CRLF line ends, a byte-order mark, and the same months as .csv.gz and inside a .zip.
months = []
for folder, name in [("norfolk-street-2025", "2025-01-norfolk-street.csv.gz"),
                     ("norfolk-street-2018-10_2019-02", "2018-10-norfolk-street.csv.gz"),
                     ("city-of-london-street-2017-2021", "2019-09-city-of-london-street.csv.gz")]:
    text = head(os.path.join(data, "police-uk", folder, name), 40, gzip.open)
    months.append((name[:-3], text))
    put("police_uk_csv", name[:-3], text)
full = gzip.open(os.path.join(data, "police-uk", "norfolk-street-2025",
                              "2025-01-norfolk-street.csv.gz"), "rt", encoding="utf-8").read()
lines = full.splitlines(keepends=True)
quoted = [l for l in lines if '"' in l][:20]
put("police_uk_csv", "quoted.csv", lines[0] + "".join(quoted))
put("police_uk_csv", "crlf.csv", months[0][1].replace("\n", "\r\n"))
put("police_uk_csv", "bom.csv", "\ufeff" + months[1][1])
for name, text in months:
    put("police_uk_archive", name + ".gz", b"\x00" + gzip.compress(text.encode()))
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        f.writestr(name[:7] + "/" + name, text)
        f.writestr(name[:7] + "/" + name.replace("street", "outcomes"), "not read\n")
    put("police_uk_archive", name + ".zip", b"\x01" + z.getvalue())

# Monthly counts and breaks: docs/data-formats.md's examples.
put("monthly_counts", "counts.csv", "area_code,indicator,month,value\n"
    "E10000020,Number of Hate Crimes,2019-09,94\n"
    "E10000020,\"Confidence, CSEW\",2019-06,80.2\n"
    "E07000148,Number of Hate Crimes,2019-09,31.25\n")
put("breaks", "breaks.csv", "indicator,break_month,reason\n"
    "Number of Hate Crimes,2015-10,recording changes\n"
    "\"Violence, with injury\",2017-04,\"HO counting rules, \"\"April\"\" change\"\n")

# ONS: the population table's header and first districts, the lookups' first rows.
put("population", "mye2.csv", head(os.path.join(data, "population",
                                                "MYE2_persons_mid2019_LAD2020.csv"), 6))
put("lsoa_lookup", "norfolk.csv", head(os.path.join(data, "lookups",
                                                    "norfolk_LSOA11_to_LAD19.csv"), 12))
put("district_codes", "lad17.csv", head(os.path.join(data, "lookups", "lad17-csp17-pfa17.csv"), 12))

for f in os.listdir(os.path.join(data, "areas")):
    put("area_file", f, open(os.path.join(data, "areas", f)).read())
put("indicator_catalogue", "catalogue.json", json.dumps([
    {"name": "Number of Personal Property Crimes", "kind": "composite",
     "components": ["Burglary residential dwelling", "Theft from the person"]},
    {"name": "First-time entrants per 10,000", "kind": "rate", "numerator": "First-time entrants",
     "per": 10000, "age_from": 10, "age_to": 17, "force_only": True, "source_note": "to June"},
    {"name": "Confidence (CSEW)", "kind": "percentage", "visibility": "exempt"},
    {"name": "Actual Strength: Police Officers", "kind": "snapshot"}], indent=1))

put("case_review_application", "application.json", json.dumps({
    "application_date": "2024-08-29",
    "complaints": [
        {"incident": "i1", "reporter": "victim", "behaviour_date": "2024-01-31",
         "reported_date": "2024-02-29", "reported_to": "police"},
        {"incident": "i1", "behaviour_date": "2024-01-31", "reported_date": "2024-03-01",
         "reported_to": "Norwich City Council"},
        {"incident": "i2", "behaviour_date": "2024-03-10", "reported_date": "2024-04-10",
         "reported_to": "Clarion Housing"}]}, indent=1))
put("case_review_application", "local-rule.json", json.dumps({
    "application_date": "2024-06-20", "rules": {"complaints": 3, "months": 6, "people": 2},
    "complaints": [{"incident": "a", "reporter": "neighbour", "behaviour_date": "2024-05-01",
                    "reported_date": "2024-05-02", "reported_to": "police"}]}))

demo = os.path.join(data, "demo")
for f in sorted(os.listdir(demo)):
    text = open(os.path.join(demo, f)).read()
    if '"scrutineer-plan/1"' in text:
        put("plan_file", f, text)
    if '"scrutineer-published-figures/1"' in text:
        put("published_figures", f, text)

put("questionnaire_returns", "returns.csv",
    open(os.path.join(root, "tests", "fixtures", "questionnaire-returns.csv")).read())

bh = json.load(open(os.path.join(data, "bank-holidays", "england-and-wales.json")))
ew = bh["england-and-wales"]
put("bank_holidays", "england-and-wales.json", json.dumps(
    {"england-and-wales": {"division": ew["division"], "events": ew["events"][:8]}}, indent=1))

# The web: forms and queries as the app's pages send them.
put("web_form", "filter", "/indicators?area=E10000020&indicator=All+crime&month=2025-01\n"
    "scrutineer_session=abc; scrutineer_csrf=def\n"
    "csrf_token=def&narrative=Progress+%E2%80%94+on+track&status=green")
put("web_form", "utf8", "/areas/E07000148?q=%C3%A9%20%ZZ%\n\nname=K%C3%BChne&&=&x")
boundary = "----scrutineer"
put("multipart", "upload", f"multipart/form-data; boundary={boundary}\n"
    f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntok\r\n"
    f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"2025-01.csv\"\r\n"
    f"Content-Type: text/csv\r\n\r\n{months[0][1]}\r\n--{boundary}--\r\n")
# web_request: byte 0 = visitor (0 nobody, 1 public, 2 member, 3 officer, 4 case worker,
# 5 administrator) | 8 POST | 16 with the CSRF token | 32 upload | 64 over TLS.
gets = ["/", "/areas", "/areas/E07000148", "/indicators", "/indicators/All%20crime?area=E10000020",
        "/plans/1", "/priorities/1", "/actions/1", "/api/v1/indicators?area=E10000020",
        "/api/v1/plans", "/imports", "/admin/users", "/asb/cases", "/asb/cases/1",
        "/asb/cases/1/letters/1", "/asb/statistics?year=2024", "/meetings", "/meetings/1",
        "/work-programme", "/services", "/pcc", "/clock?from=2024-12-20&days=10",
        "/asb/apply", "/reports/performance?format=html"]
for i, g in enumerate(gets):
    for who in (0, 3, 5):
        put("web_request", f"get-{i}-{who}", bytes([who]) + g.encode())
posts = [("/actions/1/updates", "text=Done&rag=green&date=2025-01-31"),
         ("/priorities/1/narrative", "narrative=On+track&month=2025-01"),
         ("/asb/apply", "victim_name=A+Person&incident_date_1=2024-13-40&incident_1=noise"),
         ("/asb/cases/1/threshold", "decision=met&date=2025-02-30"),
         ("/admin/users", "username=new.user&name=New&role=officer&password=short"),
         ("/meetings/1/requests", "text=%3Cscript%3Ealert(1)%3C%2Fscript%3E&due=2025-03-01")]
for i, (path, body) in enumerate(posts):
    for who in (3, 4, 5):
        put("web_request", f"post-{i}-{who}", bytes([who | 8 | 16]) + f"{path}\n{body}".encode())
put("web_request", "upload", bytes([3 | 8 | 16 | 32]) + b"/imports\n"
    + f"--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n\r\n"
      f"{months[0][1]}\r\n--fuzz--\r\n".encode())
EOF
