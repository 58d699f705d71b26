"""The CMS families of the replica beyond the Maoming site's old ASP one (render.py, server.py):
each its own URL forms, list markup and pagination, from what is publicly documented of it.

    trs      TRS WCM: static files, channel folders, index_1.html, a createPageHTML() pager
    hanweb   Hanweb JCMS: col/colN/index.html lists whose records sit in a <script
             type="text/xml"> datastore, later records from the dataproxy.jsp endpoint
    dede     DedeCMS: /a/channel/ and list_12_2.html lists, articles split over 123_2.html
    phpcms   PHPCMS v9: index.php?m=content&c=index&a=lists&catid=12&page=2 lists,
             generated article files split over 123_2.html

A new family is a module here (a FamilySite subclass) with its templates in
templates/FAMILY/, and a line below.
"""

from __future__ import annotations

from ..data import PAGE_SIZE, Site
from .base import FamilySite

FAMILIES = ("trs", "hanweb", "dede", "phpcms")


def family_site(family: str, site: Site, page_size: int = PAGE_SIZE) -> FamilySite:
    if family == "trs":
        from .trs import TrsSite
        return TrsSite(site, page_size)
    if family == "hanweb":
        from .hanweb import HanwebSite
        return HanwebSite(site, page_size)
    if family in ("dede", "phpcms"):
        from .dede import DedeSite
        return DedeSite(site, page_size, flavour=family)
    raise ValueError(f"unknown family {family!r}: one of {', '.join(FAMILIES)}")
