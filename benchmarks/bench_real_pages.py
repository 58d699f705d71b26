"""Real pages: portscraper, GNE and trafilatura on the hand-labelled Chinese news pages of
../shared/real-pages, in one run of that set's own scorer, and the failure kinds that remain.

    .venv/bin/python benchmarks/bench_real_pages.py [--pages ../shared/real-pages] [--repeat 3]
                                                    [--json FILE] [--keep]

The pages and the scorer (score_real_pages.py) are someone else's data and stay where they are:
this module runs the scorer as a child process (`--project` this checkout, `--out` a work
folder), then reads its results.json. What a field counts as right is the scorer's rule (see its
docstring): title equal without white space, date the same day, byline holds every labelled
name, body "loose" holds the first and last sentence, "exact" starts and ends with them.

Figures, per extractor, over the article pages: title / date / byline / body loose / body exact
in % (each over the pages labelled with that field), ms/page (mean over all pages, list pages
included, each the fastest of --repeat calls; the scorer times the call on the page's raw bytes,
decoding included), pages/s = 1000 / mean ms, and our pages/s over GNE's. Failure kinds: see
real_failures.py. Run by benchmarks/run.py as the part "real"; never by pytest.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

import real_failures
from common import PYTHON, ROOT, run_child

SCORER = "score_real_pages.py"
DEFAULT_PAGES = ROOT.parent / "shared" / "real-pages"
EXTRACTORS = ("portscraper", "gne", "trafilatura")  # the scorer's names
SHOWN = {"portscraper": "portscraper", "gne": "GNE", "trafilatura": "trafilatura"}
# The scorer's field names, and how the table names them.
FIELDS = {"title": "title", "date": "date", "byline": "byline", "body_loose": "body loose",
          "body_exact": "body exact"}


class NotAvailable(Exception):
    """The page set or an extractor to compare with is missing: a message, not a traceback."""


def check(pages: Path) -> None:
    if not (pages / SCORER).is_file() or not (pages / "labels.json").is_file():
        raise NotAvailable(
            f"no real-pages set at {pages} ({SCORER} and labels.json expected): it lives beside "
            "the project as ../shared/real-pages; pass --pages FOLDER if it is elsewhere")
    missing = [m for m in ("gne", "trafilatura", "lxml_html_clean")
               if importlib.util.find_spec(m) is None]
    if missing:
        raise NotAvailable(f"not installed: {', '.join(missing)}; run "
                           ".venv/bin/pip install -e '.[bench]'")


def measure(pages: Path = DEFAULT_PAGES, work: Path | None = None, repeat: int = 3) -> dict:
    """Run the scorer once for the three extractors; return the figures and failure kinds.
    Raises NotAvailable when the set or an extractor is missing."""
    pages = pages.resolve()
    check(pages)
    work = work or Path(tempfile.mkdtemp(prefix="real-pages-"))
    out = work / "real-pages"
    out.mkdir(parents=True, exist_ok=True)
    run = run_child([PYTHON, str(pages / SCORER), "--project", str(ROOT), "--pages", str(pages),
                     "--repeat", str(repeat), "--only", ",".join(EXTRACTORS), "--out", str(out)],
                    work / "real-pages-scorer")
    if run.returncode or not (out / "results.json").is_file():
        raise RuntimeError(f"{SCORER} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    labels = json.loads((pages / "labels.json").read_text(encoding="utf-8"))
    summary = results["summary"]
    extractors = {}
    for name in EXTRACTORS:
        fields = summary["all"][name]
        runtime = summary["runtime"][name]
        extractors[name] = {
            "articles": fields["pages"],
            "fields": {f: fields[f] for f in FIELDS},  # {"n", "ok", "pct"} each
            "pages": runtime["pages"], "crashes": runtime["errors"],
            "ms_mean": runtime["ms_mean"], "ms_median": runtime["ms_median"],
            "pages_per_s": round(1000 / runtime["ms_mean"], 1),
        }
    ours, gne = extractors["portscraper"], extractors["gne"]
    kinds = real_failures.classify(results, labels, pages)
    dates = htmldate_as_evidence(results, labels, pages)
    return {
        "htmldate": dates,
        "pages_dir": str(pages), "repeat": repeat, "scorer_seconds": round(run.seconds, 1),
        "extractors": extractors,
        "ours_over_gne_pages_per_s": round(ours["pages_per_s"] / gne["pages_per_s"], 2),
        "failure_kinds": kinds,
        "failure_kinds_markdown": real_failures.markdown(kinds),
    }


def htmldate_as_evidence(results: dict, labels: list, pages: Path) -> dict | None:
    """Would htmldate help as one more piece of date evidence? Its date on every labelled page
    (`find_date(html, original_date=True)`, the page decoded as the scorer decodes it for GNE),
    its ms/page, and the pages where it is right and we are wrong (what it could add) or wrong
    where we are right. None when htmldate is not installed."""
    if importlib.util.find_spec("htmldate") is None:
        return None
    import time

    from htmldate import find_date
    from w3lib.encoding import html_to_unicode

    ours = {row["path"]: row["results"]["portscraper"]["pred"].get("date", "")[:10]
            for row in results["pages"]}
    right = ours_right = total = 0
    seconds = 0.0
    adds, loses = [], []
    for label in labels:
        if not label.get("article", True) or not label.get("published"):
            continue
        raw = (pages / label["path"]).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = html_to_unicode(None, raw)[1]
        start = time.perf_counter()
        try:
            found = find_date(text, original_date=True, outputformat="%Y-%m-%d") or ""
        except Exception:  # htmldate raises on some markup; a miss, not a stop
            found = ""
        seconds += time.perf_counter() - start
        want = label["published"][:10]
        total += 1
        right += found == want
        ours_right += ours.get(label["path"]) == want
        if found == want and ours.get(label["path"]) != want:
            adds.append(label["path"])
        if found != want and ours.get(label["path"]) == want:
            loses.append(label["path"])
    return {"pages": total, "right": right, "ours_right": ours_right,
            "ms_per_page": round(1000 * seconds / total, 1) if total else None,
            "right_where_we_are_wrong": adds, "wrong_where_we_are_right": loses}


def _pcts(r: dict) -> str:
    return " / ".join("-" if r["fields"][f]["pct"] is None else f"{r['fields'][f]['pct']:.0f}"
                      for f in FIELDS)


def add_rows(table, result: dict) -> None:
    """Rows of benchmarks/run.py's table (no targets: these are pages nobody tuned for)."""
    ext = result["extractors"]
    n = ext["portscraper"]["articles"]
    for name, r in ext.items():
        table.add(f"real pages: {SHOWN[name]}, % right ({n} articles; "
                  f"{' / '.join(FIELDS.values())})", _pcts(r))
    for name, r in ext.items():
        table.add(f"real pages: {SHOWN[name]}, ms/page ({r['pages']} pages)",
                  f"{r['ms_mean']:.1f} ms ({r['pages_per_s']:.0f} pages/s; median "
                  f"{r['ms_median']:.1f} ms; {r['crashes']} crashes)")
    table.add("real pages: portscraper pages/s over GNE's",
              f"{result['ours_over_gne_pages_per_s']}")
    dates = result.get("htmldate")
    if dates:
        table.add("real pages: htmldate dates right (portscraper) / ms per page",
                  f"{dates['right']}/{dates['pages']} ({dates['ours_right']}) / "
                  f"{dates['ms_per_page']}")
    kinds = result["failure_kinds"]
    table.add("real pages: portscraper failure kinds (pages, per field)",
              f"{len(kinds)} kinds, {sum(len(v) for v in kinds.values())} field failures")


def markdown(result: dict) -> str:
    """The README's table, then the failure kinds."""
    head = "| extractor | " + " | ".join(f"{f} %" for f in FIELDS.values()) + \
        " | crashes | ms/page (mean / median) | pages/s |"
    lines = [head, "|---" * (len(FIELDS) + 4) + "|"]
    for name, r in result["extractors"].items():
        cells = [f"{r['fields'][f]['pct']} ({r['fields'][f]['ok']}/{r['fields'][f]['n']})"
                 for f in FIELDS]
        lines.append(f"| {SHOWN[name]} | " + " | ".join(cells) + f" | {r['crashes']} | "
                     f"{r['ms_mean']} / {r['ms_median']} | {r['pages_per_s']:.0f} |")
    lines += ["", f"portscraper pages/s over GNE's: {result['ours_over_gne_pages_per_s']}"]
    dates = result.get("htmldate")
    if dates:
        lines += ["", f"htmldate as date evidence: {dates['right']}/{dates['pages']} dates right "
                      f"({dates['ms_per_page']} ms/page), portscraper {dates['ours_right']}/"
                      f"{dates['pages']}; right where portscraper is wrong: "
                      f"{len(dates['right_where_we_are_wrong'])} pages, wrong where it is right: "
                      f"{len(dates['wrong_where_we_are_right'])}"]
    lines += ["",
              "Failure kinds that remain (portscraper):", "", result["failure_kinds_markdown"]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES,
                        help="the real-pages folder (default ../shared/real-pages)")
    parser.add_argument("--repeat", type=int, default=3, help="calls per page; the fastest counts")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the scorer's output folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="portscraper-real-"))
    try:
        result = measure(args.pages, work, args.repeat)
    except NotAvailable as exc:
        print(f"real pages: not measured: {exc}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nwritten to {args.json}")
    if args.keep:
        print(f"the scorer's summary.md and results.json: {work / 'real-pages'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
