"""The `portscraper` command.

    portscraper crawl [NAME]         one group's scheduled run (cron): lock, log, summary, exit
    portscraper crawl --all          every registered group that is due, several at once
    portscraper sites                the registry of port groups
    portscraper demo                 crawl the bundled replica into demo/demo.db, offline
    portscraper replica              serve the bundled replica site on localhost
    portscraper snapshot ID          write a stored page's original bytes to stdout
    portscraper export FILE          the archive as WARC 1.1 (FILE.warc.gz) or WACZ (FILE.wacz)
    portscraper import FILE          another crawler's WARC into the archive
    portscraper verify               fixity: every snapshot against its sha256, and the file
    portscraper reparse              read the stored article pages again with this extractor

Exit codes of export, import, verify and reparse: 0 ok; 1 verify found damage; 2 bad input
(a missing or damaged file, a file that is not a WARC or not an archive, bad options).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from portscraper.replica.families import FAMILIES

# Outside the project folder there is no scrapy.cfg to point Scrapy at the settings.
os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "portscraper.settings")

# The replica is on this machine: no reason to wait between requests.
LOCAL_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "LOG_LEVEL": "WARNING",
}


def run_spider(spider: str, settings: dict, **spider_args) -> dict:
    """Run one crawl in this process with the project's settings; return its stats.
    scheduled.Locked when another crawl holds the archive's lock."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from portscraper.runs.extensions import locked_out
    from portscraper.runs.scheduled import Locked

    project = get_project_settings()
    project.setdict(settings, priority="cmdline")
    process = CrawlerProcess(project)
    crawler = process.create_crawler(spider)
    locked_out(process.crawl(crawler, **spider_args), crawler)
    process.start()
    if getattr(crawler, "locked", None):  # another crawl holds the archive (ArchiveLock)
        raise Locked(crawler.locked)
    return crawler.stats.get_stats()


def cmd_demo(args) -> int:
    from portscraper.archive import replace as archive_copy
    from portscraper.archive.store import Archive
    from portscraper.replica.server import ReplicaServer
    from portscraper.runs.scheduled import Locked
    from portscraper.runs.verdict import EXIT_LOCKED, exit_code, summary_line

    db_path = Path(args.db)
    check_intact(db_path)  # the new demo archive is copied into it: not into a damaged one
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # A new archive beside the old one, then copied into it in place: a Datasette serving the
    # old one sees the new one (archive_copy).
    building = Path(f"{db_path}.new")
    archive_copy.remove(building)
    with ReplicaServer(layout=args.layout) as server:
        print(f"replica of the Maoming Port Group site serving at {server.url}")
        print(f"crawling it into {db_path} ...")
        try:
            stats = run_spider("maoming", {**LOCAL_SETTINGS, "ARCHIVE_DB": str(building),
                                           "PROGRESS": on_a_terminal()},
                               base_url=server.url)
        except Locked as locked:  # another demo is building it
            return _usage(str(locked), EXIT_LOCKED)
    archive_copy.copy_into(building, db_path)
    archive = Archive(db_path)
    db = archive.db
    counts = archive.counts()
    print(f"\n{summary_line('maoming', stats)}")
    print(f"{counts['articles']} articles at {counts['article_urls']} URLs, "
          f"{counts['snapshots']} page snapshots, {counts['failures']} failures, "
          f"{stats.get('downloader/request_count', 0)} requests in "
          f"{stats.get('elapsed_time_seconds', 0):.1f} s")
    print("\nsections:")
    for section, n in db.execute(
            "SELECT section, count(*) FROM articles GROUP BY section ORDER BY 2 DESC"):
        print(f"  {section:<10} {n:>4}")
    failures = list(db.execute("SELECT url, reason FROM failures ORDER BY id"))
    if failures:
        print("\nfailures:")
        for url, reason in failures:
            print(f"  {url}  {reason}")
    print(f"\nopen it:  datasette {db_path.parent}/   (then http://127.0.0.1:8001/)")
    archive.close()
    return exit_code(stats)


def cmd_crawl(args) -> int:
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    from portscraper.crawl.spiders.portnews import PortNewsSpider
    from portscraper.runs.preflight import Problem, check
    from portscraper.runs.scheduled import scheduled_run
    from portscraper.runs.verdict import EXIT_USAGE

    try:
        settings = dict(_setting(kv) for kv in args.set)
    except ValueError as exc:
        return _usage(str(exc), EXIT_USAGE)
    if args.all:
        if args.site or args.base_url or args.start_url or args.db:
            return _usage("--all runs every registered group that is due, each into its own "
                          "archive: it takes no group name, --base-url, --start-url or --db",
                          EXIT_USAGE)
        from portscraper.runs.all_groups import run_all
        from portscraper.runs.settings_check import check_names

        project = get_project_settings()
        project.setdict(settings, priority="cmdline")
        try:
            check_names(project)  # said once here, not once per group
        except ValueError as exc:
            return _usage(str(exc), EXIT_USAGE)
        return run_all(settings, mode=args.mode, log_dir=Path(args.log_dir), jobs=args.jobs,
                       force=args.force)
    # No name: maoming, as before there were groups (crontabs that say `portscraper crawl`).
    site = args.site or "maoming"
    spider_args = {k: v for k, v in (("site", site), ("base_url", args.base_url),
                                     ("start_url", args.start_url), ("mode", args.mode)) if v}
    project = get_project_settings()
    project.setdict({**settings, **({"ARCHIVE_DB": args.db} if args.db else {})},
                    priority="cmdline")
    try:
        db = check(SpiderLoader.from_settings(project), "portnews", project, spider_args)
        group = PortNewsSpider.parse_arguments(project, **spider_args).group
    except Problem as problem:
        return _usage(str(problem), EXIT_USAGE, problem.word)
    # A person at a terminal sees the run's progress; cron (no terminal) only the summary.
    settings = {"PROGRESS": on_a_terminal(), **settings}
    return scheduled_run(group.name, "portnews", spider_args, settings, Path(db),
                         Path(args.log_dir), run_spider)


def cmd_sites(args) -> int:
    from scrapy.settings import Settings

    from portscraper import settings as defaults
    from portscraper.sites.registry import RegistryError, registry_of
    from portscraper.sites.table import sites_lines

    settings = Settings()
    settings.setmodule(defaults)
    try:
        settings.setdict(dict(_setting(kv) for kv in args.set), priority="cmdline")
        registry = registry_of(settings)
    except (ValueError, RegistryError) as exc:
        raise BadInput(str(exc)) from None
    print("\n".join(sites_lines(registry, settings)))
    return 0


def on_a_terminal() -> bool:
    """Is a person watching? stderr, where the progress line is drawn, is a terminal."""
    return sys.stderr.isatty()


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise ValueError(f"-s takes NAME=VALUE, got {text!r}")
    return name, value


def _usage(message: str, code: int, word: str = "portscraper") -> int:
    print(f"{word}: {message}", file=sys.stderr)
    return code


def cmd_replica(args) -> int:
    from portscraper.replica.__main__ import main as replica_main

    argv = ["--host", args.host, "--port", str(args.port), "--layout", args.layout]
    argv += ["--family", args.family] if args.family else []
    return replica_main(argv + (["--traditional"] if args.traditional else []))


def cmd_snapshot(args) -> int:
    """A stored page's bytes. The archive must exist: a missing or mistyped --db says so and
    creates nothing (SQLite would make a new, empty file of any name)."""
    import sqlite3

    from portscraper.archive.store import Archive
    from portscraper.runs.preflight import Problem, check_archive_path
    from portscraper.runs.verdict import EXIT_USAGE

    path = Path(args.db)
    if not path.is_file():
        return _usage(f"no archive at {path}: give the archive's file with --db "
                      "(default archive/portnews.db)", EXIT_USAGE)
    try:
        check_archive_path(path)
    except Problem as problem:
        return _usage(str(problem), EXIT_USAGE, problem.word)
    archive = Archive(path, readonly=True)
    try:
        try:
            page = archive.snapshot_bytes(args.id)
        except sqlite3.OperationalError:
            # A version-1 archive (no dictionaries yet): upgraded, after a backup, to be read.
            archive.close()
            archive = Archive(path)
            page = archive.snapshot_bytes(args.id)
    except KeyError as exc:
        print(f"portscraper: {exc.args[0]} in {args.db}", file=sys.stderr)
        return 1
    finally:
        archive.close()
    sys.stdout.buffer.write(page)
    return 0


EXIT_DAMAGED = 1
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """One line for stderr, after `word`: what is wrong with what was given (exit code 2)."""

    def __init__(self, message: str, word: str = "portscraper"):
        super().__init__(message)
        self.word = word


def check_intact(path: str) -> None:
    """BadInput, the `damaged:` line of preflight.damaged, when SQLite cannot read the file
    whole, and BadInput (exit code 2) when it is a database this project did not make
    (schema.refusal: its version and tables, read read-only): checked before an Archive is
    opened, since opening one writes (WAL mode, upgrades), and neither a damaged archive nor
    a foreign file is ever written to."""
    from portscraper.runs.preflight import SQLITE_HEADER, Damaged
    from portscraper.runs.preflight import check_intact as intact

    if not Path(path).is_file():
        return
    with open(path, "rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return  # not an SQLite file at all: Archive() says so, writing nothing
    try:
        version, tables = intact(path)
    except Damaged as problem:
        raise BadInput(str(problem), problem.word) from None
    from portscraper.archive.schema import refusal

    problem = refusal(version, tables)
    if problem:  # read-only, before an Archive is opened: a foreign file stays as it is
        raise BadInput(f"{path}: {problem}")


def open_archive(path: str):
    """An existing archive, or BadInput: a command that reads an archive never creates one,
    nor opens a damaged one."""
    import sqlite3

    from portscraper.archive.schema import NotAnArchive
    from portscraper.archive.store import Archive

    if not Path(path).is_file():
        raise BadInput(f"no archive at {path} (give one with --db FILE)")
    check_intact(path)
    try:
        return Archive(path)
    except NotAnArchive as exc:
        raise BadInput(f"{path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"{path} cannot be opened as an archive: {exc}") from None


def _iso_date(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def cmd_export(args) -> int:
    from portscraper.webarchive.export import ExportError, Selection, export_wacz, export_warc

    out = Path(args.output)
    if out.name.endswith(".wacz"):
        export = export_wacz
    elif out.name.endswith((".warc.gz", ".warc")):
        export = export_warc
    else:
        raise BadInput(f"{out}: the output must end in .warc.gz or .wacz")
    if not out.parent.is_dir():
        raise BadInput(f"{out}: the folder {out.parent} does not exist")
    archive = open_archive(args.db)
    try:
        report = export(archive, out, Selection(args.crawl, args.since, args.until))
    except ExportError as exc:
        raise BadInput(str(exc)) from None
    finally:
        archive.close()
    print(report.summary())
    return 0


def cmd_verify(args) -> int:
    """A whole file: every snapshot checked, the check recorded in `fixity_checks`. A file
    SQLite cannot read whole: read-only, what can be read is checked and printed, nothing is
    recorded (a damaged archive is never written to), and the `damaged:` line on stderr names
    the remedy; exit code 1 either way when damage is found."""
    import sqlite3

    from portscraper.archive.fixity import check_fixity
    from portscraper.archive.schema import NotAnArchive
    from portscraper.archive.store import Archive

    try:
        check_intact(args.db)
        damage = None
    except BadInput as problem:
        damage = problem
    if damage is None:
        archive = open_archive(args.db)
    else:
        try:
            archive = Archive(args.db, readonly=True)
        except (sqlite3.DatabaseError, NotAnArchive):
            raise damage from None
    try:
        report = check_fixity(archive, record=damage is None)
    except sqlite3.DatabaseError as exc:
        if damage is not None:
            raise damage from None
        raise BadInput(f"{args.db} is damaged past reading: {exc}") from None
    finally:
        archive.close()
    for damaged in report.damaged:
        print(f"  snapshot {damaged['id']} ({damaged['url']}): {damaged['problem']}")
    if report.integrity != "ok":
        for line in report.integrity.splitlines():
            print(f"  integrity_check: {line}")
    recorded = (f"recorded as fixity check {report.check_id}" if report.check_id else
                f"not recorded: {report.record_error}")
    print(f"{report.summary()} ({recorded})")
    if damage is not None:
        _usage(str(damage), EXIT_DAMAGED, damage.word)
        return EXIT_DAMAGED
    return 0 if report.ok else EXIT_DAMAGED


def cmd_reparse(args) -> int:
    from portscraper.archive.reparse import reparse

    archive = open_archive(args.db)
    try:
        if args.id is not None and archive.article_row(args.id) is None:
            raise BadInput(f"no article {args.id} in {args.db}")
        report = reparse(archive, article_id=args.id, section=args.section,
                         dry_run=args.dry_run)
    finally:
        archive.close()
    print("\n".join(report.lines()))
    return 0


def _size(text: str) -> int:
    from portscraper.webarchive.checks import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_import(args) -> int:
    from portscraper.webarchive.checks import DEFAULT_MAX_SIZE
    from portscraper.webarchive.ingest import (
        NotImportable,
        check_file,
        import_warc,
        index_capture,
    )

    path = Path(args.file)
    try:
        check_file(path)  # before an archive is opened, or made
    except NotImportable as exc:
        raise BadInput(str(exc)) from None
    site_of = _site_of(args.site)
    max_size = args.max_size or DEFAULT_MAX_SIZE
    if Path(args.db).exists():
        check_intact(args.db)
    try:  # every record checked before the archive is opened for writing (or made)
        capture = index_capture(path, Path(args.db), max_size)
    except NotImportable as exc:
        raise BadInput(str(exc)) from None
    archive = open_archive(args.db) if Path(args.db).exists() else _new_archive(args.db)
    try:
        report = import_warc(archive, path, every_page=args.every_page, site_of=site_of,
                             max_size=max_size, capture=capture)
    except NotImportable as exc:
        raise BadInput(str(exc)) from None
    finally:
        archive.close()
    for url, why in report.failures:
        print(f"  not read: {url}: {why}")
    print(report.summary())
    return 0


def _site_of(site: str | None):
    """URL -> the site an imported article belongs to: `--site`, else the registry's group
    whose hosts hold the URL's host, else the host itself (never a fixed name)."""
    from urllib.parse import urlsplit

    from portscraper.sites.registry import RegistryError, load_registry

    if site:
        return lambda url: site
    try:
        groups = load_registry(os.environ.get("REGISTRY") or None).values()
    except RegistryError as exc:
        raise BadInput(str(exc)) from None

    def site_of(url: str) -> str:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        return next((g.name for g in groups if host in g.hosts), host)

    return site_of


def _new_archive(path: str):
    from portscraper.archive.store import Archive

    try:
        return Archive(path)
    except FileNotFoundError as exc:
        raise BadInput(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portscraper", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    # The demo's own folder, not archive/: `datasette archive/` shows each group once, and the
    # demo (a replica of Maoming's site) is not a second Maoming archive beside it.
    demo = sub.add_parser("demo", help="crawl the bundled replica into demo/demo.db")
    demo.add_argument("--db", default="demo/demo.db")
    demo.add_argument("--layout", choices=["table", "div"], default="table")
    demo.set_defaults(func=cmd_demo)

    crawl = sub.add_parser(
        "crawl", help="one scheduled run: lock, log, summary line, exit code (for cron)",
        description="The summary line's first word is the run's verdict. Exit codes: 0 ok; "
                    "1 unreachable (the home or start page could not be had); 2 bad arguments, "
                    "settings or archive (nothing ran); 3 failed (the health check failed); "
                    "4 another run is going on; 5 degraded (pages were lost); 6 interrupted "
                    "(the run did not finish by itself).")
    crawl.add_argument("site", nargs="?", metavar="NAME",
                       help="the group to crawl (see portscraper sites; default maoming), or "
                            "a name for a site the registry does not know, with --base-url")
    crawl.add_argument("--all", action="store_true",
                       help="every registered group that is due, several at once, each into "
                            "its own archive: one summary line per group, one exit code")
    crawl.add_argument("--jobs", type=int, default=4, metavar="N",
                       help="with --all: how many groups are crawled at once (default 4)")
    crawl.add_argument("--force", action="store_true",
                       help="with --all: every group, due or not")
    crawl.add_argument("--mode", choices=["incremental", "full"],
                       help="full: walk every list page and fetch every article again")
    crawl.add_argument("--base-url", help="the site's home page (default: the registry's)")
    crawl.add_argument("--start-url", help="crawl the section of this article")
    crawl.add_argument("--db", help="the archive (default: the group's, ARCHIVE_DIR/NAME.db; "
                                    "maoming's is archive/portnews.db)")
    crawl.add_argument("--log-dir", default="archive/logs")
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="a Scrapy setting, as with scrapy crawl -s")
    crawl.set_defaults(func=cmd_crawl)

    sites = sub.add_parser(
        "sites", help="the registered port groups: names, addresses (verified or not), "
                      "archives, last and next runs",
        description="Every group of the registry (portscraper/sites/groups/, or the folder of the "
                    "setting REGISTRY), with its home page and whether anyone checked it, "
                    "where its address came from, its archive, its last run and when it is "
                    "next due for portscraper crawl --all.")
    sites.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="a setting: REGISTRY=FOLDER, ARCHIVE_DIR=FOLDER")
    sites.set_defaults(func=cmd_sites)

    replica = sub.add_parser("replica", help="serve the bundled replica site")
    replica.add_argument("--host", default="127.0.0.1")
    replica.add_argument("--port", type=int, default=8000)
    replica.add_argument("--layout", choices=["table", "div"], default="table")
    replica.add_argument("--traditional", action="store_true")
    replica.add_argument("--family", choices=FAMILIES,
                         help="serve the same content as another CMS family's site")
    replica.set_defaults(func=cmd_replica)

    snapshot = sub.add_parser("snapshot", help="write a stored page's original bytes to stdout")
    snapshot.add_argument("id", type=int)
    snapshot.add_argument("--db", default="archive/portnews.db")
    snapshot.set_defaults(func=cmd_snapshot)

    export = sub.add_parser(
        "export", help="the archive as WARC 1.1 (FILE.warc.gz) or WACZ (FILE.wacz)",
        description="Write the archive's pages as WARC 1.1 records (request, response, revisit) "
                    "or as a WACZ package (the WARC, its index and the article pages).")
    export.add_argument("output", help="FILE.warc.gz or FILE.wacz")
    export.add_argument("--db", default="archive/portnews.db")
    export.add_argument("--crawl", type=int, metavar="ID", help="only this crawl's pages")
    export.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD",
                        help="only pages fetched on or after this day (UTC)")
    export.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD",
                        help="only pages fetched on or before this day (UTC)")
    export.set_defaults(func=cmd_export)

    verify = sub.add_parser(
        "verify", help="fixity: every snapshot against its sha256, and PRAGMA integrity_check",
        description="Exit codes: 0 every snapshot and the file are whole; 1 damage found; "
                    "2 the archive is missing or cannot be opened.")
    verify.add_argument("--db", default="archive/portnews.db")
    verify.set_defaults(func=cmd_verify)

    reparse = sub.add_parser(
        "reparse", help="read the stored article pages again with the current extractor",
        description="Each field that reads differently is updated; the version it replaces "
                    "goes to revisions with the reason re-extracted (one transaction per "
                    "article). Prints every change, field by field.")
    reparse.add_argument("--db", default="archive/portnews.db")
    which = reparse.add_mutually_exclusive_group()
    which.add_argument("--id", type=int, help="only this article")
    which.add_argument("--section", help="only this section's articles (as articles.section)")
    reparse.add_argument("--dry-run", action="store_true",
                         help="print what would change, write nothing")
    reparse.set_defaults(func=cmd_reparse)

    imp = sub.add_parser(
        "import", help="another crawler's WARC (wget, Heritrix, Browsertrix …) into the archive",
        description="Store a WARC's pages as snapshots (with the file, capture time and record "
                    "id) and its articles as a crawl stores them, found by walking the "
                    "capture as the spider walks the site. The archive is created if missing.")
    imp.add_argument("file", help="FILE.warc.gz, FILE.warc (or an ARC file)")
    imp.add_argument("--db", default="archive/portnews.db")
    imp.add_argument("--every-page", action="store_true",
                     help="also read every captured page no list leads to, as an article "
                          "when it reads as one (done anyway when the capture has no home "
                          "page)")
    imp.add_argument("--site", help="the site the imported articles belong to (default: "
                                    "the registry's group of each page's host, else the host)")
    imp.add_argument("--max-size", type=_size, default=None, metavar="SIZE",
                     help="the most of a payload, and of its body once inflated, that is "
                          "kept (10MB, 500KB or bytes; default 10MB, the crawl's "
                          "DOWNLOAD_MAXSIZE): a record past it is reported, not stored")
    imp.set_defaults(func=cmd_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BadInput as exc:
        return _usage(str(exc), EXIT_BAD_INPUT, exc.word)


if __name__ == "__main__":
    sys.exit(main())
