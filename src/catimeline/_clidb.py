"""``catimeline db``: the schema migrations of a database (upgrade, downgrade, current, check).

Each command opens the database without migrating or seeding it, so it works on a
database at any revision (or none).
"""

from __future__ import annotations

from typing import Any, Literal

import click

from catimeline._clioptions import friendly, url_option
from catimeline._errors import MigrationError


@click.group()
def db() -> None:
    """Schema migrations: upgrade, downgrade, current, check."""


def _engine(url: str | None) -> Any:
    import catimeline

    return catimeline.open(url, migrate=False, seed=False).engine


def _move(url: str | None, revision: str, step: Literal["upgrade", "downgrade"]) -> None:
    """Upgrade or downgrade (``step``) the schema to ``revision`` and say where it is then."""
    from catimeline._store import migrate

    engine = _engine(url)
    move = migrate.upgrade if step == "upgrade" else migrate.downgrade
    move(engine, revision)
    click.echo(f"at revision {migrate.current(engine)}")


@db.command()
@click.argument("revision", default="head")
@url_option
@friendly
def upgrade(revision: str, url: str | None) -> None:
    """Upgrade the schema to REVISION (default: head)."""
    _move(url, revision, "upgrade")


@db.command()
@click.argument("revision")
@url_option
@friendly
def downgrade(revision: str, url: str | None) -> None:
    """Downgrade the schema to REVISION ('base' removes every catimeline table)."""
    _move(url, revision, "downgrade")


@db.command()
@url_option
@friendly
def current(url: str | None) -> None:
    """Print the revision the database is at."""
    from catimeline._store import migrate

    click.echo(migrate.current(_engine(url)) or "none (no catimeline tables)")


@db.command()
@url_option
@friendly
def check(url: str | None) -> None:
    """Check that the database schema matches this version of catimeline."""
    from catimeline._store import migrate

    diffs = migrate.check(_engine(url))
    if diffs:
        for diff in diffs:
            click.echo(f"differs: {diff}", err=True)
        raise MigrationError(
            f"{len(diffs)} differences between the database and catimeline's schema"
        )
    click.echo("schema up to date")
