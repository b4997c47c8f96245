"""Scores `newsgraph extract` against curated answers.

For the seed article the answer is the curated graph in data/seed/; for the
articles in tests/extract/ it is their .expected.json (quotes with their
speakers, reported-speech sentences). Prints a table and writes
bench/results/extract.json.

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
    return quotes, paraphrases, exp.get("publishedOn")


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
        quotes, paraphrases = seed_answers(os.path.join(ROOT, "data/seed/ukraine-peace-talks.json"))
        for label, db in (("seed article, empty graph", empty), ("seed article, seeded graph", seeded)):
            results[label] = score(run_extract(args.binary, db, seed_txt, "2025-12-03"), quotes, paraphrases)
        fixtures = os.path.join(ROOT, "tests/extract")
        for name in sorted(f[:-4] for f in os.listdir(fixtures) if f.endswith(".txt")):
            text = open(os.path.join(fixtures, name + ".txt"), encoding="utf-8").read()
            quotes, paraphrases, day = fixture_answers(os.path.join(fixtures, name + ".expected.json"), text)
            results[f"{name}, empty graph"] = score(
                run_extract(args.binary, empty, os.path.join(fixtures, name + ".txt"), day), quotes, paraphrases)
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench/results/extract.json"), "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    fmt = lambda x: "–" if x is None else f"{x:.2f}"
    print("| article | quotes found / curated | quote recall | quote precision | right speaker | paraphrase recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, r in results.items():
        print(f"| {label} | {r['quotes_found']} / {r['quotes']} | {fmt(r['quote_recall'])} | {fmt(r['quote_precision'])} "
              f"| {r['speakers_right']} / {r['speakers_named']} ({fmt(r['speaker_accuracy'])}) | {fmt(r['paraphrase_recall'])} |")
    for label, r in results.items():
        for m in r["missed_or_wrong"]:
            print(f"  {label}: missed or wrong: {m}")
        for m in r["not_in_answers"]:
            print(f"  {label}: not in the answers: {m}")


if __name__ == "__main__":
    main()
