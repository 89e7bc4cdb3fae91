"""Fresh databases of one kind (SQLite files or Postgres schemas) and raw connections to them."""

from __future__ import annotations

import importlib
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text


class Backend:
    """Fresh databases of one kind (SQLite files or Postgres schemas) and raw connections."""

    def __init__(self, url: str | None, folder: Path) -> None:
        self.base = url
        self.folder = folder
        self.schemas: list[str] = []
        self.name = "sqlite" if url is None else make_url(url).get_backend_name()
        if self.name not in ("sqlite", "postgresql"):
            raise SystemExit(f"--url must be a Postgres URL (SQLite is the default), not {url}")

    def fresh(self, label: str) -> str:
        """The URL of a new empty database called ``label``."""
        if self.base is None:
            path = self.folder / f"{label}.db"
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return f"sqlite:///{path}"
        schema = f"bench_{label}_{uuid.uuid4().hex[:8]}"
        engine = create_engine(self.base)
        with engine.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        self.schemas.append(schema)
        url = make_url(self.base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def drop_all(self) -> None:
        """Drop the Postgres schemas made by :meth:`fresh`."""
        if not self.schemas:
            return
        engine = create_engine(self.base or "")
        with engine.begin() as c:
            for schema in self.schemas:
                c.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()

    def raw(self, url: str, *, bulk: bool = False) -> Any:
        """A raw DBAPI connection (sqlite3 or psycopg) to ``url``.

        SQLite connections get the page cache and memory mapping catimeline's own
        connections use: its bulk-load cache with ``bulk``, its read cache otherwise.
        """
        parsed = make_url(url)
        if self.name == "sqlite":
            con = sqlite3.connect(str(parsed.database), isolation_level=None)
            con.execute("PRAGMA foreign_keys=ON")
            con.execute(f"PRAGMA cache_size=-{bulk_cache_kib() if bulk else read_cache_kib()}")
            con.execute(f"PRAGMA mmap_size={mmap_bytes()}")
            return con
        import psycopg

        conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        return psycopg.connect(conninfo)

    @property
    def mark(self) -> str:
        return "?" if self.name == "sqlite" else "%s"


def bulk_cache_kib() -> int:
    """The SQLite page cache catimeline uses for a streamed load (the raw load gets the same)."""
    for module in ("catimeline._store.inserting", "catimeline._store.repository"):
        try:  # where it lives now, then where older releases kept it
            return int(importlib.import_module(module).BULK_CACHE_KIB)
        except (ImportError, AttributeError):
            continue
    return 2000  # a catimeline older still: SQLite's default page cache


def read_cache_kib() -> int:
    """The SQLite page cache of catimeline's connections (the raw queries get the same)."""
    try:
        from catimeline._store.sqlite import READ_CACHE_KIB
    except ImportError:  # an older catimeline: SQLite's default page cache
        return 2000
    return int(READ_CACHE_KIB)


def mmap_bytes() -> int:
    """How much of an SQLite file catimeline's connections memory-map (raw ones get the same)."""
    try:
        from catimeline._store.sqlite import MMAP_BYTES
    except ImportError:  # an older catimeline: SQLite's default, no memory mapping
        return 0
    return int(MMAP_BYTES)
