"""What a request cannot do to the reading room (issue 25): its Host header never reaches a
Content-Security-Policy, and an archive with nothing to report answers empty feeds."""

from __future__ import annotations

import shutil
from xml.etree import ElementTree

import pytest

from portscraper.archive.store import Archive

from ..conftest import ROOT
from ..hostile_archive import Client
from ..hostile_archive import config_dir as hostile_archive_dir

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    directory, ids = hostile_archive_dir(tmp_path_factory.mktemp("hostile_rows"))
    client = Client(directory)
    yield client.get, ids
    client.close()


@pytest.mark.parametrize("host", ["evil.example", "evil.example; script-src *",
                                  "x 'unsafe-inline' *; img-src *"])
def test_the_snapshot_views_policy_ignores_the_host_header(hostile, host):
    get, ids = hostile
    base = f"/-/snapshot/portnews/{ids['snapshot']}"
    policies = {}
    for form in ("view", "raw", "text"):
        answer = get(f"{base}/{form}", headers={"host": host})
        assert answer.status_code == 200, form
        policies[form] = answer.headers["content-security-policy"]
        assert "evil" not in policies[form] and "*" not in policies[form], policies[form]
        assert "script-src" not in policies[form] and "allow-scripts" not in policies[form]
    assert policies["view"] == ("sandbox; default-src 'none'; style-src 'unsafe-inline' 'self'; "
                                "img-src data: 'self'; frame-ancestors 'self'")
    # The same policy whatever the Host header said.
    assert get(f"{base}/view").headers["content-security-policy"] == policies["view"]


@pytest.fixture(scope="module")
def empty_room(tmp_path_factory):
    """The archive/ configuration directory with a new archive: no article, no change."""
    folder = tmp_path_factory.mktemp("empty") / "archive"
    shutil.copytree(ROOT / "archive", folder,
                    ignore=shutil.ignore_patterns("*.db", "*.db-*", "logs"))
    Archive(folder / "portnews.db").close()
    client = Client(folder)
    yield client.get
    client.close()


@pytest.mark.parametrize("feed, title", [("changes", "Changes to the press releases"),
                                         ("latest", "Latest press releases")])
def test_an_archive_with_nothing_to_report_answers_an_empty_feed(empty_room, feed, title):
    answer = empty_room(f"/portnews/{feed}.atom")
    assert answer.status_code == 200, answer.text[:300]
    root = ElementTree.fromstring(answer.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}title") == title
    assert root.findtext(f"{ATOM}updated").startswith("1970-01-01T00:00:00")


def test_a_feed_of_a_query_without_the_atom_columns_is_still_a_400(empty_room):
    assert empty_room("/portnews/articles.atom").status_code == 400
