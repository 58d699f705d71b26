"""The registry of port groups: what the project knows about each group's site, as data.

One TOML file per group in `portscraper/sites/groups/` (or in the folder of the setting REGISTRY);
the file's name is the group's short name: `portscraper/sites/groups/zhanjiang.toml` is the group
`zhanjiang`, crawled by `scrapy crawl portnews -a site=zhanjiang` into `archive/zhanjiang.db`.
A new group is a new file; no code changes. The schema (every key but the names and `home` may
be left out):

    name_zh            the group's name in Chinese (茂名港集团有限公司)
    name_en            its name in English
    home               list of home-page URLs; the crawl starts from each (a Chinese and an
                       English site, say); `-a base_url=` replaces them for one run
    former             earlier addresses of the site (host names or URLs): their pages are the
                       same articles (they become SITE_ALIASES)
    sections           menu labels of news sections that NEWS_SECTIONS does not name (港航资讯):
                       only where the group's names differ from the defaults
    skip_sections      menu labels never crawled, beyond SKIP_SECTIONS
    article_id_params  query parameters that identify an article (more.asp?id=N: ["id"]),
                       tried before ARTICLE_ID_PARAMS
    language           the site's language: zh-Hans (default), zh-Hant or en
    verified           true only when someone fetched the home page and saw the group's site
    source             where the address came from (and when it was checked, if it was)
    every              how often `portscraper crawl --all` runs it: 12h, 1d (default), 7d;
                       from 1h to 366d (MAX_EVERY_HOURS), so that a due time is a date
    archive            the archive's file name in ARCHIVE_DIR (default NAME.db)
    notes              anything a maintainer should know

No Scrapy here: the spider, `portscraper sites` and `portscraper crawl --all` all read it.
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

BUNDLED = Path(__file__).parent / "groups"
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
LANGUAGES = ("zh-Hans", "zh-Hant", "en")
# At most 7 digits: int() never sees a number Python refuses (4,300 digits and more), and the
# bound below is checked on a number. A group run less than once a year is not scheduled.
_EVERY_RE = re.compile(r"^(\d{1,7})\s*([hd])$")
MAX_EVERY_HOURS = 366 * 24
KEYS = {"name_zh": str, "name_en": str, "home": list, "former": list, "sections": list,
        "skip_sections": list, "article_id_params": list, "language": str, "verified": bool,
        "source": str, "every": str, "archive": str, "notes": str}
REQUIRED = ("name_zh", "name_en", "home")


class RegistryError(ValueError):
    """A group file that does not follow the schema, or a group that is not registered: one
    line that names the file or the group."""


@dataclass(frozen=True)
class Group:
    name: str
    home: tuple[str, ...]
    name_zh: str = ""
    name_en: str = ""
    former: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    skip_sections: tuple[str, ...] = ()
    article_id_params: tuple[str, ...] = ()
    language: str = "zh-Hans"
    verified: bool = False
    source: str = ""
    every: str = "1d"
    archive: str = ""
    notes: str = ""
    registered: bool = field(default=True, compare=False)

    @property
    def hosts(self) -> frozenset[str]:
        """Every host name of the group's site, now and before, without "www."."""
        names = [urlsplit(u).hostname or "" for u in self.home]
        names += [urlsplit(f).hostname if "//" in f else f for f in self.former]
        return frozenset(_bare(n) for n in names if n)

    @property
    def aliases(self) -> list[str]:
        """The earlier host names, as SITE_ALIASES takes them."""
        return [urlsplit(f).hostname if "//" in f else f for f in self.former]

    @property
    def interval(self) -> timedelta:
        return timedelta(hours=_hours(*_EVERY_RE.match(self.every).groups()))

    def archive_path(self, archive_dir: str | Path = "archive") -> Path:
        return Path(archive_dir) / (self.archive or f"{self.name}.db")

    def with_home(self, *urls: str) -> Group:
        return replace(self, home=tuple(urls))


def _hours(number: str, unit: str) -> int:
    """`every`'s number (digits) and unit (h or d) in hours."""
    return int(number) * (24 if unit == "d" else 1)


def _bare(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def read_group(path) -> Group:
    """One group file (a Path, or a file inside the installed package: importlib.resources,
    which also reads an egg's zip, as Scrapyd runs the project), checked against the schema."""
    name = path.name.removesuffix(".toml")
    if not NAME_RE.match(name):
        raise RegistryError(f"{path}: a group's file name is its short name: lower-case "
                            "letters, digits and _, starting with a letter")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path}: not TOML: {error}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise RegistryError(f"{path}: unknown key(s) {', '.join(unknown)}; the keys are "
                            f"{', '.join(KEYS)} (see portscraper/sites/registry.py)")
    missing = [k for k in REQUIRED if not data.get(k)]
    if missing:
        raise RegistryError(f"{path}: missing {', '.join(missing)}")
    for key, kind in KEYS.items():
        if key in data and not isinstance(data[key], kind):
            raise RegistryError(f"{path}: {key} must be a {kind.__name__}")
        if kind is list and not all(isinstance(v, str) and v.strip() for v in data.get(key, [])):
            raise RegistryError(f"{path}: {key} must be a list of non-empty strings")
    bad = [u for u in data["home"] if not _is_url(u)]
    if bad:
        raise RegistryError(f"{path}: home must hold http(s) URLs, got {bad[0]!r}")
    if data.get("language", "zh-Hans") not in LANGUAGES:
        raise RegistryError(f"{path}: language must be one of {', '.join(LANGUAGES)}")
    every = _EVERY_RE.match(data.get("every", "1d"))
    if not every or not 1 <= _hours(*every.groups()) <= MAX_EVERY_HOURS:
        raise RegistryError(f"{path}: every must be a number of hours or days from 1h to "
                            f"366d, e.g. 12h or 1d, not {data['every'][:40]!r}")
    if data.get("archive") and ("/" in data["archive"] or not data["archive"].endswith(".db")):
        raise RegistryError(f"{path}: archive is a file name ending in .db, in ARCHIVE_DIR")
    return Group(name=name, **{k: tuple(v) if isinstance(v, list) else v
                               for k, v in data.items()})


def load_registry(folder: str | Path | None = None) -> dict[str, Group]:
    """Every group of the registry folder (default: the bundled one), by short name."""
    folder = Path(folder) if folder else resources.files("portscraper.sites").joinpath("groups")
    if not folder.is_dir():
        raise RegistryError(f"the registry {folder} is not a folder of group files (NAME.toml)")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")),
                   key=lambda f: f.name)
    groups = (read_group(f) for f in files)
    return {group.name: group for group in groups}


def registry_of(settings) -> dict[str, Group]:
    """The registry the settings name (REGISTRY), or the bundled one."""
    return load_registry(settings.get("REGISTRY") or None)


def unregistered(base_url: str, name: str | None = None) -> Group:
    """A site the registry does not know, crawled from `base_url`: named `name`, or after its
    host (www.example.com:8080 -> example_com_8080)."""
    parts = urlsplit(base_url)
    if not name:
        name = re.sub(r"[^a-z0-9]+", "_", _bare(parts.netloc)).strip("_") or "site"
        name = name if name[0].isalpha() else f"site_{name}"
    return Group(name=name, home=(base_url,), source="given on the command line",
                 registered=False)


def find_group(registry: dict[str, Group], site: str | None, base_url: str | None) -> Group:
    """The group a crawl is for: `site` by name (at `base_url` when one is given: a mirror, a
    new address), else the group whose site `base_url` is on, else an unregistered site."""
    if site:
        if not NAME_RE.match(site):
            raise RegistryError(f"site must be a short name (lower-case letters, digits, _), "
                                f"got {site!r}")
        group = registry.get(site)
        if group is None:
            if base_url:
                return unregistered(base_url, site)
            raise RegistryError(f"no group named {site!r} in the registry (see portscraper "
                                "sites); give its address with -a base_url=URL to crawl a site "
                                "the registry does not know")
        return group.with_home(base_url) if base_url else group
    if not base_url:
        raise RegistryError("name a group (-a site=NAME, see portscraper sites) or a site's "
                            "home page (-a base_url=URL)")
    host = _bare(urlsplit(base_url).hostname or "")
    for group in registry.values():
        if host in group.hosts:
            return group.with_home(base_url)
    return unregistered(base_url)


def archive_db(settings, group: Group) -> str:
    """The archive file of a group's crawl: ARCHIVE_DB when it is given, else the group's file
    in ARCHIVE_DIR (archive/NAME.db; maoming keeps archive/portnews.db)."""
    return settings.get("ARCHIVE_DB") or str(group.archive_path(
        settings.get("ARCHIVE_DIR") or "archive"))


# --- when a group is due ------------------------------------------------------------------

def last_run(archive: Path) -> datetime | None:
    """When the archive's last crawl that ran to its end (not interrupted) started, or None."""
    if not archive.is_file():
        return None
    try:
        with sqlite3.connect(f"file:{archive}?mode=ro", uri=True) as conn:
            columns = {r[1] for r in conn.execute("PRAGMA table_info(crawls)")}
            health = "AND coalesce(health, '') != 'interrupted'" if "health" in columns else ""
            (started,) = conn.execute(
                f"SELECT max(started_at) FROM crawls WHERE finished_at IS NOT NULL {health}"
            ).fetchone()
        conn.close()
    except sqlite3.Error:
        return None
    if not started:
        return None
    moment = datetime.fromisoformat(started)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def last_verdict(archive: Path) -> tuple[str, datetime] | None:
    """(verdict, when it started) of the archive's latest crawl, or None (no archive, no run).
    A run that never closed its row (killed outright) was interrupted."""
    if not archive.is_file():
        return None
    try:
        with sqlite3.connect(f"file:{archive}?mode=ro", uri=True) as conn:
            columns = {r[1] for r in conn.execute("PRAGMA table_info(crawls)")}
            health = "health" if "health" in columns else "NULL"
            row = conn.execute(
                f"SELECT started_at, finished_at, {health} FROM crawls "
                "ORDER BY started_at DESC, id DESC LIMIT 1").fetchone()
        conn.close()
    except sqlite3.Error:
        return None
    if row is None or not row[0]:
        return None
    moment = datetime.fromisoformat(row[0])
    verdict = row[2] or ("interrupted" if row[1] is None else "ok")
    return verdict, moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def next_due(group: Group, archive: Path) -> datetime | None:
    """When the group is next due: its last run's start plus nine tenths of `every` (so that
    a daily cron line finds a daily group due however long yesterday's run took to start);
    None when it is due now: never run, or its latest run was not `ok` (unreachable,
    interrupted, failed, degraded: the next `crawl --all` tries again, whatever `every`)."""
    latest = last_verdict(archive)
    if latest is None or latest[0] != "ok":
        return None
    last = last_run(archive)
    return None if last is None else last + group.interval * 0.9


def is_due(group: Group, archive: Path, now: datetime | None = None) -> bool:
    due = next_due(group, archive)
    return due is None or due <= (now or datetime.now(UTC))
