#!/usr/bin/env python3
"""The graph questions' benchmark behind bench/graph: one query of each
kind of issue 19 (statementFacets, timeline, neighbourhood, paths) against
newsgraph on SQLite and on PostgreSQL, over the graph bench/run generates,
with oha. Writes bench/results/graph-<size>.json and prints the table that
BENCHMARKS.md holds.

It reuses bench/run.py's graph, imports, servers and oha runs.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from run import (BENCH, SIZES, Server, admin_url, check, graphql_get, log, ng_id, oha,
                 operations, psql, run, sql_statements, timed_import)

INPUTS = 50
QUERIES = ("G1", "G2", "G3", "G4")


def inputs(pg_url, rng):
    """Issues and speakers picked by a random statement each, so popular
    ones come up as often as they are talked about; pairs of speakers for
    paths."""
    def ids(sql):
        return [int(r[0]) for r in psql(pg_url, sql)]

    top = ids("SELECT max(id) FROM statement")[0]
    picks = "ARRAY[" + ",".join(str(rng.randint(1, top)) for _ in range(INPUTS * 4)) + "]"
    issues = ids(f"SELECT issue_id FROM statement_issue WHERE statement_id = ANY({picks}) LIMIT {INPUTS}")
    people = ids(f"SELECT speaker_id FROM statement WHERE id = ANY({picks}) AND speaker_kind = 'person'")
    pairs = [(a, b) for a, b in zip(people, reversed(people)) if a != b][:INPUTS]
    return issues, people[:INPUTS], pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size", help="S, M, L or a number of statements")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    ap.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 16)))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sequential", action="store_true",
                    help="without oha: one request at a time from Python, for --seconds per query")
    args = ap.parse_args()

    n = SIZES.get(args.size.upper()) or int(args.size)
    label = args.size.upper() if args.size.upper() in SIZES else str(n)
    pg_admin = os.environ.get("NEWSGRAPH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    db = f"newsgraph_graph_bench_{label.lower()}"
    cache = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache/newsgraph/bench"))
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="newsgraph-graph-bench-"))
    result = {"size": label, "statements": n, "seed": args.seed, "seconds": args.seconds,
              "connections": args.connections, "targets": {}}
    try:
        graph = cache / f"graph-{n}-{args.seed}.json"
        if not graph.exists():
            log(f"generating {n} statements")
            run([args.binary, "generate", "--statements", str(n), "--seed", str(args.seed), "-o", str(graph)])
        base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        base_env["RUST_LOG"] = "warn"
        env_sqlite = dict(base_env, NEWSGRAPH_DATA_DIR=str(work / "sqlite"), NEWSGRAPH_NO_SEED="1")
        psql(pg_admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        psql(pg_admin, f"CREATE DATABASE {db}")
        pg_url = admin_url(pg_admin, db)
        env_pg = dict(base_env, DATABASE_URL=pg_url)
        for name, env in (("sqlite", env_sqlite), ("postgres", env_pg)):
            log(f"importing into {name}")
            timed_import(args.binary, graph, env, work, name)
        psql(pg_url, "ANALYZE")

        issues, people, pairs = inputs(pg_url, random.Random(args.seed))
        ops = operations(BENCH / "queries/graph.graphql")
        u = lambda q, v: graphql_get(ops[q][1], ops[q][0], v)  # noqa: E731
        urls = {
            "G1": [u("G1", {"issue": ng_id("Issue", i)}) for i in issues],
            "G2": [u("G2", {"issue": ng_id("Issue", i)}) for i in issues],
            "G3": [u("G3", {"id": ng_id("Person", i)}) for i in people],
            "G4": [u("G4", {"from": ng_id("Person", a), "to": ng_id("Person", b)}) for a, b in pairs],
        }
        for name, env in (("newsgraph-sqlite", env_sqlite), ("newsgraph-postgres", env_pg)):
            server = Server(name, [args.binary, "serve", "--addr", "127.0.0.1:0", "--sql-stats"], env)
            server.wait_ready("/ready")
            r = result["targets"][name] = {}
            try:
                # SQL statements per request: the most over every input.
                r["sql_per_request"] = {
                    q: max(sql_statements(check(q, server.url + url, name)) for url in urls[q]) for q in QUERIES}
                log(f"{name}: SQL per request {r['sql_per_request']}")
                r["load"] = {}
                for q in QUERIES:
                    if args.sequential:
                        r["load"][q] = sequential(server.url, urls[q], args.seconds)
                    else:
                        oha(server.url, urls[q], 2, args.connections)  # warm-up
                        r["load"][q] = oha(server.url, urls[q], args.seconds, args.connections)
                    log(f"  {q}: {r['load'][q]}")
            finally:
                server.stop()
        result["client"] = "sequential" if args.sequential else f"oha, {args.connections} connections"
        out = BENCH / "results" / f"graph-{label}{'-sequential' if args.sequential else ''}.json"
        out.write_text(json.dumps(result, indent=2) + "\n")
        log(f"wrote {out}")
        print(table(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["psql", pg_admin, "-XAtqc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"],
                       capture_output=True)


def sequential(base, paths, seconds):
    """One request at a time over the inputs, in turn, for `seconds`: the
    figures oha gives, from a Python client (which adds its own time)."""
    latencies, errors = [], 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for path in paths:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=60) as r:
                    body = json.loads(r.read())
                errors += 1 if body.get("errors") else 0
            except Exception:
                errors += 1
            latencies.append(time.perf_counter() - start)
    latencies.sort()
    pct = lambda p: round(latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000, 2)  # noqa: E731
    return {"requests_per_second": round(len(latencies) / sum(latencies), 1), "p50_ms": pct(0.5),
            "p99_ms": pct(0.99), "ok": len(latencies) - errors, "errors": errors}


def table(result):
    rows = ["| query | target | requests/s | p50 ms | p99 ms | errors | SQL statements (most) |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for q in QUERIES:
        for name, r in result["targets"].items():
            load = r["load"][q]
            rows.append(f"| {q} | {name} | {load['requests_per_second']} | {load['p50_ms']} | "
                        f"{load['p99_ms']} | {load['errors']} | {r['sql_per_request'][q]} |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
