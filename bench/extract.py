"""Scores `newsgraph extract` against curated answers.

For the seed article the answer is the curated graph in data/seed/; for the
articles in tests/extract/ it is their .expected.json (quotes with their
speakers, reported-speech sentences, amounts of money, counts and events).
On the seed it also scores the entities the text names, the roles, and the
issues of the statements found (on the seeded graph, where the issues are
known). Prints tables and writes bench/results/extract.json.

    python3 bench/extract.py --binary target/release/newsgraph
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def norm(text):
    """Lower case, no accents, quotation marks or punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return " ".join(text.split())


def same_words(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 0.5 * len(long_)


def same_person(draft_name, gold_names):
    d = norm(draft_name)
    for g in gold_names:
        g = norm(g)
        if d == g or (d.split()[-1:] == g.split()[-1:] and d[:1] == g[:1] and len(d.split()) > 1):
            return True
    return False


def run_extract(binary, data_dir, article, published_on):
    cmd = [binary, "--data-dir", data_dir, "extract", article]
    if published_on:
        cmd += ["--published-on", published_on]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def seed_answers(path):
    doc = json.load(open(path))
    names = {}
    for kind in ("people", "organisations"):
        for r in doc.get(kind, []):
            names[r["key"]] = [r["name"]] + r.get("aliases", [])
    quotes, paraphrases = [], []
    for s in doc["statements"]:
        item = {"speaker": names.get(s["speaker"], [s["speaker"]]),
                "start": s["evidence"]["start"], "end": s["evidence"]["end"]}
        if s["kind"] == "direct_quote":
            quotes.append(dict(item, text=s["text"]))
        else:
            paraphrases.append(item)
    return quotes, paraphrases


def seed_facts(doc, text):
    """The seed's amounts, counts, events, entities named in the text, roles
    and statement issues, in the scorer's terms."""
    names = {}
    for kind in ("people", "organisations", "places"):
        for r in doc.get(kind, []):
            names[r["key"]] = [r["name"]] + r.get("aliases", [])
    issue_names = {i["key"]: i["name"] for i in doc.get("issues", [])}
    amounts = [{"amount": m.get("amount"), "currency": m.get("currency"), "kind": m["kind"],
                "qualifier": m.get("amountQualifier"), "term": m.get("term"),
                "share": [m["share"]["numerator"], m["share"]["denominator"]] if m.get("share") else None,
                "secured": (m.get("securedAgainst") or {}).get("qualifier")}
               for m in doc.get("financialMeasures", [])]
    counts = [{"value": q["value"], "qualifier": q["qualifier"], "measure": q["measure"]}
              for e in doc.get("events", []) for q in e.get("quantities", [])]
    events = [{"start": e["evidence"]["start"], "end": e["evidence"]["end"], "kind": e["kind"],
               "startedOn": e.get("startedOn")} for e in doc.get("events", [])]
    folded = norm(text)
    entities = [ns for ns in names.values() if any(f" {norm(n)} " in f" {folded} " for n in ns)]
    roles = [{"person": names[r["person"]], "title": r["title"]} for r in doc.get("roles", [])]
    return amounts, counts, events, entities, roles, names, issue_names


def fixture_answers(path, text):
    exp = json.load(open(path))
    quotes = [{"text": q["text"], "speaker": [q["speaker"]] if q["speaker"] else None}
              for q in exp["quotes"]]
    paraphrases = []
    for p in exp["paraphrases"]:
        start = text.find(p["sentence"])
        if start < 0:
            sys.exit(f"{path}: sentence not in the article: {p['sentence']}")
        # Code points, as the import format counts.
        start = len(text[:start])
        paraphrases.append({"speaker": [p["speaker"]], "start": start, "end": start + len(p["sentence"])})
    events = []
    for e in exp.get("events", []):
        start = text.find(e["excerpt"])
        if start < 0:
            sys.exit(f"{path}: event excerpt not in the article: {e['excerpt']}")
        start = len(text[:start])
        events.append({"start": start, "end": start + len(e["excerpt"]), "kind": e["kind"],
                       "startedOn": e.get("startedOn")})
    facts = {"amounts": exp.get("amounts", []), "counts": exp.get("counts", []), "events": events}
    return quotes, paraphrases, exp.get("publishedOn"), facts


def score(draft, quotes, paraphrases):
    names = {r["key"]: r["name"] for kind in ("people", "organisations") for r in draft.get(kind, [])}
    dq = [s for s in draft["statements"] if s["kind"] == "direct_quote"]
    dp = [s for s in draft["statements"] if s["kind"] == "paraphrase"]
    found, right, named = 0, 0, 0
    matched_draft = set()
    misses = []
    for q in quotes:
        hit = next((i for i, s in enumerate(dq) if i not in matched_draft and same_words(s["text"], q["text"])), None)
        if hit is None:
            misses.append(q["text"])
            continue
        matched_draft.add(hit)
        found += 1
        if q["speaker"]:
            named += 1
            if same_person(names.get(dq[hit]["speaker"], ""), q["speaker"]):
                right += 1
            else:
                misses.append(f'{q["text"]} (speaker {names.get(dq[hit]["speaker"])})')
    extra = [s["text"] for i, s in enumerate(dq) if i not in matched_draft]
    para_found, para_right = 0, 0
    for p in paraphrases:
        hit = next((s for s in dp if s["evidence"]["start"] < p["end"] and p["start"] < s["evidence"]["end"]), None)
        if hit:
            para_found += 1
            para_right += same_person(names.get(hit["speaker"], ""), p["speaker"])
    return {
        "quotes": len(quotes), "quotes_found": found, "draft_quotes": len(dq),
        "quote_recall": found / len(quotes) if quotes else None,
        "quote_precision": found / len(dq) if dq else None,
        "speakers_named": named, "speakers_right": right,
        "speaker_accuracy": right / named if named else None,
        "paraphrases": len(paraphrases), "paraphrases_found": para_found, "paraphrase_speakers_right": para_right,
        "paraphrase_recall": para_found / len(paraphrases) if paraphrases else None,
        "missed_or_wrong": misses, "not_in_answers": extra,
    }


def ratio(a, b):
    return a / b if b else None


def same_amount(a, b):
    try:
        return a is not None and b is not None and float(a) == float(b)
    except ValueError:
        return False


def score_facts(draft, facts):
    """Amounts, counts and events against the answers: recall, precision and
    how many of those found have the right qualifier, kind or date."""
    out = {}
    dm = draft.get("financialMeasures", [])
    found, qualified, kinds, unmatched = 0, 0, 0, set(range(len(dm)))
    misses = []
    for a in facts["amounts"]:
        hit = next((i for i in unmatched if same_amount(dm[i].get("amount"), a["amount"])
                    and dm[i].get("currency") == a["currency"]), None)
        if hit is None:
            misses.append(f'amount {a["amount"]} {a["currency"]}')
            continue
        unmatched.discard(hit)
        found += 1
        m = dm[hit]
        qualified += m.get("amountQualifier") == a.get("qualifier")
        kinds += m["kind"] == a["kind"]
        for key, got in (("term", m.get("term")),
                         ("share", [m["share"]["numerator"], m["share"]["denominator"]] if m.get("share") else None),
                         ("secured", (m.get("securedAgainst") or {}).get("qualifier"))):
            if a.get(key) is not None and a[key] != got:
                misses.append(f'amount {a["amount"]}: {key} {got!r}, answer {a[key]!r}')
    out["amounts"] = {"answers": len(facts["amounts"]), "found": found, "draft": len(dm),
                      "recall": ratio(found, len(facts["amounts"])), "precision": ratio(found, len(dm)),
                      "qualifier_right": qualified, "kind_right": kinds}
    dc = [q for e in draft.get("events", []) for q in e.get("quantities", [])]
    found, qualified, unmatched = 0, 0, set(range(len(dc)))
    for c in facts["counts"]:
        words = set(norm(c["measure"]).split())
        hit = next((i for i in unmatched if dc[i]["value"] == c["value"]
                    and words & set(norm(dc[i]["measure"]).split())), None)
        if hit is None:
            misses.append(f'count {c["value"]} {c["measure"]}')
            continue
        unmatched.discard(hit)
        found += 1
        if dc[hit]["qualifier"] == c["qualifier"]:
            qualified += 1
        else:
            misses.append(f'count {c["value"]} {c["measure"]}: qualifier {dc[hit]["qualifier"]}, answer {c["qualifier"]}')
    out["counts"] = {"answers": len(facts["counts"]), "found": found, "draft": len(dc),
                     "recall": ratio(found, len(facts["counts"])), "precision": ratio(found, len(dc)),
                     "qualifier_right": qualified}
    de = draft.get("events", [])
    found, kinds, dated, unmatched = 0, 0, 0, set(range(len(de)))
    overlaps = lambda d, e: d["evidence"]["start"] < e["end"] and e["start"] < d["evidence"]["end"]
    for e in facts["events"]:
        hit = next((i for i in sorted(unmatched) if overlaps(de[i], e)), None)
        if hit is None:
            misses.append(f'event {e["kind"]} at {e["start"]}')
            continue
        unmatched.discard(hit)
        found += 1
        kinds += de[hit]["kind"] == e["kind"]
        if e.get("startedOn"):
            dated += de[hit].get("startedOn") == e["startedOn"]
    # A draft event over the span of an answer already matched is no error
    # of its own (two sentences told of one event).
    extra = [de[i]["label"] for i in sorted(unmatched) if not any(overlaps(de[i], e) for e in facts["events"])]
    out["events"] = {"answers": len(facts["events"]), "found": found, "draft": len(de),
                     "recall": ratio(found, len(facts["events"])),
                     "precision": ratio(len(de) - len(extra), len(de)),
                     "kind_right": kinds, "dated": sum(1 for e in facts["events"] if e.get("startedOn")),
                     "date_right": dated}
    out["fact_misses"] = misses
    out["extra_events"] = extra
    return out


def score_seed_graph(draft, entities, roles, names, issue_names, doc):
    """Entities named, roles, and the issues of statements, on the seed."""
    drafted = [r["name"] for kind in ("people", "organisations", "places") for r in draft.get(kind, [])]
    known = list(names.values())
    found = sum(1 for ns in entities if any(same_person(d, ns) for d in drafted))
    right = sum(1 for d in drafted if any(same_person(d, ns) for ns in known))
    dnames = {r["key"]: r["name"] for kind in ("people", "organisations") for r in draft.get(kind, [])}
    droles = [(dnames.get(r["person"], ""), norm(r["title"])) for r in draft.get("roles", [])]
    role_hit = lambda d, g: same_person(d[0], g["person"]) and (d[1] in norm(g["title"]) or norm(g["title"]) in d[1])
    roles_found = sum(1 for g in roles if any(role_hit(d, g) for d in droles))
    roles_right = sum(1 for d in droles if any(role_hit(d, g) for g in roles))
    # Issues: for each curated statement the draft has (by overlapping
    # span), the issues both name.
    dissues = {i["key"]: i["name"] for i in draft.get("issues", [])}
    gold_pairs, draft_pairs, both = 0, 0, 0
    for g in doc["statements"]:
        gs, ge = g["evidence"]["start"], g["evidence"]["end"]
        d = next((d for d in draft["statements"] if d["evidence"]["start"] < ge and gs < d["evidence"]["end"]), None)
        if d is None:
            continue
        gi = {issue_names[a["issue"]] for a in g.get("about", [])}
        di = {dissues.get(a["issue"]) for a in d.get("about", [])}
        gold_pairs += len(gi)
        draft_pairs += len(di)
        both += len(gi & di)
    return {
        "entities": {"answers": len(entities), "found": found, "draft": len(drafted),
                     "recall": ratio(found, len(entities)), "precision": ratio(right, len(drafted))},
        "roles": {"answers": len(roles), "found": roles_found, "draft": len(droles),
                  "recall": ratio(roles_found, len(roles)), "precision": ratio(roles_right, len(droles))},
        "issues": {"answers": gold_pairs, "found": both, "draft": draft_pairs,
                   "recall": ratio(both, gold_pairs), "precision": ratio(both, draft_pairs)},
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        empty, seeded = os.path.join(tmp, "empty"), os.path.join(tmp, "seeded")
        subprocess.run([args.binary, "--data-dir", empty, "migrate"], check=True, capture_output=True)
        subprocess.run([args.binary, "--data-dir", seeded, "migrate"], check=True, capture_output=True)
        subprocess.run([args.binary, "--data-dir", seeded, "import", os.path.join(ROOT, "data/seed/ukraine-peace-talks.json")],
                       check=True, capture_output=True)
        seed_txt = os.path.join(ROOT, "data/seed/ukraine-peace-talks.txt")
        seed_json = os.path.join(ROOT, "data/seed/ukraine-peace-talks.json")
        quotes, paraphrases = seed_answers(seed_json)
        doc = json.load(open(seed_json))
        amounts, counts, events, entities, roles, names, issue_names = seed_facts(
            doc, open(seed_txt, encoding="utf-8").read())
        for label, db in (("seed article, empty graph", empty), ("seed article, seeded graph", seeded)):
            draft = run_extract(args.binary, db, seed_txt, "2025-12-03")
            results[label] = score(draft, quotes, paraphrases)
            results[label].update(score_facts(draft, {"amounts": amounts, "counts": counts, "events": events}))
            results[label].update(score_seed_graph(draft, entities, roles, names, issue_names, doc))
        fixtures = os.path.join(ROOT, "tests/extract")
        for name in sorted(f[:-4] for f in os.listdir(fixtures) if f.endswith(".txt")):
            text = open(os.path.join(fixtures, name + ".txt"), encoding="utf-8").read()
            quotes, paraphrases, day, facts = fixture_answers(os.path.join(fixtures, name + ".expected.json"), text)
            draft = run_extract(args.binary, empty, os.path.join(fixtures, name + ".txt"), day)
            results[f"{name}, empty graph"] = score(draft, quotes, paraphrases)
            results[f"{name}, empty graph"].update(score_facts(draft, facts))
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench/results/extract.json"), "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    fmt = lambda x: "–" if x is None else f"{x:.2f}"
    print("| article | quotes found / curated | quote recall | quote precision | right speaker | paraphrase recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, r in results.items():
        print(f"| {label} | {r['quotes_found']} / {r['quotes']} | {fmt(r['quote_recall'])} | {fmt(r['quote_precision'])} "
              f"| {r['speakers_right']} / {r['speakers_named']} ({fmt(r['speaker_accuracy'])}) | {fmt(r['paraphrase_recall'])} |")
    print()
    print("| article | amounts found / answers (precision) | right qualifier, kind | counts found / answers (precision) | right qualifier | events found / answers (precision) | right kind, date |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, r in results.items():
        a, c, e = r["amounts"], r["counts"], r["events"]
        print(f"| {label} | {a['found']} / {a['answers']} ({fmt(a['precision'])}) | {a['qualifier_right']}, {a['kind_right']} "
              f"| {c['found']} / {c['answers']} ({fmt(c['precision'])}) | {c['qualifier_right']} "
              f"| {e['found']} / {e['answers']} ({fmt(e['precision'])}) | {e['kind_right']}, {e['date_right']} of {e['dated']} |")
    print()
    print("| seed article | entities named: recall / precision | roles: recall / precision | statement issues: recall / precision |")
    print("| --- | --- | --- | --- |")
    for label, r in results.items():
        if "entities" in r:
            print(f"| {label} | {fmt(r['entities']['recall'])} / {fmt(r['entities']['precision'])} "
                  f"| {fmt(r['roles']['recall'])} / {fmt(r['roles']['precision'])} "
                  f"| {fmt(r['issues']['recall'])} / {fmt(r['issues']['precision'])} |")
    for label, r in results.items():
        for m in r["fact_misses"]:
            print(f"  {label}: missed or wrong: {m}")
        for m in r["extra_events"]:
            print(f"  {label}: event not in the answers: {m}")
        for m in r["missed_or_wrong"]:
            print(f"  {label}: missed or wrong: {m}")
        for m in r["not_in_answers"]:
            print(f"  {label}: not in the answers: {m}")


if __name__ == "__main__":
    main()
