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


# The label files of the set, each named as the tables name it: GNE's pages (labels.json) and
# the pages of more/ from other public repositories (labels-more.json, issue 23). A set whose
# labels are missing is left out; labels.json is required.
LABEL_SETS = {"labels.json": "first set (GNE's pages)", "labels-more.json": "more/ (other repos)"}
BOTH = "both sets"


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
    """Run the scorer once per label set for the three extractors; return the figures of each
    set, of both together ("both sets": fields summed page by page, ms/page weighted by pages)
    and the failure kinds. Raises NotAvailable when the set or an extractor is missing."""
    pages = pages.resolve()
    check(pages)
    work = work or Path(tempfile.mkdtemp(prefix="real-pages-"))
    sets = {}
    for labels_name, shown in LABEL_SETS.items():
        if (pages / labels_name).is_file():
            sets[shown] = measure_set(pages, labels_name, work, repeat)
    result = {"pages_dir": str(pages), "repeat": repeat, "sets": sets}
    result.update(_combined(list(sets.values())))
    return result


def measure_set(pages: Path, labels_name: str, work: Path, repeat: int) -> dict:
    """One scorer run on the pages of one label file."""
    out = work / ("real-pages-" + labels_name.removesuffix(".json"))
    out.mkdir(parents=True, exist_ok=True)
    run = run_child([PYTHON, str(pages / SCORER), "--project", str(ROOT), "--pages", str(pages),
                     "--labels", str(pages / labels_name), "--repeat", str(repeat),
                     "--only", ",".join(EXTRACTORS), "--out", str(out)],
                    work / ("scorer-" + labels_name.removesuffix(".json")))
    if run.returncode or not (out / "results.json").is_file():
        raise RuntimeError(f"{SCORER} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    labels = json.loads((pages / labels_name).read_text(encoding="utf-8"))
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
        "labels": labels_name,
        "htmldate": dates,
        "scorer_seconds": round(run.seconds, 1),
        "extractors": extractors,
        "ours_over_gne_pages_per_s": round(ours["pages_per_s"] / gne["pages_per_s"], 2),
        "failure_kinds": kinds,
        "failure_kinds_markdown": real_failures.markdown(kinds),
    }


def _combined(sets: list[dict]) -> dict:
    """Both sets as one: every field's right pages over its labelled pages, ms/page the mean
    over all pages (median: the larger set's), crashes summed."""
    extractors = {}
    for name in EXTRACTORS:
        parts = [s["extractors"][name] for s in sets]
        pages = sum(p["pages"] for p in parts)
        fields = {}
        for f in FIELDS:
            n = sum(p["fields"][f]["n"] for p in parts)
            ok = sum(p["fields"][f]["ok"] for p in parts)
            fields[f] = {"n": n, "ok": ok, "pct": round(100 * ok / n, 1) if n else None}
        ms_mean = round(sum(p["ms_mean"] * p["pages"] for p in parts) / pages, 1)
        extractors[name] = {
            "articles": sum(p["articles"] for p in parts), "fields": fields, "pages": pages,
            "crashes": sum(p["crashes"] for p in parts), "ms_mean": ms_mean,
            "ms_median": max(parts, key=lambda p: p["pages"])["ms_median"],
            "pages_per_s": round(1000 / ms_mean, 1)}
    ours, gne = extractors["portscraper"], extractors["gne"]
    return {"extractors": extractors,
            "ours_over_gne_pages_per_s": round(ours["pages_per_s"] / gne["pages_per_s"], 2)}


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
    """Rows of benchmarks/run.py's table, both sets together and each set (no targets: these
    are pages nobody tuned for)."""
    for where, part in [(BOTH, result)] + list(result["sets"].items()):
        ext = part["extractors"]
        n = ext["portscraper"]["articles"]
        for name, r in ext.items():
            table.add(f"real pages, {where}: {SHOWN[name]}, % right ({n} articles; "
                      f"{' / '.join(FIELDS.values())})", _pcts(r))
        for name, r in ext.items():
            table.add(f"real pages, {where}: {SHOWN[name]}, ms/page ({r['pages']} pages)",
                      f"{r['ms_mean']:.1f} ms ({r['pages_per_s']:.0f} pages/s; median "
                      f"{r['ms_median']:.1f} ms; {r['crashes']} crashes)")
        table.add(f"real pages, {where}: portscraper pages/s over GNE's",
                  f"{part['ours_over_gne_pages_per_s']}")
    for where, part in result["sets"].items():
        dates = part.get("htmldate")
        if dates:
            table.add(f"real pages, {where}: htmldate dates right (portscraper) / ms per page",
                      f"{dates['right']}/{dates['pages']} ({dates['ours_right']}) / "
                      f"{dates['ms_per_page']}")
        kinds = part["failure_kinds"]
        table.add(f"real pages, {where}: portscraper failure kinds (pages, per field)",
                  f"{len(kinds)} kinds, {sum(len(v) for v in kinds.values())} field failures")


def _table(part: dict) -> list[str]:
    head = "| extractor | " + " | ".join(f"{f} %" for f in FIELDS.values()) + \
        " | crashes | ms/page (mean / median) | pages/s |"
    lines = [head, "|---" * (len(FIELDS) + 4) + "|"]
    for name, r in part["extractors"].items():
        cells = [f"{r['fields'][f]['pct']} ({r['fields'][f]['ok']}/{r['fields'][f]['n']})"
                 for f in FIELDS]
        lines.append(f"| {SHOWN[name]} | " + " | ".join(cells) + f" | {r['crashes']} | "
                     f"{r['ms_mean']} / {r['ms_median']} | {r['pages_per_s']:.0f} |")
    lines += ["", f"portscraper pages/s over GNE's: {part['ours_over_gne_pages_per_s']}"]
    return lines


def markdown(result: dict) -> str:
    """The README's tables (both sets, then each), then each set's failure kinds."""
    lines = [f"### {BOTH}", ""] + _table(result)
    for where, part in result["sets"].items():
        lines += ["", f"### {where}", ""] + _table(part)
        dates = part.get("htmldate")
        if dates:
            lines += ["", f"htmldate as date evidence: {dates['right']}/{dates['pages']} dates "
                          f"right ({dates['ms_per_page']} ms/page), portscraper "
                          f"{dates['ours_right']}/{dates['pages']}; right where portscraper is "
                          f"wrong: {len(dates['right_where_we_are_wrong'])} pages, wrong where "
                          f"it is right: {len(dates['wrong_where_we_are_right'])}"]
        lines += ["", "Failure kinds that remain (portscraper):", "",
                  part["failure_kinds_markdown"]]
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
        print(f"the scorer's summary.md and results.json: {work}/real-pages-*")
    return 0


if __name__ == "__main__":
    sys.exit(main())
