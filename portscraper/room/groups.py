"""Which port group each archive holds, by the registry's names (portscraper/sites/registry.py).

An archive is a file named after its group (archive/zhanjiang.db; maoming keeps
archive/portnews.db, its `archive` key), and its articles' `site` column is the group's short
name. The reading room shows a group by its Chinese and English names, never by its file:

    group_of(datasette, "portnews", site="maoming")
      -> {"group": "maoming", "name_zh": "茂名港集团有限公司",
          "name_en": "Maoming Port Group Co., Ltd.", "label": "茂名港集团有限公司 · Maoming …",
          "registered": True}

The registry read is the one named by the plugin setting `registry` (metadata.yml:
`plugins: {portscraper: {registry: path/to/groups}}`, the same folder as the crawl's setting
REGISTRY), else the bundled one. An archive the registry does not know (a site crawled with
`-a base_url=`) is shown by its `site`, else its file name, with registered False.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from portscraper.sites.registry import Group, RegistryError, load_registry


@lru_cache(maxsize=8)
def _registry(folder: str) -> dict[str, Group]:
    try:
        return load_registry(folder or None)
    except (RegistryError, OSError):
        return {}


def registry(datasette) -> dict[str, Group]:
    """The registry the reading room reads (see the module's docstring), by short name."""
    config = datasette.plugin_config("portscraper") or {}
    folder = config.get("registry") or ""
    if folder and datasette.config_dir and not Path(folder).is_absolute():
        folder = str(Path(datasette.config_dir) / folder)
    return _registry(folder)


def group_of(datasette, database: str, site: str | None = None) -> dict:
    """The group an archive (database name = file name without .db) holds: by the articles'
    `site` when given, else by the registry's archive file names."""
    groups = registry(datasette)
    group = groups.get(site or "")
    if group is None:
        by_file = {Path(g.archive or f"{g.name}.db").stem: g for g in groups.values()}
        group = by_file.get(database)
    if group is None:
        name = site or database
        return {"group": name, "name_zh": "", "name_en": "", "label": name,
                "registered": False}
    label = " · ".join(n for n in (group.name_zh, group.name_en) if n) or group.name
    return {"group": group.name, "name_zh": group.name_zh, "name_en": group.name_en,
            "label": label, "registered": True}


def site_label(datasette, site: str | None) -> str:
    """A `site` value (a group's short name) as the group's names; the value itself when the
    registry does not know it."""
    group = registry(datasette).get(site or "")
    if group is None:
        return site or ""
    return " · ".join(n for n in (group.name_zh, group.name_en) if n) or group.name
