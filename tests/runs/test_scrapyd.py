"""Running the groups on several machines with Scrapyd, as the README shows: two Scrapyd
servers on 127.0.0.1 stand for two machines. The project is deployed to both with
scrapyd-deploy (the egg it builds with setup.py bdist_egg, from a copy of the checkout), four
replica sites are scheduled across them (schedule.json, spider portnews, -a base_url and a
site name), each machine writing its groups' archives in its own folder, and the four archives
hold their sites' articles."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from portscraper.replica.data import build_site
from portscraper.replica.server import ReplicaServer

from ..conftest import FAST, ROOT

SCRAPYD = shutil.which("scrapyd", path=str(Path(sys.executable).parent))
DEPLOY = shutil.which("scrapyd-deploy", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(not (SCRAPYD and DEPLOY),
                                reason="scrapyd and scrapyd-client are in the test extra")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(url: str, endpoint: str, **form) -> dict:
    data = urllib.parse.urlencode(form, doseq=True).encode() if form else None
    with urllib.request.urlopen(f"{url}{endpoint}", data=data, timeout=30) as answer:
        return json.loads(answer.read())


def start_scrapyd(folder: Path) -> tuple[str, subprocess.Popen]:
    folder.mkdir()
    port = free_port()
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {folder / 'eggs'}\nlogs_dir = {folder / 'logs'}\n"
        f"dbs_dir = {folder / 'dbs'}\nitems_dir =\nmax_proc = 2\npoll_interval = 0.5\n")
    process = subprocess.Popen([SCRAPYD], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=(folder / "scrapyd.err").open("w"))
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            if api(url, "daemonstatus.json")["status"] == "ok":
                return url, process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise AssertionError((folder / "scrapyd.err").read_text())


@pytest.fixture
def two_machines(tmp_path):
    started = [start_scrapyd(tmp_path / name) for name in ("one", "two")]
    yield [url for url, _ in started]
    for _, process in started:
        process.terminate()
        process.wait(timeout=30)


def deploy(tmp_path: Path, targets: dict[str, str]) -> subprocess.CompletedProcess:
    """scrapyd-deploy -a from a copy of the checkout whose scrapy.cfg names both machines."""
    copy = tmp_path / "checkout"
    copy.mkdir()
    for name in ("portscraper", "pyproject.toml", "setup.py", "README.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, copy / name)
    config = "[settings]\ndefault = portscraper.settings\n\n" + "".join(
        f"[deploy:{name}]\nurl = {url}\nproject = portscraper\n\n"
        for name, url in targets.items())
    (copy / "scrapy.cfg").write_text(config)
    return subprocess.run([DEPLOY, "-a", "-p", "portscraper", "--version", "r1"], cwd=copy,
                          capture_output=True, text=True, timeout=300)


def test_two_scrapyd_machines_crawl_four_groups_into_their_archives(two_machines, tmp_path):
    one, two = two_machines
    deployed = deploy(tmp_path, {"one": one, "two": two})
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    for url in (one, two):
        assert api(url, "listspiders.json?project=portscraper")["spiders"] == \
            ["maoming", "portnews"]
    servers = {name: ReplicaServer(build_site(), family=family) for name, family in
               (("alpha", "trs"), ("beta", "hanweb"), ("gamma", "dede"), ("delta", "phpcms"))}
    urls = {name: server.start() for name, server in servers.items()}
    # Each machine owns two groups and writes their archives in its own folder.
    owner = {"alpha": one, "beta": one, "gamma": two, "delta": two}
    folders = {one: tmp_path / "archive-one", two: tmp_path / "archive-two"}
    for folder in folders.values():
        folder.mkdir()
    settings = {**FAST, "LOG_LEVEL": "INFO"}
    jobs = {}
    try:
        for name, machine in owner.items():
            answer = api(machine, "schedule.json", project="portscraper", spider="portnews",
                         site=name, base_url=urls[name],
                         setting=[f"ARCHIVE_DIR={folders[machine]}",
                                  *(f"{k}={v}" for k, v in settings.items())])
            assert answer["status"] == "ok", answer
            jobs[answer["jobid"]] = machine
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            finished = {job["id"] for url in (one, two) for job in
                        api(url, "listjobs.json?project=portscraper")["finished"]}
            if set(jobs) <= finished:
                break
            time.sleep(0.5)
    finally:
        for server in servers.values():
            server.stop()
    assert set(jobs) <= finished, "the jobs did not finish"
    for name, machine in owner.items():
        db = folders[machine] / f"{name}.db"
        assert db.is_file(), (name, sorted(p.name for p in folders[machine].iterdir()))
        with sqlite3.connect(db) as conn:
            stored = {u for (u,) in conn.execute("SELECT url FROM article_urls")}
            sites = {s for (s,) in conn.execute("SELECT DISTINCT site FROM articles")}
            health = conn.execute("SELECT health FROM crawls").fetchall()
        conn.close()
        assert stored == set(servers[name].family.expected_articles(urls[name])), name
        assert sites == {name} and health == [("ok",)]
    # Collected in one folder, Datasette serves them together (test_datasette_across.py).
    assert sorted(p.name for f in folders.values() for p in f.glob("*.db")) == \
        ["alpha.db", "beta.db", "delta.db", "gamma.db"]
