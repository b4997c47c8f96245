#!/usr/bin/env python3
"""The query benchmark behind bench/run: newsgraph on SQLite, newsgraph on
PostgreSQL and PostGraphile 5 on the same PostgreSQL data, the same five
logical queries against each with oha.

bench/run installs the tools and builds the release binary, then calls
this with the size. Everything it measures goes to
bench/results/run-<size>.json; bench/report.py turns the results into the
tables of BENCHMARKS.md.
"""

import argparse
import base64
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SIZES = {"S": 10_000, "M": 100_000, "L": 1_000_000}
# Words the generator puts in statements, searched for by Q3.
SEARCH_WORDS = [
    "ceasefire", "sanctions", "grain", "corridor", "prisoners", "reconstruction",
    "loan", "budget", "troops", "referendum", "elections", "negotiations",
    "deadline", "compromise", "drones", "missiles", "tariffs", "inflation",
    "corruption", "parliament", "summit", "delegation", "envoy", "frontline",
]
SAMPLES = 500
QUERY_NAMES = ("Q1", "Q2", "Q3", "Q4 page 1", "Q4 page 1000", "Q5")


def log(*args):
    print("bench:", *args, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------- databases


def psql(url, sql):
    out = run(["psql", url, "-XAtqc", sql], capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def admin_url(url, db):
    return url.rsplit("/", 1)[0] + "/" + db


def rss_kib(pid, field="VmRSS"):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return None


def tree_rss_kib(pid, field="VmRSS"):
    """RSS of a process and its children (npm's node shim starts node)."""
    total = rss_kib(pid, field) or 0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        children = []
    for child in children:
        total += tree_rss_kib(int(child), field)
    return total


def timed_import(binary, graph, env, work, label):
    """Imports the graph with the release binary; wall seconds and peak RSS."""
    out = work / f"time-{label}"
    run(["/usr/bin/time", "-f", "%e %M", "-o", str(out), binary, "import", str(graph)],
        env=env, stdout=subprocess.DEVNULL)
    seconds, kib = out.read_text().split()[-2:]
    return float(seconds), int(kib)


# ------------------------------------------------------------------ servers


class Server:
    """A server process on a free port; `url` is its base address."""

    def __init__(self, name, cmd, env, cwd=None):
        self.name = name
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True,
                                     start_new_session=True)
        line = self.proc.stdout.readline()
        match = re.search(r"(http://[0-9.]+:\d+)", line)
        if not match:
            self.stop()
            raise RuntimeError(f"{name} did not start: {line!r}")
        self.url = match.group(1)
        self.listening_ms = (time.perf_counter() - self.started) * 1000

    def wait_ready(self, path):
        """Milliseconds from the spawn to the first successful request."""
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as r:
                    if r.status == 200:
                        return (time.perf_counter() - self.started) * 1000
            except Exception:
                time.sleep(0.002)
        raise RuntimeError(f"{self.name} never became ready")

    def rss(self, field="VmRSS"):
        return tree_rss_kib(self.proc.pid, field)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def graphql_get(query, op, variables):
    """The path and query string of a GraphQL GET request."""
    params = {"query": query, "operationName": op, "variables": json.dumps(variables)}
    return "/graphql?" + urllib.parse.urlencode(params)


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.loads(r.read())


def post_json(url, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(url + "/graphql", body, {"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def operations(path):
    """The named operations of a query file, each with its own text."""
    text = path.read_text()
    parts = re.split(r"(?m)^(?=query )", text)
    ops = {}
    for part in parts[1:]:
        name = re.match(r"query (\w+)", part).group(1)
        body = "\n".join(l for l in part.splitlines() if not l.startswith("#"))
        ops[name[:2]] = (name, " ".join(body.split()))
    return ops


# ------------------------------------------------------------------- oha


def oha(base, paths, seconds, connections, rate=None):
    """One oha run over a file of URLs; the figures we report."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(base + p for p in paths) + "\n")
        url_file = f.name
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out_file = f.name
    cmd = ["oha", "--no-tui", "-z", f"{seconds}s", "-c", str(connections), "-w",
           "--output-format", "json", "-o", out_file, "--urls-from-file", url_file]
    if rate:
        cmd += ["-q", str(rate), "--latency-correction"]
    run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    raw = json.loads(Path(out_file).read_text())
    os.unlink(url_file)
    os.unlink(out_file)
    statuses = {int(k): v for k, v in raw.get("statusCodeDistribution", {}).items()}
    ok = statuses.get(200, 0)
    failed = sum(v for k, v in statuses.items() if k != 200) + sum(
        raw.get("errorDistribution", {}).values())
    pct = raw.get("latencyPercentiles", {})
    return {
        "requests_per_second": round(ok / raw["summary"]["total"], 1),
        "p50_ms": round((pct.get("p50") or 0) * 1000, 2),
        "p99_ms": round((pct.get("p99") or 0) * 1000, 2),
        "ok": ok,
        "errors": failed,
    }


# --------------------------------------------------------------- targets


def ng_id(kind, key):
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode().rstrip("=")


class Plan:
    """The sampled inputs of each query, shared by every target."""

    def __init__(self, pg_url, rng):
        def ids(sql):
            return [int(r[0]) for r in psql(pg_url, sql)]

        top = ids("SELECT max(id) FROM statement")[0]
        picks = sorted(rng.sample(range(1, top + 1), min(SAMPLES, top)))
        wanted = "ARRAY[" + ",".join(map(str, picks)) + "]"
        # An issue or a speaker of a statement picked at random: popular ones
        # come up as often as they are talked about.
        # Issues without sub-issues: newsgraph's list of an issue's
        # statements takes in its sub-issues' too, PostGraphile's does not,
        # and the two must answer alike to be compared.
        self.issues = ids(f"""SELECT issue_id FROM statement_issue WHERE statement_id = ANY({wanted})
            AND NOT EXISTS (SELECT 1 FROM issue sub WHERE sub.parent_id = statement_issue.issue_id)""")
        self.people = ids(f"SELECT speaker_id FROM statement WHERE id = ANY({wanted}) AND speaker_kind = 'person'")
        self.statements = ids(f"SELECT id FROM statement WHERE id = ANY({wanted})")
        self.words = SEARCH_WORDS
        self.total = top


def newsgraph_urls(server, ops, plan, cursor_page_1000):
    """The URLs of each query for newsgraph."""
    u = lambda q, v: graphql_get(ops[q][1], ops[q][0], v)  # noqa: E731
    return {
        "Q1": [u("Q1", {"id": ng_id("Issue", i)}) for i in plan.issues],
        "Q2": [u("Q2", {"id": ng_id("Person", i)}) for i in plan.people],
        "Q3": [u("Q3", {"q": w}) for w in plan.words],
        "Q4 page 1": [u("Q4", {"after": None})],
        "Q4 page 1000": [u("Q4", {"after": cursor_page_1000})],
        "Q5": [u("Q5", {"id": ng_id("Statement", i)}) for i in plan.statements],
    }


def postgraphile_urls(server, ops, plan, cursor_page_1000):
    """The URLs of each query for PostGraphile, with its own node IDs."""
    u = lambda q, v: graphql_get(ops[q][1], ops[q][0], v)  # noqa: E731
    pg_ids = postgraphile_statement_ids(server, plan.statements)
    return {
        "Q1": [u("Q1", {"id": str(i)}) for i in plan.issues],
        "Q2": [u("Q2", {"id": str(i)}) for i in plan.people],
        "Q3": [u("Q3", {"q": w}) for w in plan.words],
        "Q4 page 1": [u("Q4", {"after": None})],
        "Q4 page 1000": [u("Q4", {"after": cursor_page_1000})],
        "Q5": [u("Q5", {"id": pg_ids[i]}) for i in plan.statements],
    }


def postgraphile_statement_ids(server, keys):
    """PostGraphile's global IDs of the given statements, asked of it."""
    found = {}
    for start in range(0, len(keys), 100):
        chunk = keys[start:start + 100]
        fields = " ".join(f"s{k}: statementByRowId(rowId: \"{k}\") {{ id }}" for k in chunk)
        data = post_json(server.url, "{ " + fields + " }")["data"]
        found.update({k: data[f"s{k}"]["id"] for k in chunk})
    return found


# ------------------------------------------------------------------ probe


def check(name, url, target):
    """Runs one request and fails loudly on a GraphQL error or an empty answer."""
    try:
        body = fetch_json(url)
    except urllib.error.HTTPError as err:
        raise RuntimeError(f"{target} {name}: HTTP {err.code}: {err.read()[:300]!r}") from err
    if body.get("errors"):
        raise RuntimeError(f"{target} {name}: {body['errors'][0].get('message')}")
    text = json.dumps(body["data"])
    if "null" == text or len(text) < 40:
        raise RuntimeError(f"{target} {name}: empty answer {text}")
    return body


def sql_statements(body):
    return (body.get("extensions") or {}).get("sqlStatements")


class PgStatementLog:
    """Counts the SQL statements a database ran, from PostgreSQL's own log
    with log_statement = 'all' switched on for that database."""

    def __init__(self, pg_admin, db):
        self.admin, self.db = pg_admin, db
        # Debian's clusters log to /var/log/postgresql; elsewhere, no count.
        log_dir = Path("/var/log/postgresql")
        logs = sorted(log_dir.glob("postgresql-*-main.log"), key=lambda p: p.stat().st_mtime) if log_dir.exists() else []
        self.file = logs[-1] if logs else None

    def __enter__(self):
        psql(self.admin, f"ALTER DATABASE {self.db} SET log_statement = 'all'")
        return self

    def __exit__(self, *exc):
        psql(self.admin, f"ALTER DATABASE {self.db} RESET log_statement")

    def count(self, action):
        if not self.file or not os.access(self.file, os.R_OK):
            action()
            return None
        before = self.file.stat().st_size
        action()
        time.sleep(0.3)
        with open(self.file, "rb") as f:
            f.seek(before)
            lines = f.read().decode("utf-8", "replace").splitlines()
        pattern = re.compile(rf"@{self.db} LOG:\s+(statement|execute [^:]*):")
        return sum(1 for line in lines if pattern.search(line))



# ---------------------------------------------------------------- answers


def _speaker(node, ng):
    return (node.get("speaker") if ng else node.get("entityBySpeakerIdAndSpeakerKind") or {}) or {}


def _date(node, ng):
    said = node.get("saidOn")
    if ng:
        return (said or {}).get("date"), ((said or {}).get("precision") or "").lower() or None
    return said, (node.get("saidOnPrecision") or "").lower() or None


def _about(node, ng):
    if ng:
        links = [(a["stance"], a["issue"]["name"]) for a in node.get("about") or []]
    else:
        links = [(a["stance"], a["issueByIssueId"]["name"])
                 for a in (node.get("statementIssuesByStatementId") or {}).get("nodes", [])]
    return sorted((stance.lower(), name) for stance, name in links)


def _statement(node, ng):
    return [node.get("text"), _speaker(node, ng).get("name"), *_date(node, ng)]


def answer(q, data, ng):
    """What an answer says, in names both servers share: the statements
    (text, speaker, date), the people and issues by name, in their order."""
    q = q.split()[0]
    if q == "Q1":
        if ng:
            issue = data["node"] or {}
            nodes = ((issue.get("statements") or {}).get("nodes")) or []
        else:
            issue = data["issueByRowId"] or {}
            nodes = [n["statementByStatementId"] for n in (issue.get("statementIssuesByIssueId") or {}).get("nodes", [])]
        return {"issue": issue.get("name"), "statements": [_statement(n, ng) for n in nodes]}
    if q == "Q2":
        if ng:
            person = data["node"] or {}
            roles = [(r["title"], r["organisation"]["name"]) for r in person["roles"]["nodes"]]
            said = person["statements"]["nodes"]
            mentioned = person["mentionedIn"]["nodes"]
        else:
            row = data["personByRowId"] or {}
            person = row.get("entityByRowIdAndEntityKind") or {}
            roles = [(r["title"], r["organisationByOrganisationId"]["entityByRowIdAndEntityKind"]["name"])
                     for r in row["rolesByPersonId"]["nodes"]]
            said = data["allStatements"]["nodes"]
            mentioned = [m["statementByStatementId"] for m in person["statementMentionsByEntityId"]["nodes"]]
        return {"name": person.get("name"), "description": person.get("description"),
                "wikidataId": person.get("wikidataId"), "roles": roles,
                "statements": [[*_statement(n, ng), _about(n, ng)] for n in said],
                "mentionedIn": [_statement(n, ng)[:2] for n in mentioned]}
    if q == "Q3":
        if ng:
            hits = [h["node"] for h in data["search"]["nodes"] if h["node"]["__typename"] == "Statement"]
        else:
            hits = data["searchStatements"]["nodes"]
        return {"statements": [_statement(n, ng)[:2] for n in hits]}
    if q == "Q4":
        nodes = data["statements" if ng else "allStatements"]["nodes"]
        return {"statements": [_statement(n, ng) for n in nodes]}
    node = data["node"] or {}
    return {"statement": [*_statement(node, ng), (node.get("kind") or "").lower(), _about(node, ng)]}


def compare_answers(ng, pgl, ng_urls, pgl_urls, samples):
    """Asks both servers each query for the same inputs (the first `samples`
    of each); the queries whose answers differ, each with its first
    difference."""
    differ = {}
    for q, ng_list in ng_urls.items():
        for i, (a, b) in enumerate(list(zip(ng_list, pgl_urls[q]))[:samples]):
            mine = answer(q, check(q, ng.url + a, "newsgraph")["data"], True)
            theirs = answer(q, check(q, pgl.url + b, "postgraphile")["data"], False)
            if mine != theirs:
                differ[q] = {"input": i, "newsgraph": mine, "postgraphile": theirs}
                log(f"  {q}: the answers differ for input {i}:\n    newsgraph:    {json.dumps(mine)[:600]}\n"
                    f"    postgraphile: {json.dumps(theirs)[:600]}")
                break
        else:
            log(f"  {q}: the same answers for {min(samples, len(ng_list))} inputs")
    return differ


# ------------------------------------------------------------------- main


def load_phase(server, urls, seconds, connections, rate=None):
    """oha over every query; RSS before and at the peak."""
    results = {}
    for name, list_ in urls.items():
        oha(server.url, list_, 2, connections)  # warm-up
        results[name] = oha(server.url, list_, seconds, connections, rate.get(name) if rate else None)
        log(f"  {name}: {results[name]}")
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size", help="S, M, L or a number of statements")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 20)))
    ap.add_argument("--rate-seconds", type=int, default=int(os.environ.get("BENCH_RATE_SECONDS", 10)))
    ap.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 32)))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--compare", type=int, default=int(os.environ.get("BENCH_COMPARE", 50)),
                    help="how many inputs of each query both servers answer before anything is measured")
    ap.add_argument("--check-only", action="store_true",
                    help="stop once the answers are compared; measure nothing")
    args = ap.parse_args()

    n = SIZES.get(args.size.upper()) or int(args.size)
    label = args.size.upper() if args.size.upper() in SIZES else str(n)
    pg_admin = os.environ.get("NEWSGRAPH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    db = f"newsgraph_bench_{label.lower()}"
    cache = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache/newsgraph/bench"))
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    binary = args.binary
    result = {"size": label, "statements": n, "seed": args.seed,
              "seconds": args.seconds, "rate_seconds": args.rate_seconds,
              "connections": args.connections}

    try:
        # 1. The graph, generated once per size and seed.
        graph = cache / f"graph-{n}-{args.seed}.json"
        if not graph.exists():
            log(f"generating {n} statements")
            run([binary, "generate", "--statements", str(n), "--seed", str(args.seed), "-o", str(graph)])
        result["graph_bytes"] = graph.stat().st_size

        # 2. Imports into a fresh SQLite file and a fresh PostgreSQL database.
        base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        base_env["RUST_LOG"] = "warn"
        sqlite_dir = work / "sqlite"
        env_sqlite = dict(base_env, NEWSGRAPH_DATA_DIR=str(sqlite_dir), NEWSGRAPH_NO_SEED="1")
        psql(pg_admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        psql(pg_admin, f"CREATE DATABASE {db}")
        pg_url = admin_url(pg_admin, db)
        env_pg = dict(base_env, DATABASE_URL=pg_url)
        imports = {}
        for name, env in (("sqlite", env_sqlite), ("postgres", env_pg)):
            log(f"importing into {name}")
            seconds, kib = timed_import(binary, graph, env, work, name)
            imports[name] = {"seconds": seconds, "statements_per_second": round(n / seconds),
                             "peak_rss_kib": kib}
        psql(pg_url, "ANALYZE")
        rows = sum(int(r[0]) for r in psql(pg_url, """
            SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE relname <> 'seaql_migrations'"""))
        for v in imports.values():
            v["rows"] = rows
            v["rows_per_second"] = round(rows / v["seconds"])
        result["import"] = imports
        log(f"imports: {imports}")

        # PostGraphile's side of the same data: what a PostGraphile user would
        # add for these queries (a search function, an index for its order).
        psql(pg_url, (BENCH / "postgraphile/extras.sql").read_text())

        plan = Plan(pg_url, random.Random(args.seed))
        page = min(1000, n // 20)
        result["page_deep"] = page
        ng_ops = operations(BENCH / "queries/newsgraph.graphql")
        pgl_ops = operations(BENCH / "queries/postgraphile.graphql")

        targets = {
            "newsgraph-sqlite": env_sqlite,
            "newsgraph-postgres": env_pg,
        }
        runs = {}

        def start(name, extra=()):
            if name == "postgraphile":
                node = str(BENCH / "postgraphile/node_modules/.bin/node")
                env = dict(os.environ, DATABASE_URL=pg_url, PORT="0", NODE_ENV="production")
                return Server(name, [node, "serve.mjs"], env, cwd=BENCH / "postgraphile")
            return Server(name, [binary, "serve", "--addr", "127.0.0.1:0", *extra], targets[name])

        # 3. The same answers: newsgraph on PostgreSQL and PostGraphile answer
        # each query for the same inputs; a query whose answers differ (other
        # statements, speakers or order) is not measured, on any server, and
        # the result says why. The inputs are shared by every later step.
        urls = {}
        log("answers: newsgraph and PostGraphile, the same inputs")
        ng = start("newsgraph-postgres")
        ng.wait_ready("/ready")
        pgl = start("postgraphile")
        pgl.wait_ready("/graphql?query=%7B__typename%7D")
        try:
            cursor = page_1000_cursor_at(ng, ng_ops, "statements", page)
            urls["newsgraph-postgres"] = urls["newsgraph-sqlite"] = newsgraph_urls(ng, ng_ops, plan, cursor)
            cursor = page_1000_cursor_at(pgl, pgl_ops, "allStatements", page)
            urls["postgraphile"] = postgraphile_urls(pgl, pgl_ops, plan, cursor)
            differ = compare_answers(ng, pgl, urls["newsgraph-postgres"], urls["postgraphile"], args.compare)
        finally:
            ng.stop()
            pgl.stop()
        result["answers_differ"] = differ
        for target_urls in urls.values():
            for q in differ:
                target_urls.pop(q, None)
        if args.check_only:
            out = BENCH / "results" / f"answers-{label}.json"
            out.write_text(json.dumps({"size": label, "statements": n, "answers_differ": differ}, indent=2) + "\n")
            log(f"wrote {out}; {len(differ)} of {len(QUERY_NAMES)} queries answer differently")
            return

        # 4. Each target alone: startup, answers, SQL per request, idle RSS,
        # then the load at a fixed concurrency.
        for name in ("newsgraph-sqlite", "newsgraph-postgres", "postgraphile"):
            log(f"{name}: probe")
            r = runs[name] = {}
            if name == "postgraphile":
                server = start(name)
                r["startup_ms"] = round(server.wait_ready("/graphql?query=%7B__typename%7D"))
                stats = PgStatementLog(pg_admin, db)
                server.stop()
                with stats:
                    server = start(name)
                    server.wait_ready("/graphql?query=%7B__typename%7D")
                    r["sql_per_request"] = {
                        q: stats.count(lambda: check(q, server.url + u[0], name)) for q, u in urls[name].items()}
                    server.stop()
            else:
                server = start(name, ["--sql-stats"])
                r["startup_ms"] = round(server.wait_ready("/ready"))
                r["sql_per_request"] = {
                    q: sql_statements(check(q, server.url + u[0], name)) for q, u in urls[name].items()}
                server.stop()
            log(f"  startup {r['startup_ms']} ms, SQL per request {r['sql_per_request']}")

            server = start(name)
            server.wait_ready("/graphql?query=%7B__typename%7D")
            for u in urls[name].values():
                fetch_json(server.url + u[0])
            time.sleep(1)
            r["idle_rss_kib"] = server.rss()
            log(f"{name}: load, {args.connections} connections, {args.seconds} s per query")
            r["load"] = load_phase(server, urls[name], args.seconds, args.connections)
            r["peak_rss_kib"] = server.rss("VmHWM")
            server.stop()

        # 5. The same queries at a fixed rate every target can serve: half
        # the slowest target's throughput, with oha's latency correction.
        rates = {q: max(1, int(min(runs[t]["load"][q]["requests_per_second"] for t in runs) / 2))
                 for q in urls["postgraphile"]}
        result["rates"] = rates
        for name in runs:
            log(f"{name}: fixed rate {rates}")
            server = start(name)
            server.wait_ready("/graphql?query=%7B__typename%7D")
            runs[name]["rate"] = load_phase(server, urls[name], args.rate_seconds, args.connections, rates)
            server.stop()
        result["targets"] = runs

        # 6. Startup on the migrated database, five times, the median.
        for name in ("newsgraph-sqlite", "newsgraph-postgres"):
            times = []
            for _ in range(5):
                server = start(name)
                times.append(server.wait_ready("/ready"))
                server.stop()
            runs[name]["startup_ms"] = round(sorted(times)[2])

        result["machine"] = machine()
        out = BENCH / "results" / f"run-{label}.json"
        out.write_text(json.dumps(result, indent=2) + "\n")
        log(f"wrote {out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["psql", pg_admin, "-XAtqc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"],
                       capture_output=True)


def page_1000_cursor_at(server, ops, key, page):
    """The `after` of page `page` (20 per page): walks 100 at a time, then 20."""
    name, text = ops["Q4"]
    walk = text.replace("first: 20", "first: 100")
    after, behind = None, 0
    target = (page - 1) * 20
    while behind + 100 <= target:
        data = post_json(server.url, walk, {"after": after})["data"]
        after = data[key]["pageInfo"]["endCursor"]
        behind += 100
    while behind < target:
        data = post_json(server.url, text, {"after": after})["data"]
        after = data[key]["pageInfo"]["endCursor"]
        behind += 20
    return after


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), "unknown")
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    versions = {
        "rustc": run(["rustc", "--version"], capture_output=True, text=True).stdout.strip(),
        "postgres": psql(os.environ.get("NEWSGRAPH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
                         "SHOW server_version")[0][0],
        "oha": run(["oha", "--version"], capture_output=True, text=True).stdout.strip(),
        "node": run([str(BENCH / "postgraphile/node_modules/.bin/node"), "--version"],
                    capture_output=True, text=True).stdout.strip(),
        "postgraphile": json.loads((BENCH / "postgraphile/node_modules/postgraphile/package.json")
                                   .read_text())["version"],
    }
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "versions": versions}


if __name__ == "__main__":
    main()
