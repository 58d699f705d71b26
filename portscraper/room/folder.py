"""An archive file that appears in the served folder is shown without a restart.

`datasette archive/` (a configuration directory) serves the *.db files it finds at start-up;
`portscraper crawl --all` makes a new group's archive later. On every request the plugin calls
`refresh(datasette)`: one stat of the folder (its modification time changes when a file is
created, renamed into it or removed), and only when that changed, a scan that adds each new
*.db, *.sqlite or *.sqlite3 file with Datasette's own `add_database`, named after its file as
at start-up. A file being built beside its archive (`demo.db.new`, `NAME.db.bak`) is not one.
Nothing is removed: a file that disappears answers as Datasette answers a missing file.
Without a configuration directory (`datasette a.db b.db`) there is no folder and nothing to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from datasette.database import Database

EXTENSIONS = ("db", "sqlite", "sqlite3")  # what Datasette serves from a configuration directory
_SEEN: dict[int, int] = {}  # id(datasette) -> the folder's st_mtime_ns when last scanned


def refresh(datasette) -> list[str]:
    """Add the folder's new archive files to Datasette; the names added (usually none)."""
    folder = datasette.config_dir
    if folder is None:
        return []
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return []
    if _SEEN.get(id(datasette)) == mtime:
        return []
    _SEEN[id(datasette)] = mtime
    served = {os.path.realpath(db.path) for db in datasette.databases.values() if db.path}
    added = []
    for ext in EXTENSIONS:
        for path in sorted(Path(folder).glob(f"*.{ext}")):
            if os.path.realpath(path) in served or not path.is_file():
                continue
            db = datasette.add_database(Database(datasette, path=str(path), is_mutable=True),
                                        name=path.stem)
            added.append(db.name)
    return added
