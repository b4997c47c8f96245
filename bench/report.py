#!/usr/bin/env python3
"""Writes the tables of bench/results/run-*.json into BENCHMARKS.md, between
the markers of the section "Queries against PostGraphile"."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "<!-- bench/run tables: begin -->"
END = "<!-- bench/run tables: end -->"
TARGETS = ("newsgraph-sqlite", "newsgraph-postgres", "postgraphile")
TITLES = {"newsgraph-sqlite": "newsgraph, SQLite", "newsgraph-postgres": "newsgraph, PostgreSQL",
          "postgraphile": "PostGraphile 5"}
QUERIES = {
    "Q1": "Q1 an issue's statements",
    "Q2": "Q2 a person's page",
    "Q3": "Q3 search",
    "Q4 page 1": "Q4 statements by date, page 1",
    "Q4 page 1000": "Q4 statements by date, page 1,000",
    "Q5": "Q5 `node(id:)`",
}


def mib(kib):
    return f"{kib / 1024:.0f} MiB" if kib is not None else "–"


def num(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def ratio(x):
    return f"{x:.2f}x" if x < 1 else f"{x:.1f}x"


def section(r):
    n = r["statements"]
    deep = r.get("page_deep", 1000)
    out = [f"### {r['size']}: {n:,} statements", ""]
    m = r["machine"]
    v = m["versions"]
    out += [f"{m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB; {v['rustc']}; PostgreSQL "
            f"{v['postgres']}; PostGraphile {v['postgraphile']} on Node.js {v['node']}; {v['oha']}. "
            f"Generated graph: {r['graph_bytes'] / 1e6:,.0f} MB of JSON (seed {r['seed']}).", ""]

    out += ["| import into | seconds | statements/s | rows/s | peak RSS |", "| --- | --- | --- | --- | --- |"]
    for db, title in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        i = r["import"][db]
        out.append(f"| {title} | {i['seconds']:.1f} | {i['statements_per_second']:,} | "
                   f"{i['rows_per_second']:,} ({i['rows']:,} rows) | {mib(i['peak_rss_kib'])} |")
    out.append("")

    t = r["targets"]
    out += [f"{r['connections']} connections, {r['seconds']} s per query; requests per second, "
            "then p50 / p99 latency in ms:", ""]
    out += ["| query | " + " | ".join(TITLES[x] for x in TARGETS) + " | PostgreSQL vs PostGraphile | SQLite vs PostGraphile |",
            "| --- | --- | --- | --- | --- | --- |"]
    differ = r.get("answers_differ", {})
    for q, title in QUERIES.items():
        if deep != 1000:
            title = title.replace("page 1,000", f"page {deep:,}")
        if q in differ:
            out.append(f"| {title} | " + " | ".join("–" for _ in TARGETS)
                       + f" | not measured: the answers differ from PostGraphile's (input {differ[q]['input']}) | |")
            continue
        cells = []
        for x in TARGETS:
            load = t[x]["load"][q]
            err = f", {load['errors']} errors" if load["errors"] else ""
            cells.append(f"{num(load['requests_per_second'])} ({load['p50_ms']:.1f} / {load['p99_ms']:.1f}{err})")
        base = t["postgraphile"]["load"][q]["requests_per_second"] or 1
        pg = t["newsgraph-postgres"]["load"][q]["requests_per_second"] / base
        lite = t["newsgraph-sqlite"]["load"][q]["requests_per_second"] / base
        out.append(f"| {title} | " + " | ".join(cells) + f" | {ratio(pg)} | {ratio(lite)} |")
    out.append("")

    out += [f"At a fixed rate (half the slowest server's throughput for that query, "
            f"{r.get('rate_seconds', 10)} s, latency corrected for coordinated omission); "
            "p50 / p99 latency in ms:", ""]
    out += ["| query | requests/s | " + " | ".join(TITLES[x] for x in TARGETS) + " |", "| --- | --- | --- | --- | --- |"]
    for q, title in QUERIES.items():
        if deep != 1000:
            title = title.replace("page 1,000", f"page {deep:,}")
        if q in differ:
            continue
        cells = [f"{t[x]['rate'][q]['p50_ms']:.1f} / {t[x]['rate'][q]['p99_ms']:.1f}" for x in TARGETS]
        out.append(f"| {title} | {r['rates'][q]} | " + " | ".join(cells) + " |")
    out.append("")

    out += ["| server | startup | idle RSS | peak RSS under load | SQL statements per request (Q1, Q2, Q3, Q4 page 1, Q4 deep, Q5) |",
            "| --- | --- | --- | --- | --- |"]
    for x in TARGETS:
        s = t[x]
        sql = ", ".join("–" if s["sql_per_request"].get(q) is None else str(s["sql_per_request"][q]) for q in QUERIES)
        out.append(f"| {TITLES[x]} | {s['startup_ms']:,} ms | {mib(s['idle_rss_kib'])} | {mib(s['peak_rss_kib'])} | {sql} |")
    out.append("")
    return out


def main():
    order = {"S": 0, "M": 1, "L": 2}
    results = [json.loads(p.read_text()) for p in (ROOT / "bench/results").glob("run-*.json")]
    results.sort(key=lambda r: (order.get(r["size"], 3), r["statements"]))
    lines = [BEGIN, ""]
    for r in results:
        lines += section(r)
    lines.append(END)
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text()
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + "\n".join(lines) + tail
    else:
        text = text.rstrip() + "\n\n" + "\n".join(lines) + "\n"
    path.write_text(text)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
