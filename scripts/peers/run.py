#!/usr/bin/env python3
"""Run dechrome and its peers on the same HTML pages and print speed and F1 side by side.

Peers: trafilatura, resiliparse, readability-lxml (PyPI, run in this Python) and dom_smoothie
(crates.io, run by the Rust runner in runner/, next to dechrome's library). Every tool runs
single-threaded in its own process over the pages of one data set held in memory; only the
extraction is timed (no reading, no gunzip, no writing). F1 is computed by
shared/tools/score.py (the scrapinghub article-extraction-benchmark metric).

Usually started by run.sh, which installs the peers and builds the runner:

    scripts/peers/run.sh [SET ...]        # default set: l3s-gn1

    python3 scripts/peers/run.py --runner PATH --data DIR --out DIR [--results FILE] SET...
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY_TOOLS = ["trafilatura", "resiliparse", "readability-lxml"]
RS_TOOLS = ["dom_smoothie"]
ORDER = ["dechrome", "trafilatura", "resiliparse", "readability-lxml", "dom_smoothie"]
BLOCK_TAGS = ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "table", "blockquote", "pre", "section", "article", "header", "footer", "td", "th"]


def load(data: Path, name: str):
    gt = json.loads((data / name / "ground-truth.json").read_text("utf8"))
    pages = []
    for p in sorted((data / name / "html").glob("*.html.gz")):
        pid = p.name[: -len(".html.gz")]
        html = gzip.decompress(p.read_bytes()).decode("utf8", "replace")
        pages.append((pid, (gt.get(pid) or {}).get("url"), html))
    return pages


def extractor(tool):
    """A function html, url -> text for one Python tool (imports outside the timed loop)."""
    if tool == "trafilatura":
        import trafilatura

        return lambda html, url: trafilatura.extract(html, url=url, include_comments=False) or ""
    if tool == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        return lambda html, url: extract_plain_text(HTMLTree.parse(html), main_content=True)
    if tool == "readability-lxml":
        import lxml.html
        from readability import Document

        def run(html, url):
            summary = Document(html, url=url).summary(html_partial=True)
            tree = lxml.html.fromstring(summary)
            for el in tree.iter(*BLOCK_TAGS):  # keep block boundaries as line breaks
                el.tail = "\n" + (el.tail or "")
            return tree.text_content()

        return run
    raise SystemExit(f"unknown tool {tool}")


def version(tool):
    from importlib.metadata import version as v

    try:
        return v(tool)
    except Exception:
        return "?"


def run_python_tool(tool, data: Path, name: str, out: Path):
    """Child process: time one Python tool over one data set."""
    pages = load(data, name)
    fn = extractor(tool)
    outputs, failed = [], 0
    cpu0 = time.process_time()
    start = time.perf_counter()
    for _, url, html in pages:
        try:
            outputs.append(fn(html, url) or "")
        except Exception:
            failed += 1
            outputs.append("")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    out.mkdir(parents=True, exist_ok=True)
    for (pid, _, _), text in zip(pages, outputs):
        (out / f"{pid}.txt").write_text(text, "utf8")
    nbytes = sum(len(h.encode("utf8")) for _, _, h in pages)
    timing = {"tool": tool, "version": version(tool), "docs": len(pages), "bytes": nbytes,
              "seconds": seconds, "cpu_seconds": cpu, "docs_per_s": len(pages) / seconds,
              "mb_per_s": nbytes / 1e6 / seconds, "failed": failed}
    (out / "_timing.json").write_text(json.dumps(timing))
    print(json.dumps(timing))


def single_threaded_env():
    env = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
        env[k] = "1"
    return env


def rounds():
    """How many times each tool runs (PEERS_ROUNDS, default 3)."""
    return max(1, int(os.environ.get("PEERS_ROUNDS", "3")))


def measure(args, name: str, out: Path):
    """Run every tool on set `name`, PEERS_ROUNDS times, the order of the tools rotated each
    round so that a slow spell of a shared machine falls on each in turn; each tool's timing is
    that of its median round (by CPU time). Returns {tool: metrics}."""
    gt = args.data / name / "ground-truth.json"
    runs = {tool: [] for tool in ORDER}
    n = rounds()
    for r in range(n):
        order = ORDER[r % len(ORDER):] + ORDER[:r % len(ORDER)]
        for tool in order:
            dest = out / name / tool
            print(f"== {name}: {tool} (round {r + 1} of {n})", file=sys.stderr, flush=True)
            if tool in PY_TOOLS:
                cmd = [sys.executable, __file__, "--child", tool, "--data", str(args.data),
                       "--out", str(dest), name]
            else:
                cmd = [str(args.runner), tool, str(gt), str(args.data / name / "html"), str(dest)]
            # taskset pins the tool to one core where available: per-core figures.
            if args.taskset:
                cmd = ["taskset", "-c", args.taskset] + cmd
            subprocess.run(cmd, check=True, env=single_threaded_env(), stdout=subprocess.DEVNULL)
            runs[tool].append(json.loads((dest / "_timing.json").read_text()))
    for tool, timings in runs.items():
        timings.sort(key=lambda t: t["cpu_seconds"])
        median = dict(timings[len(timings) // 2])
        median["rounds"] = len(timings)
        median["cpu_seconds_each"] = [round(t["cpu_seconds"], 4) for t in timings]
        (out / name / tool / "_timing.json").write_text(json.dumps(median))
    scores = out / name / "_scores.json"
    subprocess.run([sys.executable, str(args.score), "--gt", str(gt), "--json", str(scores),
                    *[str(out / name / t) for t in ORDER]], check=True, stdout=subprocess.DEVNULL)
    return json.loads(scores.read_text())


def table(name, res):
    base = res["dechrome"]

    def per_cpu(t):
        return t["docs"] / t["cpu_seconds"], t["bytes"] / 1e6 / t["cpu_seconds"]

    rows = [f"### {name} ({base['timing']['docs']} pages, "
            f"{base['timing']['bytes'] / 1e6:.1f} MB of HTML)", "",
            "| tool | version | pages/s | MB/s | pages/s (wall) | F1 | precision | recall | failed "
            "| dechrome's pages/s ÷ tool's | tool's F1 − dechrome's |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    base_pages, _ = per_cpu(base["timing"])
    for tool in ORDER:
        m = res[tool]
        t = m["timing"]
        pages, mb = per_cpu(t)
        ver = t.get("version") or ""
        rows.append(
            f"| {tool} | {ver} | {pages:.1f} | {mb:.2f} | {t['docs_per_s']:.1f} | {m['f1']:.3f} | "
            f"{m['precision']:.3f} | {m['recall']:.3f} | {t.get('failed', 0)} | "
            f"{base_pages / pages:.2f}× | {m['f1'] - base['f1']:+.3f} |")
    return "\n".join(rows) + "\n"


def machine():
    try:
        return subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()[:20]
    except OSError:
        return ["lscpu not available"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--runner", type=Path)
    ap.add_argument("--score", type=Path)
    ap.add_argument("--results", type=Path, help="append the tables to this Markdown file")
    ap.add_argument("--taskset", default="", help="CPU list for taskset, e.g. 1 ('' = none)")
    ap.add_argument("--dechrome-version", default="")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_python_tool(args.child, args.data, args.sets[0], args.out)
        return
    tables = []
    for name in args.sets:
        res = measure(args, name, args.out)
        # The runner's timing has no version: fill it in for the table.
        res["dechrome"]["timing"]["version"] = args.dechrome_version
        res["dom_smoothie"]["timing"]["version"] = os.environ.get("DOM_SMOOTHIE_VERSION", "")
        tables.append(table(name, res))
        print(tables[-1], flush=True)
    if args.results:
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        block = [f"## Run of {stamp}", "",
                 f"Command: `scripts/peers/run.sh {' '.join(args.sets)}`"
                 + (f" (pinned with `taskset -c {args.taskset}`)" if args.taskset else "")
                 + f"; each tool run {rounds()} times, tools in rotating order, its median"
                 " round (CPU time) shown.", "",
                 f"Load average at the end of the run: {os.getloadavg()[0]:.1f} (1 min), on {os.cpu_count()} CPUs.", "",
                 "Machine (`lscpu | head -20`):", "", "```", *machine(), "```", "", *tables]
        with args.results.open("a", encoding="utf8") as f:
            f.write("\n".join(block) + "\n")


if __name__ == "__main__":
    main()
