"""Search throughput: one-word and two-word queries against newsgraph on
SQLite and PostgreSQL, over a generated graph. Reuses bench/run.py's
graph cache, import, server and oha helpers; without oha, ApacheBench
(`ab`, one query at a time, keep-alive). Writes results/search-SIZE.json.

    python3 bench/search.py S|M|L|N --binary target/release/newsgraph
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from run import (BENCH, SEARCH_WORDS, SIZES, Server, admin_url, graphql_get, log, oha,
                 psql, run, timed_import)

QUERY = ("query Search($q: String!) { search(query: $q, first: 20) { totalCount nodes { "
         "score field text node { __typename ... on Statement { id } ... on Event { id } "
         "... on Person { id name } } } } }")
# Reader phrasing over the generator's words: a subject and a topic.
TWO_WORD_HEADS = ["russian", "ukraine", "kremlin", "european", "talks", "new"]


def ab(base, paths, seconds, connections):
    """ApacheBench over each path in turn, an equal share of the time each;
    requests per second over them all."""
    ok = failed = 0
    elapsed = 0.0
    share = max(1, seconds // len(paths))
    for path in paths:
        out = subprocess.run(["ab", "-k", "-q", "-c", str(connections), "-t", str(share),
                              "-n", "1000000", base + path],
                             capture_output=True, text=True, check=True).stdout
        done = int(re.search(r"Complete requests:\s+(\d+)", out).group(1))
        bad = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
        non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
        bad += int(non2xx.group(1)) if non2xx else 0
        ok += done - bad
        failed += bad
        elapsed += float(re.search(r"Time taken for tests:\s+([\d.]+)", out).group(1))
    return {"requests_per_second": round(ok / elapsed, 1), "ok": ok, "errors": failed, "tool": "ab"}


def load(base, paths, seconds, connections):
    if shutil.which("oha"):
        return dict(oha(base, paths, seconds, connections), tool="oha")
    return ab(base, paths, seconds, connections)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 20)))
    ap.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 32)))
    ap.add_argument("--databases", default=os.environ.get("BENCH_DATABASES", "sqlite,postgres"))
    args = ap.parse_args()
    label = args.size.upper()
    n = SIZES.get(label) or int(args.size)
    cache = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache/newsgraph/bench"))
    cache.mkdir(parents=True, exist_ok=True)
    graph = cache / f"graph-{n}-{args.seed}.json"
    if not graph.exists():
        log(f"generating {n} statements")
        run([args.binary, "generate", "--statements", str(n), "--seed", str(args.seed), "-o", str(graph)])
    work = Path(tempfile.mkdtemp(prefix="newsgraph-search-bench-"))
    pg_admin = os.environ.get("NEWSGRAPH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    db = f"newsgraph_search_bench_{label.lower()}"
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    base_env["RUST_LOG"] = "warn"
    envs = {
        "sqlite": dict(base_env, NEWSGRAPH_DATA_DIR=str(work / "sqlite"), NEWSGRAPH_NO_SEED="1"),
        "postgres": dict(base_env, DATABASE_URL=admin_url(pg_admin, db)),
    }
    rng = random.Random(args.seed)
    one = list(SEARCH_WORDS)
    two = [f"{rng.choice(TWO_WORD_HEADS)} {w}" for w in SEARCH_WORDS]
    result = {"size": label, "statements": n, "seconds": args.seconds,
              "connections": args.connections, "one_word": one, "two_words": two, "runs": {}}
    try:
        for name in args.databases.split(","):
            if name == "postgres":
                psql(pg_admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
                psql(pg_admin, f"CREATE DATABASE {db}")
            log(f"importing into {name}")
            seconds, _ = timed_import(args.binary, graph, envs[name], work, name)
            if name == "postgres":
                psql(envs[name]["DATABASE_URL"], "ANALYZE")
            server = Server(name, [args.binary, "serve", "--addr", "127.0.0.1:0"], envs[name])
            try:
                server.wait_ready("/ready")
                figures = {"import_seconds": seconds}
                for kind, queries in (("one word", one), ("two words", two)):
                    paths = [graphql_get(QUERY, "Search", {"q": q}) for q in queries]
                    load(server.url, paths[:2], 2, args.connections)  # warm-up
                    figures[kind] = load(server.url, paths, args.seconds, args.connections)
                    log(f"  {name} {kind}: {figures[kind]}")
                result["runs"][name] = figures
            finally:
                server.stop()
    finally:
        psql(pg_admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    out = BENCH / "results" / f"search-{label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    log(f"wrote {out}")


if __name__ == "__main__":
    main()
