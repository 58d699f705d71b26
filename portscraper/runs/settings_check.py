"""Every setting the project reads, checked before a crawl starts.

Scrapy reads a setting when the component that needs it is built, halfway into the run:
`-s DOWNLOAD_DELAY=abc` ends in a traceback from the downloader. Here each setting is read as
the project reads it (Scrapy's own `getfloat`, `getint`, `getbool`, `getlist`, `getdict`), and
the first that does not read gives one line: the setting, the value expected, the value got.

A setting name that neither Scrapy nor the project knows (`-s ARCHIVE_BD=...`) would be
ignored by both, silently: a name given on the command line must be known (check_names).

No Scrapy import at the top: `settings` is anything with Scrapy's Settings getters.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
COVERAGE_FIELDS = ("title", "published", "body", "byline")
_HOST_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*$")


@dataclass(frozen=True)
class Rule:
    """A setting's kind: `read(settings, name)` returns whether the value is one (a getter that
    raises ValueError or TypeError also says no), `expected` is said to the user."""

    read: Callable[[object, str], bool]
    expected: str


def number(minimum: float = 0, maximum: float | None = None, above: bool = False,
           unit: str = "", example: str = "1") -> Rule:
    def read(settings, name):
        value = settings.getfloat(name)
        return (not math.isnan(value) and (value > minimum if above else value >= minimum)
                and (maximum is None or value <= maximum))
    bound = (f"between {minimum:g} and {maximum:g}" if maximum is not None
             else f"above {minimum:g}" if above else f"{minimum:g} or more")
    return Rule(read, f"a number{' of ' + unit if unit else ''}, {bound} (e.g. {example})")


def whole(minimum: int = 0, unit: str = "", example: str = "1") -> Rule:
    def read(settings, name):
        return settings.getint(name) >= minimum
    return Rule(read, f"a whole number{' of ' + unit if unit else ''}, {minimum} or more "
                      f"(e.g. {example})")


BOOL = Rule(lambda s, n: s.getbool(n) in (True, False), "True or False (or 1 or 0)")


def words(what: str, example: str, check: Callable[[str], bool] = bool,
          at_least_one: bool = True) -> Rule:
    def read(settings, name):
        values = [str(v).strip() for v in settings.getlist(name)]
        return all(check(v) for v in values) and (bool(values) or not at_least_one)
    return Rule(read, f"{what} separated by commas (e.g. {example})")


def _status(value: str) -> bool:
    return value.isdigit() and 100 <= int(value) <= 599


def _url(value) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _iso_time(value) -> bool:
    from datetime import datetime
    try:
        datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _coverage(settings, name) -> bool:
    shares = settings.getdict(name)
    return all(key in COVERAGE_FIELDS and 0 <= float(value) <= 1
               for key, value in shares.items())


def _log_level(settings, name) -> bool:
    value = settings.get(name)
    return isinstance(value, int) or str(value).upper() in LOG_LEVELS


SECONDS = {"unit": "seconds"}
RULES: dict[str, Rule] = {
    # politeness and retries (Scrapy's, with the project's values)
    "DOWNLOAD_DELAY": number(**SECONDS, example="2"),
    "DOWNLOAD_TIMEOUT": number(above=True, **SECONDS, example="60"),
    "AUTOTHROTTLE_ENABLED": BOOL,
    "AUTOTHROTTLE_START_DELAY": number(**SECONDS, example="2"),
    "AUTOTHROTTLE_MAX_DELAY": number(**SECONDS, example="60"),
    "AUTOTHROTTLE_TARGET_CONCURRENCY": number(above=True, example="1.0"),
    "CONCURRENT_REQUESTS": whole(1, example="4"),
    "CONCURRENT_REQUESTS_PER_DOMAIN": whole(1, example="1"),
    "ROBOTSTXT_OBEY": BOOL,
    "RETRY_ENABLED": BOOL,
    "RETRY_TIMES": whole(0, example="4"),
    "RETRY_HTTP_CODES": words("HTTP statuses", "500,502,503,429", _status),
    "RETRY_BACKOFF_BASE": number(**SECONDS, example="1"),
    "RETRY_BACKOFF_MAX": number(**SECONDS, example="60"),
    "RETRY_AFTER_MAX": number(**SECONDS, example="120"),
    "DOWNLOAD_MAXSIZE": whole(0, "bytes", "10485760"),
    "DOWNLOAD_WARNSIZE": whole(0, "bytes", "2097152"),
    "COOKIES_ENABLED": BOOL,
    "DEPTH_LIMIT": whole(0, example="0"),
    "CLOSESPIDER_TIMEOUT": number(**SECONDS, example="3600"),
    "CLOSESPIDER_ITEMCOUNT": whole(0, example="1000"),
    "CLOSESPIDER_PAGECOUNT": whole(0, example="1000"),
    "CLOSESPIDER_ERRORCOUNT": whole(0, example="10"),
    "LOG_LEVEL": Rule(_log_level, f"one of {', '.join(LOG_LEVELS)}"),
    "LOG_FILE_APPEND": BOOL,
    # the project's own
    "MAOMING_BASE_URL": Rule(lambda s, n: _url(s.get(n)),
                             "an http(s) URL (e.g. http://www.mmport.com.cn/)"),
    "ARCHIVE_DIR": Rule(lambda s, n: isinstance(s.get(n), str) and bool(s.get(n).strip()),
                        "a folder (e.g. archive)"),
    "SITE_ALIASES": words("host names", "mmport.com.cn,www.mmport.gd.cn",
                          lambda v: bool(_HOST_RE.match(v)), at_least_one=False),
    "NEWS_SECTIONS": words("menu labels", "新闻中心,集团新闻"),
    "SKIP_SECTIONS": words("menu labels", "集团简介,人才招聘", at_least_one=False),
    "ARTICLE_ID_PARAMS": words("query parameter names", "id,newsid"),
    "RECHECK_DAYS": whole(0, "days", "30"),
    "MAX_LIST_PAGES": whole(1, "pages", "500"),
    "ROBOTSTXT_MAXSIZE": whole(1024, "bytes", "512000"),
    "HEALTH_MIN_COVERAGE": Rule(
        _coverage, "JSON of fields (title, published, body, byline) and shares between 0 "
                   'and 1 (e.g. {"title": 0.95, "published": 0.95, "body": 0.9})'),
    "HEALTH_BYLINE_SHARE": number(0, 1, example="0.5"),
    "HEALTH_MAX_FAILURE_RATE": number(0, 1, example="0.2"),
    "HEALTH_MIN_ITEMS": whole(0, "articles", "5"),
    "HEALTH_MAX_UNEXPLAINED_GAP": whole(0, "articles", "0"),
    "FETCH_REQUISITES": BOOL,
    "RUN_TIME": Rule(lambda s, n: _iso_time(s.get(n)),
                     "an ISO 8601 time (e.g. 2026-12-01T06:17:00Z)"),
    "PROGRESS": BOOL,
}


def check_settings(settings) -> None:
    """ValueError naming the first setting given that nobody knows (check_names), or the first
    whose value the project cannot read, the value expected and the value got: `setting
    DOWNLOAD_DELAY must be a number of seconds, 0 or more (e.g. 2), got 'abc'`."""
    check_names(settings)
    for name, rule in RULES.items():
        if settings.get(name) is None:
            continue
        try:
            ok = rule.read(settings, name)
        except (ValueError, TypeError, AttributeError):
            ok = False
        if not ok:
            raise ValueError(f"setting {name} must be {rule.expected}, "
                             f"got {settings.get(name)!r}")


# What a setting's name looks like: upper case, digits and underscores (JOBDIR, FEEDS too).
_NAME_RE = re.compile(r"""["']([A-Z][A-Z0-9_]{2,})["']""")


@functools.cache
def known_names() -> frozenset[str]:
    """Every setting name Scrapy or the project knows: scrapy.settings.default_settings, every
    upper-case string literal in Scrapy's own source (the settings its components read that
    default_settings leaves out, e.g. JOBDIR, FEEDS, LOG_FILE, AUTOTHROTTLE_* of an older
    release), the project's settings module and RULES above. Scrapyd passes only such names
    with -s (LOG_FILE, FEEDS, JOBDIR: scrapyd/environ.py). Generous on purpose: a name
    wrongly known costs a silent typo, as before; a name wrongly unknown refuses a crawl."""
    from pathlib import Path

    import scrapy
    from scrapy.settings import default_settings

    from portscraper import settings as project

    names = {n for module in (default_settings, project) for n in dir(module) if n.isupper()}
    for source in Path(scrapy.__file__).parent.rglob("*.py"):
        names.update(_NAME_RE.findall(source.read_text(encoding="utf-8", errors="replace")))
    return frozenset(names | set(RULES))


def check_names(settings, known=None) -> None:
    """ValueError for the first setting given on the command line (priority `cmdline`: -s,
    or --db) whose name is not known, with the closest known names: `unknown setting
    ARCHIVE_BD: did you mean ARCHIVE_DB?`. Settings of other origins (project, spider,
    Scrapyd's environment) are not the user's typing."""
    from scrapy.settings import SETTINGS_PRIORITIES

    known = known_names() if known is None else known
    for name in settings:
        if settings.getpriority(name) != SETTINGS_PRIORITIES["cmdline"] or name in known:
            continue
        close = difflib.get_close_matches(name, known, n=1)
        hint = f": did you mean {close[0]}?" if close else \
            " (see docs/settings.md, and Scrapy's)"
        raise ValueError(f"unknown setting {name}{hint}")
