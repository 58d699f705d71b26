"""Pictures of the record, drawn on the server as SVG (no JavaScript, no library): a page shows
them inline, and a browser without scripts reads them; each bar carries a <title> with its
figures, and the figures are also on the page as text.

- `timeline(groups)`: press releases per month, one row per port group on a shared time axis,
  a year's ticks under it; months with a take-down marked ▼ (red) and with a revision ● (blue)
  under their bar, by the month the article was published.
      groups: [{"label": str, "months": {"2024-06": n}, "removed": {"2024-06": n},
                "revised": {...}, "url": link of the row's label or ""}]
- `years(counts)`: matches per year of a search, a bar per year with its figure above it.
      counts: [("2024", n), ...] in any order

Both return Markup built only of numbers and escaped text; "" when there is nothing to draw.
"""

from __future__ import annotations

from markupsafe import Markup, escape

INK, MUTED, BAR, REMOVED, REVISED = "#1f2328", "#59636e", "#2a6b96", "#cf222e", "#0969da"
FONT = ('font-family="system-ui, -apple-system, \'Segoe UI\', \'Noto Sans CJK SC\', '
        'sans-serif"')


def _month_index(month: str) -> int | None:
    try:
        year, number = int(month[:4]), int(month[5:7])
    except ValueError:
        return None
    return year * 12 + number - 1 if 1 <= number <= 12 and 1900 < year < 2200 else None


def timeline(groups: list[dict], width: int = 980, row: int = 62, label: int = 190) -> Markup:
    indexes = [i for g in groups for m in g.get("months", {})
               if (i := _month_index(m)) is not None]
    if not indexes:
        return Markup("")
    first, last = min(indexes), max(indexes)
    first -= first % 12  # whole years: ticks at January
    span = last - first + 1
    plot = width - label - 10
    step = plot / span
    height = row * len(groups) + 34
    peak = max((n for g in groups for n in g.get("months", {}).values()), default=1) or 1
    parts = [f'<svg class="portscraper-chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" {FONT} '
             f'font-size="12"><title>Press releases per month, by port group</title>']
    for r, group in enumerate(groups):
        top = r * row + 6
        base = top + row - 22  # the bars' baseline; marks below it
        name = escape(group.get("label", ""))
        total = sum(group.get("months", {}).values())
        text = (f'<text x="0" y="{top + 16}" fill="{INK}" font-weight="600">{name}</text>'
                f'<text x="0" y="{top + 32}" fill="{MUTED}">{total:,} press releases</text>')
        parts.append(f'<a href="{escape(group["url"])}">{text}</a>' if group.get("url")
                     else text)
        parts.append(f'<line x1="{label}" x2="{label + plot:.1f}" y1="{base}" y2="{base}" '
                     f'stroke="#d8dee4"/>')
        for month, n in sorted(group.get("months", {}).items()):
            i = _month_index(month)
            if i is None or not n:
                continue
            x = label + (i - first) * step
            h = max(1.5, (row - 30) * n / peak)
            parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{max(1.0, step - 1):.1f}" '
                         f'height="{h:.1f}" fill="{BAR}"><title>{escape(month)}: {n:,} press '
                         f'release{"s" if n != 1 else ""}</title></rect>')
        for key, color, shape in (("removed", REMOVED, "down"), ("revised", REVISED, "dot")):
            for month, n in sorted(group.get(key, {}).items()):
                i = _month_index(month)
                if i is None or not n:
                    continue
                cx = label + (i - first + 0.5) * step
                what = "taken down" if key == "removed" else "revised"
                tip = f"<title>{escape(month)}: {n:,} {what}</title>"
                if shape == "down":
                    parts.append(f'<path d="M{cx - 4:.1f},{base + 4} L{cx + 4:.1f},{base + 4} '
                                 f'L{cx:.1f},{base + 11} Z" fill="{color}">{tip}</path>')
                else:
                    parts.append(f'<circle cx="{cx:.1f}" cy="{base + 15}" r="3.5" '
                                 f'fill="{color}">{tip}</circle>')
    axis = row * len(groups) + 8
    years_shown = span // 12 + 1
    every = max(1, years_shown // 12)  # at most a dozen year labels
    for k in range(0, span, 12):
        x = label + k * step
        year = (first + k) // 12
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="6" y2="{axis}" stroke="#eaeef2"/>')
        if (k // 12) % every == 0:
            parts.append(f'<text x="{x + 2:.1f}" y="{axis + 14}" fill="{MUTED}">{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def years(counts: list[tuple[str, int]], width: int = 560, height: int = 120) -> Markup:
    counts = sorted((str(y), int(n)) for y, n in counts if str(y).isdigit() and n)
    if not counts:
        return Markup("")
    first, last = int(counts[0][0]), int(counts[-1][0])
    by_year = dict(counts)
    span = last - first + 1
    step = (width - 10) / span
    peak = max(n for _, n in counts)
    plot = height - 34
    parts = [f'<svg class="portscraper-chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" {FONT} '
             f'font-size="11"><title>Matches per year</title>']
    every = max(1, span // 14)
    for k in range(span):
        year = str(first + k)
        n = by_year.get(year, 0)
        x = 5 + k * step
        h = plot * n / peak if n else 0
        if n:
            parts.append(f'<rect x="{x + 1:.1f}" y="{18 + plot - h:.1f}" '
                         f'width="{max(1.0, step - 2):.1f}" height="{h:.1f}" fill="{BAR}">'
                         f'<title>{year}: {n:,}</title></rect>')
            if step >= 22:
                parts.append(f'<text x="{x + step / 2:.1f}" y="{14 + plot - h:.1f}" '
                             f'text-anchor="middle" fill="{INK}">{n:,}</text>')
        if k % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height - 4}" text-anchor="middle" '
                         f'fill="{MUTED}">{year}</text>')
    parts.append(f'<line x1="5" x2="{width - 5}" y1="{18 + plot}" y2="{18 + plot}" '
                 f'stroke="#d8dee4"/></svg>')
    return Markup("".join(parts))
