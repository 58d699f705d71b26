"""`portscraper crawl --all`: every registered group that is due, several at once, each into
its own archive; one summary line per group, one exit code; a group that fails does not stop
the others. Four replica sites of four CMS families stand for four groups, registered in a
registry folder of the test's own (the setting REGISTRY)."""

from __future__ import annotations

import re
import socket
import sqlite3
import subprocess
import sys

from portscraper.replica.data import build_site
from portscraper.replica.server import ReplicaServer
from portscraper.runs.verdict import EXIT_UNREACHABLE

from ..conftest import FAST, ROOT


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def register(folder, name: str, home: str) -> None:
    (folder / f"{name}.toml").write_text(
        f'name_zh = "{name}港口集团"\nname_en = "{name} port group"\nhome = ["{home}"]\n'
        f'source = "a replica on this machine"\n', encoding="utf-8")


def crawl_all(registry, archive, *extra: str):
    cmd = [sys.executable, "-m", "portscraper.cli", "crawl", "--all", "--jobs", "3",
           "--log-dir", str(archive / "logs"), "-s", f"REGISTRY={registry}",
           "-s", f"ARCHIVE_DIR={archive}", *extra]
    for key, value in FAST.items():
        cmd += ["-s", f"{key}={value}"]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_crawl_all_runs_every_due_group_and_one_failing_stops_none(tmp_path):
    registry, archive = tmp_path / "registry", tmp_path / "archive"
    registry.mkdir()
    archive.mkdir()
    servers = {name: ReplicaServer(build_site(), family=family)
               for name, family in (("alpha", "trs"), ("beta", "hanweb"),
                                    ("gamma", "phpcms"))}
    urls = {name: server.start() for name, server in servers.items()}
    for name, url in urls.items():
        register(registry, name, url)
    register(registry, "delta", f"http://127.0.0.1:{closed_port()}/")  # down
    try:
        run = crawl_all(registry, archive)
        again = crawl_all(registry, archive)
    finally:
        for server in servers.values():
            server.stop()
    lines = run.stdout.strip().splitlines()
    assert sorted(line.split()[1] for line in lines) == ["alpha:", "beta:", "delta:", "gamma:"]
    verdicts = {line.split()[1].rstrip(":"): line.split()[0] for line in lines}
    assert verdicts == {"alpha": "ok", "beta": "ok", "gamma": "ok", "delta": "unreachable"}
    assert run.returncode == EXIT_UNREACHABLE, run.stdout + run.stderr
    # Four archives, one per group, each with its group's articles and nothing else.
    for name, server in servers.items():
        want = set(server.family.expected_articles(urls[name]))
        with sqlite3.connect(archive / f"{name}.db") as conn:
            stored = {u for (u,) in conn.execute("SELECT url FROM article_urls")}
            sites = {s for (s,) in conn.execute("SELECT DISTINCT site FROM articles")}
        conn.close()
        assert stored == want and sites == {name}
        assert (archive / "logs" / f"{name}.log").is_file()
    with sqlite3.connect(archive / "delta.db") as conn:
        # Two runs: the second is the one a minute later, below (an unreachable group is due).
        assert conn.execute("SELECT health FROM crawls").fetchall() == [("unreachable",)] * 2
    conn.close()
    # A minute later, the groups whose run was ok are not due: one line each, with the last
    # verdict and when the group is next due. The unreachable one is due again at once.
    again_lines = again.stdout.strip().splitlines()
    not_due = sorted(line for line in again_lines if line.startswith("not due "))
    assert [line.split()[2] for line in not_due] == ["alpha:", "beta:", "gamma:"], again.stdout
    assert all(re.fullmatch(r"not due \w+: last run ok \d{4}-\d\d-\d\d \d\d:\d\d UTC; "
                            r"next due \d{4}-\d\d-\d\d \d\d:\d\d UTC", line)
               for line in not_due), not_due
    assert [line.split()[:2] for line in again_lines if not line.startswith("not due ")] == [
        ["unreachable", "delta:"]]
    assert again.returncode == EXIT_UNREACHABLE
    # `portscraper sites`: each group's last verdict, when it ran, when it is next due.
    sites = subprocess.run(
        [sys.executable, "-m", "portscraper.cli", "sites", "-s", f"REGISTRY={registry}",
         "-s", f"ARCHIVE_DIR={archive}"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    blocks = {block.split()[0]: block for block in sites.stdout.split("\n\n")[1:]}
    assert re.search(r"\(last run ok \d{4}-\d\d-\d\d \d\d:\d\d UTC\).*next due",
                     blocks["alpha"], re.S), blocks["alpha"]
    assert re.search(r"\(last run unreachable .*UTC\).*due now", blocks["delta"], re.S), \
        blocks["delta"]


class Started:
    """A stand-in for one group's `portscraper crawl NAME` process: it runs until the test
    ends it, then prints its summary line and exits with its code."""

    def __init__(self, cmd, stdout, **kwargs):
        self.group = cmd[cmd.index("crawl") + 1]
        self.stdout, self.returncode = stdout, None

    def poll(self):
        return self.returncode

    def end(self, code: int, verdict: str):
        self.stdout.write(f"{verdict} {self.group}: 0 new, 0 updated, 0 removed, 0 pages lost, "
                          "1 requests, 0.1 s\n")
        self.returncode = code

    def send_signal(self, signum):
        self.end(6, "interrupted")


def test_groups_that_share_a_host_never_run_at_once(tmp_path, monkeypatch):
    """Five groups, --jobs 4: a and b share a host (b's site moved from a's, `former`), c is
    a's host with www., d and e stand alone. Whenever the scheduler looks, no two running
    groups share a host; each waits for the other, and all five run. The exit code is the
    worst group's by the docs' order: unreachable (1) before degraded (5), not the largest."""
    from portscraper.runs import all_groups

    registry = tmp_path / "groups"
    registry.mkdir()
    register(registry, "a", "http://port-a.example/")
    (registry / "b.toml").write_text(
        'name_zh = "b港口集团"\nname_en = "b port group"\nhome = ["http://port-b.example/"]\n'
        'former = ["port-a.example"]\nsource = "test"\n', encoding="utf-8")
    register(registry, "c", "http://www.port-a.example/")
    register(registry, "d", "http://port-d.example/")
    register(registry, "e", "http://port-e.example/")
    started: list[Started] = []
    seen_at_once: list[set[str]] = []

    def popen(cmd, **kwargs):
        started.append(Started(cmd, **kwargs))
        return started[-1]

    def tick(seconds):
        running = [p for p in started if p.returncode is None]
        seen_at_once.append({p.group for p in running})
        if running:  # the oldest running group ends at each look: one change at a time
            running[0].end(*{"a": (5, "degraded"), "d": (1, "unreachable")}.get(
                running[0].group, (0, "ok")))

    monkeypatch.setattr(all_groups.subprocess, "Popen", popen)
    monkeypatch.setattr(all_groups.time, "sleep", tick)
    out = tmp_path / "out.txt"
    with out.open("w") as stream:
        code = all_groups.run_all({"REGISTRY": str(registry), "ARCHIVE_DIR": str(tmp_path)},
                                  None, tmp_path / "logs", jobs=4, force=True, out=stream)
    assert sorted(p.group for p in started) == ["a", "b", "c", "d", "e"]
    sharing = [{"a", "b"}, {"a", "c"}]
    for together in seen_at_once:
        assert not any(pair <= together for pair in sharing), seen_at_once
    assert max(len(together) for together in seen_at_once) >= 3  # others ran beside
    assert code == EXIT_UNREACHABLE
    lines = out.read_text().splitlines()
    assert sorted(line.split()[1] for line in lines) == ["a:", "b:", "c:", "d:", "e:"]
