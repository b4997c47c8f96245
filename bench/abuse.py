#!/usr/bin/env python3
"""The abuse benchmark behind bench/abuse.

For each database (SQLite, then PostgreSQL) it imports a generated graph,
starts the release binary in production mode with its default limits, and
runs three processes side by side:

- a well-behaved client: ABUSE_RATE (50) requests a second of the queries a
  front-end sends (a person's page, an issue's statements, a search, a node
  by ID), at a fixed rate, latency counted from each request's scheduled
  start, so a stalled server is not hidden by the client waiting for it;
- an attacker, anonymous: the worst requests the limits allow, each sized
  to just under the complexity limit (issues with their positions and
  statements and the article text of each, thirty aliases of a text filter,
  people with their statements and sources, batches of those), sixteen at a
  time in a loop; 256 sockets that send headers and one byte of a body;
  256 idle sockets and 128 that never finish their headers; WebSockets
  that never say `connection_init`; and WebSockets that each subscribe to
  one busy node as often as the server lets them;
- an editor who corrects that node every two seconds, so every subscriber
  is owed an event.

The server's RSS is sampled every half second. First the well-behaved client
runs alone for ABUSE_BASELINE_SECONDS (10), then with the others for
ABUSE_SECONDS (60).
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Server, admin_url, psql, rss_kib, timed_import  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench/results"
EDITOR = "abuse-bench-editor-0123456789abcdef"


def log(*args):
    print("abuse:", *args, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ queries

GOOD = [
    ("PersonPage", """query PersonPage($id: ID!) { node(id: $id) { id ... on Person { name
        statements(first: 10) { totalCount nodes { id text saidOn { text }
        about { stance issue { id name } } evidence { excerpt source { id title } } } } } } }"""),
    ("IssueStatements", """query IssueStatements($issue: ID!) { statements(first: 20,
        filter: { issue: $issue }) { totalCount nodes { id text speaker { id name } } } }"""),
    ("Search", """query Search($q: String!) { search(query: $q, first: 10) { edges { node {
        score text node { __typename ... on Person { id name } ... on Statement { id text } } } } } }"""),
    ("Node", """query Node($id: ID!) { node(id: $id) { id __typename ... on Statement { text
        speaker { id name } } } }"""),
]

# Each worst query takes a size n; the attacker uses the largest n the
# server accepts (the complexity limit decides).
WORST = {
    "positions": """{ issues(first: %d) { nodes { id positions(first: %d) { nodes {
        statements(first: %d) { nodes { id text evidence { excerpt source { text } } } } } } } } }""",
    "text_aliases": "{ %s }",
    "people_sources": """{ people(first: %d) { nodes { id statements(first: %d) { nodes { id text
        evidence { source { text title } } about { stance issue { name } } } } } } }""",
}


def worst_query(name, n):
    if name == "positions":
        return WORST[name] % (n, n, n)
    if name == "text_aliases":
        parts = [f'a{i}: statements(first: {n}, filter: {{ text: "e" }}) {{ nodes {{ id text }} }}'
                 for i in range(30)]
        return WORST[name] % " ".join(parts)
    return WORST[name] % (n, n)


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


# ------------------------------------------------------------- the clients


async def good_client(url, seconds, rate, targets, out):
    import aiohttp
    rng = random.Random(7)
    results = []
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async def one(scheduled, name, query, variables):
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            status, code = 0, None
            try:
                async with session.post(url + "/graphql", json={
                        "query": query, "variables": variables, "operationName": name}) as r:
                    status = r.status
                    body = await r.json(content_type=None)
                    if body.get("errors"):
                        code = body["errors"][0].get("extensions", {}).get("code", "ERROR")
            except Exception as e:  # a refused or dropped connection counts as a failure
                code = type(e).__name__
            results.append({"at": scheduled - start, "ms": (time.perf_counter() - scheduled) * 1000,
                            "status": status, "code": code, "op": name})

        start = time.perf_counter()
        tasks = []
        for i in range(int(seconds * rate)):
            name, query = GOOD[i % len(GOOD)]
            variables = {
                "PersonPage": lambda: {"id": rng.choice(targets["people"])},
                "IssueStatements": lambda: {"issue": rng.choice(targets["issues"])},
                "Search": lambda: {"q": rng.choice(["ceasefire", "sanctions", "grain corridor", "envoy"])},
                "Node": lambda: {"id": rng.choice(targets["statements"])},
            }[name]()
            tasks.append(asyncio.create_task(one(start + i / rate, name, query, variables)))
        await asyncio.gather(*tasks)
    Path(out).write_text(json.dumps(results))


async def attacker(url, seconds, targets, sizes, out):
    import aiohttp
    host, port = url.removeprefix("http://").split(":")
    port = int(port)
    end = time.perf_counter() + seconds
    counts = {}

    def count(key):
        counts[key] = counts.get(key, 0) + 1

    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        heavy = [worst_query(name, n) for name, n in sizes.items()
                 if name in os.environ.get("ABUSE_HEAVY", name)]

        async def heavy_loop(i):
            while time.perf_counter() < end:
                query = heavy[i % len(heavy)]
                batch = i % 8 == 7 and "batch" in os.environ.get("ABUSE_HEAVY", "batch")
                payload = ([{"query": q} for q in heavy] * 10)[:10] if batch else {"query": query}
                try:
                    async with session.post(url + "/graphql", json=payload) as r:
                        body = await r.read()
                        key = f"heavy {r.status}"
                        if r.status != 200 or b'"errors"' in body[:2000]:
                            try:
                                parsed = json.loads(body)
                                first = parsed[0] if isinstance(parsed, list) else parsed
                                key += " " + first["errors"][0]["extensions"]["code"]
                            except Exception:
                                pass
                        count(key)
                except Exception as e:
                    count(f"heavy {type(e).__name__}")
                    await asyncio.sleep(0.05)
                i += 1

        async def slow_body():
            while time.perf_counter() < end:
                try:
                    reader, writer = await asyncio.open_connection(host, port)
                    writer.write(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                 b"Content-Length: 2000\r\n\r\n{")
                    await writer.drain()
                    count("slow body opened")
                    while time.perf_counter() < end:
                        data = await asyncio.wait_for(reader.read(65536), timeout=5)
                        if not data:
                            count("slow body closed by server")
                            break
                except asyncio.TimeoutError:
                    try:
                        writer.write(b" ")
                        await writer.drain()
                    except Exception:
                        pass
                    continue
                except Exception:
                    count("slow body refused")
                    await asyncio.sleep(0.5)

        async def idle_socket(half_headers):
            while time.perf_counter() < end:
                try:
                    reader, writer = await asyncio.open_connection(host, port)
                    if half_headers:
                        writer.write(b"GET /health HTTP/1.1\r\nHost: x\r\n")
                    await writer.drain()
                    count("idle opened" if not half_headers else "slow headers opened")
                    while time.perf_counter() < end:
                        try:
                            data = await asyncio.wait_for(reader.read(65536), timeout=5)
                        except asyncio.TimeoutError:
                            continue
                        if not data:
                            count("idle closed by server" if not half_headers else "slow headers closed by server")
                            break
                    writer.close()
                except Exception:
                    count("idle refused")
                    await asyncio.sleep(0.5)

        async def silent_ws():
            while time.perf_counter() < end:
                try:
                    async with session.ws_connect(url.replace("http", "ws") + "/graphql/ws",
                                                  protocols=["graphql-transport-ws"]) as ws:
                        count("silent ws opened")
                        msg = await ws.receive(timeout=max(0.1, end - time.perf_counter()))
                        if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                            count(f"silent ws closed {ws.close_code}")
                except asyncio.TimeoutError:
                    pass
                except Exception as e:
                    count(f"silent ws {type(e).__name__}")
                    await asyncio.sleep(0.5)

        async def subscription_flood():
            node = targets["statements"][0]
            while time.perf_counter() < end:
                try:
                    async with session.ws_connect(url.replace("http", "ws") + "/graphql/ws",
                                                  protocols=["graphql-transport-ws"]) as ws:
                        await ws.send_json({"type": "connection_init"})
                        for i in range(5000):
                            await ws.send_json({"type": "subscribe", "id": str(i), "payload": {
                                "query": "subscription($id: ID!) { nodeChanged(id: $id) { id "
                                         "... on Statement { text speaker { name } } } }",
                                "variables": {"id": node}}})
                        count("flood subscribed")
                        while time.perf_counter() < end:
                            msg = await ws.receive(timeout=max(0.1, end - time.perf_counter()))
                            if msg.type == aiohttp.WSMsgType.TEXT:
                                kind = json.loads(msg.data).get("type")
                                count(f"flood {kind}")
                            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                                count(f"flood closed {ws.close_code}")
                                break
                except asyncio.TimeoutError:
                    pass
                except Exception as e:
                    count(f"flood {type(e).__name__}")
                    await asyncio.sleep(0.5)

        async def editor():
            node = targets["statements"][0]
            mutation = """mutation($id: ID!, $v: Int!, $t: String!) { updateStatement(id: $id,
                version: $v, input: { text: $t }) { version } }"""
            query = "query($id: ID!) { node(id: $id) { ... on Statement { version text } } }"
            headers = {"authorization": f"Bearer {EDITOR}"}
            n = 0
            while time.perf_counter() < end:
                await asyncio.sleep(2)
                try:
                    async with session.post(url + "/graphql", headers=headers,
                                            json={"query": query, "variables": {"id": node}}) as r:
                        current = (await r.json())["data"]["node"]
                    n += 1
                    async with session.post(url + "/graphql", headers=headers, json={
                            "query": mutation, "variables": {"id": node, "v": current["version"],
                                                             "t": current["text"].rstrip(" .") + " ." * (n % 2)}}) as r:
                        body = await r.json()
                        count("edit ok" if "errors" not in body else "edit failed")
                except Exception as e:
                    count(f"edit {type(e).__name__}")

        # ABUSE_ONLY=heavy,sockets,websockets picks parts, to see which one hurts.
        only = set(filter(None, os.environ.get("ABUSE_ONLY", "heavy,sockets,websockets").split(",")))
        tasks = []
        if "heavy" in only:
            tasks += [heavy_loop(i) for i in range(16)]
        if "sockets" in only:
            tasks += [slow_body() for _ in range(256)]
            tasks += [idle_socket(False) for _ in range(256)]
            tasks += [idle_socket(True) for _ in range(128)]
        if "websockets" in only:
            tasks += [silent_ws() for _ in range(200)]
            tasks += [subscription_flood() for _ in range(4)]
            tasks.append(editor())
        await asyncio.gather(*tasks, return_exceptions=True)
    Path(out).write_text(json.dumps(counts, sort_keys=True))


# ------------------------------------------------------------------ driver


def post(url, query, variables=None, token=None):
    import urllib.request
    req = urllib.request.Request(url + "/graphql", data=json.dumps(
        {"query": query, "variables": variables or {}}).encode(), headers={
        "content-type": "application/json", **({"authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def find_targets(url):
    data = post(url, """{ people(first: 50) { nodes { id } } issues(first: 30) { nodes { id } }
        statements(first: 100) { nodes { id } } }""")["data"]
    return {"people": [n["id"] for n in data["people"]["nodes"]],
            "issues": [n["id"] for n in data["issues"]["nodes"]],
            "statements": [n["id"] for n in data["statements"]["nodes"]]}


def size_worst(url):
    """The largest n each worst query is accepted with."""
    sizes = {}
    for name in WORST:
        lo, hi = 1, 100
        while lo < hi:
            mid = (lo + hi + 1) // 2
            body = post(url, worst_query(name, mid))
            codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
            if "QUERY_TOO_COMPLEX" in codes or "BAD_USER_INPUT" in codes:
                hi = mid - 1
            else:
                lo = mid
        sizes[name] = lo
    return sizes


def summary(results):
    ms = [r["ms"] for r in results]
    failures = [r for r in results if r["status"] != 200 or r["code"]]
    return {
        "requests": len(results),
        "p50_ms": round(percentile(ms, 50), 1),
        "p90_ms": round(percentile(ms, 90), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
        "status_5xx": sum(1 for r in results if r["status"] >= 500),
        "failed": len(failures),
        "failures": sorted({f"{r['status']} {r['code']}" for r in failures}),
        "by_operation": {
            op: {"p50_ms": round(percentile(times, 50), 1), "p99_ms": round(percentile(times, 99), 1)}
            for op, times in sorted(by_op(results).items())
        },
    }


def by_op(results):
    """Each operation's latencies."""
    out = {}
    for r in results:
        out.setdefault(r.get("op", "?"), []).append(r["ms"])
    return out


def run_phase(server, args, targets, sizes, work, label, abuse):
    good_out = work / f"good-{label}.json"
    bad_out = work / f"bad-{label}.json"
    seconds = args.seconds if abuse else args.baseline
    me = [sys.executable, __file__]
    procs = [subprocess.Popen(me + ["--role", "good", "--url", server.url, "--seconds", str(seconds),
                                    "--rate", str(args.rate), "--targets", json.dumps(targets),
                                    "--out", str(good_out)])]
    if abuse:
        procs.append(subprocess.Popen(me + ["--role", "attacker", "--url", server.url,
                                            "--seconds", str(seconds), "--targets", json.dumps(targets),
                                            "--sizes", json.dumps(sizes), "--out", str(bad_out)]))
    peak = 0
    while any(p.poll() is None for p in procs):
        peak = max(peak, rss_kib(server.proc.pid) or 0)
        time.sleep(0.5)
    for p in procs:
        if p.returncode != 0:
            raise RuntimeError(f"a client process failed ({p.args[3]})")
    out = {"good": summary(json.loads(good_out.read_text())), "peak_rss_mib": round(peak / 1024, 1)}
    if abuse:
        out["attacker"] = json.loads(bad_out.read_text())
        time.sleep(5)
        out["rss_after_mib"] = round((rss_kib(server.proc.pid) or 0) / 1024, 1)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("statements", nargs="?", type=int, default=200_000)
    ap.add_argument("--binary")
    ap.add_argument("--role")
    ap.add_argument("--url")
    ap.add_argument("--targets")
    ap.add_argument("--sizes")
    ap.add_argument("--out")
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("ABUSE_SECONDS", 60)))
    ap.add_argument("--baseline", type=float, default=float(os.environ.get("ABUSE_BASELINE_SECONDS", 10)))
    ap.add_argument("--rate", type=float, default=float(os.environ.get("ABUSE_RATE", 50)))
    args = ap.parse_args()
    if args.role == "good":
        asyncio.run(good_client(args.url, args.seconds, args.rate, json.loads(args.targets), args.out))
        return
    if args.role == "attacker":
        asyncio.run(attacker(args.url, args.seconds, json.loads(args.targets), json.loads(args.sizes),
                             args.out))
        return

    n = args.statements
    pg_admin = os.environ.get("NEWSGRAPH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    db = f"newsgraph_abuse_{n}"
    cache = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache/newsgraph/bench"))
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="newsgraph-abuse-"))
    graph = cache / f"graph-{n}-1.json"
    if not graph.exists():
        log(f"generating {n} statements")
        subprocess.run([args.binary, "generate", "--statements", str(n), "--seed", "1", "-o", str(graph)],
                       check=True)
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("NEWSGRAPH_")}
    base_env.update(RUST_LOG="error", NEWSGRAPH_ENV="production", NEWSGRAPH_WRITE_TOKENS=f"editor={EDITOR}")
    sqlite_dir = work / "sqlite"
    envs = {"sqlite": dict(base_env, NEWSGRAPH_DATA_DIR=str(sqlite_dir), NEWSGRAPH_NO_SEED="1")}
    psql(pg_admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    psql(pg_admin, f"CREATE DATABASE {db}")
    envs["postgres"] = dict(base_env, DATABASE_URL=admin_url(pg_admin, db))
    only = os.environ.get("ABUSE_DATABASES")
    if only:
        envs = {name: env for name, env in envs.items() if name in only.split(",")}
    result = {"statements": n, "seconds": args.seconds, "rate": args.rate, "databases": {}}
    try:
        for name, env in envs.items():
            log(f"{name}: importing {n} statements")
            timed_import(args.binary, graph, env, work, name)
            server = Server(name, [args.binary, "serve", "--addr", "127.0.0.1:0"], env)
            try:
                server.wait_ready("/health")
                targets = find_targets(server.url)
                sizes = size_worst(server.url)
                log(f"{name}: worst query sizes {sizes}")
                r = {"worst_sizes": sizes, "idle_rss_mib": round((rss_kib(server.proc.pid) or 0) / 1024, 1)}
                log(f"{name}: baseline")
                r["baseline"] = run_phase(server, args, targets, sizes, work, f"{name}-base", False)
                log(f"{name}: under abuse")
                r["abuse"] = run_phase(server, args, targets, sizes, work, f"{name}-abuse", True)
                result["databases"][name] = r
                log(f"{name}: {json.dumps(r)}")
            finally:
                server.stop()
    finally:
        psql(pg_admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if set(envs) == {"sqlite", "postgres"} else "-" + "-".join(envs)
    (RESULTS / f"abuse-{n}{suffix}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(report(result))


def report(result):
    lines = [
        f"Abuse benchmark: {result['statements']} statements, {result['seconds']:.0f} s of abuse, "
        f"a well-behaved client at {result['rate']:.0f} requests/s",
        "",
        "| database | phase | requests | p50 ms | p99 ms | max ms | 5xx | failed | peak RSS MiB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in result["databases"].items():
        for phase in ("baseline", "abuse"):
            g = r[phase]["good"]
            lines.append(f"| {name} | {phase} | {g['requests']} | {g['p50_ms']} | {g['p99_ms']} | "
                         f"{g['max_ms']} | {g['status_5xx']} | {g['failed']} | {r[phase]['peak_rss_mib']} |")
    ops = [name for name, _ in GOOD]
    lines += ["", "p50 / p99 ms of each of the client's queries:", "",
              "| database | phase | " + " | ".join(ops) + " |", "| --- | --- |" + " --- |" * len(ops)]
    for name, r in result["databases"].items():
        for phase in ("baseline", "abuse"):
            each = r[phase]["good"]["by_operation"]
            cells = [f"{each[op]['p50_ms']} / {each[op]['p99_ms']}" if op in each else "" for op in ops]
            lines.append(f"| {name} | {phase} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
