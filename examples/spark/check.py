#!/usr/bin/env python3
"""CI check: dechrome as a Spark `RDD.pipe` stage returns every record, cleaned, in order.

Builds JSONL records from the pages under testdata/ (text records, a few HTML records, and bad
records in the middle: not JSON, not an object, no page field), runs them through the stage of
pipe_jsonl.py with several partitions in local mode, and compares each output record with the
same page cleaned by `dechrome clean --format json` directly (no Spark, no JSONL).

    python3 examples/spark/check.py --dechrome target/release/dechrome

Exit 0 when every check holds; prints one line per failed check otherwise.
"""
import argparse
import html
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pipe_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PARTITIONS = 4


def direct(dechrome, page: Path, mode: str, url=None):
    """The page cleaned by the CLI without Spark or JSONL: the reference output."""
    cmd = [dechrome, "clean", "--format", "json", "--input", mode, str(page)]
    if url:
        cmd += ["--url", url]
    out = subprocess.run(cmd, check=True, capture_output=True).stdout
    return json.loads(out)


def as_html(text: str) -> str:
    paras = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


def records(tmp: Path):
    """(line, expectation) pairs in input order."""
    pages = sorted(ROOT.glob("testdata/*/*.txt"))
    assert pages, "no pages under testdata/"
    out = []
    n = 0
    for round_ in range(8):
        for page in pages:
            text = page.read_text("utf8")
            if round_ == 7 and n % 3 == 0:
                # HTML records: the same pages as minimal HTML in the `html` field.
                doc = as_html(text)
                f = tmp / f"{n}.html"
                f.write_text(doc, "utf8")
                rec = {"id": n, "html": doc}
                out.append((json.dumps(rec, ensure_ascii=False), ("page", rec, f, "html", None)))
            else:
                url = "https://www.devdiscourse.com/article/x" if round_ % 2 else None
                rec = {"id": n, "text": text, "note": "é ✓"}
                if url:
                    rec["url"] = url
                out.append((json.dumps(rec, ensure_ascii=round_ % 3 == 0), ("page", rec, page, "text", url)))
            n += 1
    mid = len(out) // 2
    out.insert(mid, ("this line is not JSON", ("error", "not JSON")))
    out.insert(mid + 1, ('["an", "array"]', ("error", "not a JSON object")))
    out.insert(mid + 2, (json.dumps({"id": "no-page", "body": "x"}), ("error", "no \"html\" or \"text\" field")))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dechrome", default=str(ROOT / "target/release/dechrome"),
                    help="the binary Spark pipes through")
    ap.add_argument("--reference", help="the binary for the direct (no Spark) outputs; "
                    "default: the same as --dechrome")
    args = ap.parse_args()
    dechrome = str(Path(args.dechrome).resolve())
    reference = str(Path(args.reference or args.dechrome).resolve())
    import tempfile

    failures, failed = [], set()

    def fail(i, msg):
        failures.append(msg)
        failed.add(i)
    with tempfile.TemporaryDirectory() as tmp:
        recs = records(Path(tmp))
        lines = [line for line, _ in recs]
        spark = pipe_jsonl.session(f"local[{PARTITIONS}]", "dechrome-check")
        try:
            rdd = spark.sparkContext.parallelize(lines, PARTITIONS)
            assert rdd.getNumPartitions() == PARTITIONS
            got = pipe_jsonl.clean(rdd, dechrome).collect()
        finally:
            spark.stop()
        if len(got) != len(lines):
            fail(-1, f"{len(lines)} records in, {len(got)} out")
        cache = {}
        cleaned = 0  # records with something removed: proof that cleaning happened
        for i, ((line, want), out) in enumerate(zip(recs, got)):
            try:
                o = json.loads(out)
            except ValueError as e:
                fail(i, f"record {i}: output is not JSON ({e}): {out[:80]!r}")
                continue
            if want[0] == "error":
                err = o.get("dechrome", {}).get("error", "")
                if want[1] not in err:
                    fail(i, f"record {i}: expected an error with {want[1]!r}, got {o}")
                if want[1] != "no \"html\" or \"text\" field" and o.get("raw") != line:
                    fail(i, f"record {i}: the raw line is not kept")
                continue
            _, rec, page, mode, url = want
            for k, v in rec.items():
                if o.get(k) != v:
                    fail(i, f"record {i}: field {k!r} changed or out of order")
            d = o.get("dechrome")
            if not isinstance(d, dict) or "error" in d:
                fail(i, f"record {i}: not cleaned: {d}")
                continue
            key = (str(page), mode, url)
            if key not in cache:
                cache[key] = direct(reference, page, mode, url)
            ref = cache[key]
            for k in ("title", "summary", "body", "meta", "site", "removed"):
                if d.get(k) != ref.get(k):
                    fail(i, f"record {i} ({page.name}): {k} differs from direct cleaning")
            if d.get("removed"):
                cleaned += 1
        if cleaned < len(recs) // 2:
            fail(-2, f"only {cleaned} of {len(recs)} records had anything removed")
    for f in failures:
        print(f"FAIL {f}")
    bad = len(failed)
    print(f"({len(recs)} records, {PARTITIONS} partitions, 3 bad records in the middle)")
    print(f"spark: {max(len(recs) - bad, 0)} passed, {bad} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
