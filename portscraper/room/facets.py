"""A Datasette facet by year of an ISO date column: `facets: [{year: published}]` in metadata.

Datasette's own date facet counts days; a press archive is browsed by year. Choosing a year
filters with Datasette's own `published__startswith=2024`, so the filter shows and can be
removed like any other.
"""

from __future__ import annotations

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

# A facet as a reader names it, and its empty value (articles.section, byline … left blank).
LABELS = {"site": "Port group", "section": "Section", "byline": "Byline",
          "language": "Language", "removed_reason": "Why removed", "origin": "Origin"}
EMPTY = {"byline": "(no byline)", "section": "(no section)", "site": "(no site)"}


# The articles table's reading columns as headings (the column's name stays in its links).
COLUMN_LABELS = {"articles": {"id": "No.", "published": "Date", "title": "Title",
                              "section": "Section", "byline": "Byline", "site": "Port group"}}


def column_label(table: str | None, name: str) -> str:
    return COLUMN_LABELS.get(table or "", {}).get(name, name)


def facet_label(info: dict) -> str:
    """A facet's heading: "Year" for a year facet, LABELS, else the column's name."""
    if info.get("type") == "year":
        return "Year"
    name = str(info.get("name", ""))
    return LABELS.get(name, name.replace("_", " ").capitalize())


def facet_value(info: dict, value, site_label=str) -> str:
    """A facet value as a reader reads it: a port group by its names (site_label), an empty
    value as what it means ("(no byline)")."""
    name = str(info.get("name", ""))
    text = "" if value is None else str(value)
    if not text.strip():
        return EMPTY.get(name, "(none)")
    return site_label(text) if name == "site" else text


class YearFacet(Facet):
    type = "year"

    async def suggest(self):
        return []  # only where the metadata asks for it

    async def facet_results(self):
        results, timed_out = [], []
        args = dict(self.get_querystring_pairs())
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            col = escape_sqlite(column)
            sql = (f"select substr({col}, 1, 4) as value, count(*) as count from ({self.sql}) "
                   f"where {col} glob '[0-9][0-9][0-9][0-9]*' "
                   f"group by value order by value desc limit {size + 1}")
            try:
                rows = await self.ds.execute(
                    self.database, sql, self.params, truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            lookup = f"{column}__startswith"
            values = []
            for row in rows.rows[:size]:
                selected = args.get(lookup) == row["value"]
                path = (path_with_removed_args(self.request, {lookup: row["value"]}) if selected
                        else path_with_added_args(self.request, {lookup: row["value"]}))
                values.append({"value": row["value"], "label": row["value"],
                               "count": row["count"], "selected": selected,
                               "toggle_url": self.ds.absolute_url(self.request, path)})
            results.append({
                # "year" (the JSON's facet_results key, the heading "Year"); another
                # column's year facet is named after its column.
                "name": "year" if column == "published" else f"{column} year",
                "type": self.type, "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": path_with_removed_args(self.request, {"_facet_year": column}),
                "truncated": len(rows.rows) > size,
            })
        return results, timed_out
